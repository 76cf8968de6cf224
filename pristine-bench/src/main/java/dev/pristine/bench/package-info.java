/**
 * The suite benchmark: a suite of N tests on W workers, each leasing a database, doing a little work
 * and releasing it, in several modes measured in one interleaved run. Entry point: {@link dev.pristine.bench.SuiteBenchmark}.
 */
package dev.pristine.bench;
