package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pristine demo}: what a newcomer reads first. */
class DemoIT {

    @TempDir
    Path tmp;

    @Test
    void theDemoShowsTheTemplateTheLeasesTheirIsolationAndTheFigures() throws Exception {
        Path state = tmp.resolve("state");
        Cli.Run run = Cli.run("demo", "--migrations", Cli.schema(tmp).toString(), "--leases", "2", "--state-dir",
                state.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Pristine demo: sqlite at " + state.resolve("sqlite") + " with SQL migrations ")
                .containsPattern("template [0-9a-f]{12} +built once in \\d+ ms, published atomically")
                .contains("every clone has        2 tables, 1 view, 4 rows of seed data")
                .containsPattern("leased 2 databases +acquire median [0-9.]+ ms, p99 [0-9.]+ ms")
                .contains("isolation              wrote one row into each; each database holds its own row and no other")
                .contains("released               2 databases, dropped")
                .containsPattern("scratch vs clone +migrating one database takes \\d+ ms, acquiring a clone [0-9.]+ ms: \\d+x faster");
        // Given a state dir, the demo leaves its template there and no clone.
        try (var clones = Files.list(state.resolve("sqlite").resolve("clones"))) {
            assertThat(clones).isEmpty();
        }
    }

    @Test
    void theDemoHonoursPristineStateDir() throws Exception {
        Path state = tmp.resolve("from-env");
        Cli.Run run = Cli.run(Map.of("PRISTINE_STATE_DIR", state.toString()), "demo", "--migrations",
                Cli.schema(tmp).toString(), "--leases", "2");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Pristine demo: sqlite at " + state.resolve("sqlite") + " with SQL migrations ");
        try (var templates = Files.list(state.resolve("sqlite").resolve("templates"))) {
            assertThat(templates.filter(f -> f.toString().endsWith(".db"))).hasSize(1);
        }
    }

    @Test
    void withoutTheExampleSchemaTheDemoSaysWhereToRunIt() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "demo").directory(tmp.toFile()).start();
        Cli.Run run = Cli.finish(p);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: the demo schema is missing, "
                + tmp.toRealPath().resolve("examples/bookstore-schema")
                + ", run ./pristine demo from the repository root, or pass --migrations DIR\n");
    }
}
