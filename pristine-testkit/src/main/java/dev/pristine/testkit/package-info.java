/**
 * The contract every Pristine engine passes against a real engine: extend {@link dev.pristine.testkit.EngineContract}
 * in the engine module's tests and say how to reach the engine.
 */
package dev.pristine.testkit;
