package dev.pristine.bench.micro;

import dev.pristine.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Reading and fingerprinting a directory of 1,000 migration files (what every start of a test run pays). */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FingerprintBenchmark {

    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("pristine-jmh-fp-");
        for (int i = 1; i <= 1000; i++) {
            Files.writeString(dir.resolve("V" + i + "__change_" + i + ".sql"), ("ALTER TABLE t ADD COLUMN c" + i
                    + " INTEGER;\nINSERT INTO audit (id, note) VALUES (" + i + ", 'migration " + i + "');\n").repeat(4));
        }
    }

    @Benchmark
    public String fingerprint1000Files() {
        return Migrations.sqlDirectory(dir).fingerprint();
    }
}
