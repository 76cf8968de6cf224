package dev.pristine.bench.micro;

import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import dev.pristine.bench.SchemaGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Acquire and release of a SQLite clone of the generated 40-table schema, with and without the pool. */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AcquireBenchmark {

    @Param({"4", "0"})
    public int poolSize;

    private Pristine pristine;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("pristine-jmh-");
        pristine = Pristine.builder().engine("sqlite").stateDir(dir.resolve("state"))
                .migrations(SchemaGenerator.generate(dir.resolve("schema"), 40)).poolSize(poolSize).build();
        pristine.prepare();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pristine.close();
    }

    @Benchmark
    public String acquireAndRelease() {
        try (TestDatabase db = pristine.acquire("jmh")) {
            return db.id();
        }
    }
}
