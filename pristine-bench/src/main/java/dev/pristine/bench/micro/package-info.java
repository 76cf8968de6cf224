/** JMH micro-benchmarks: warm-pool acquire, fingerprinting, redaction. Run with {@code pristine bench micro}. */
package dev.pristine.bench.micro;
