package dev.pristine.bench.micro;

import dev.pristine.Redact;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Masking passwords in a typical error message and in a 64 KB worst case. */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedactionBenchmark {

    private final String typical = "cannot connect to jdbc:postgresql://app:s3cret@127.0.0.1:5432/db?ssl=true&password=s3cret "
            + "(FATAL: password authentication failed for user \"app\"), check the URL, user and password";
    private final String worst = "password=password:".repeat(64 * 1024 / 18);

    @Benchmark
    public String typicalMessage() {
        return Redact.mask(typical);
    }

    @Benchmark
    public String worstCase64k() {
        return Redact.mask(worst);
    }
}
