package dev.pristine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zonky mode runs the Java peer (embedded-database-spring-test's template + prefetching providers on
 * its own embedded PostgreSQL) beside Pristine on Pristine's embedded PostgreSQL, whose baselines need no
 * URL. Tiny sizes: shape, not speed.
 */
class ZonkyModeIT {

    @TempDir
    Path dir;

    @Test
    void runsThePeerBesidePristineOnTheEmbeddedServerAndReportsTheRatio() throws Exception {
        Result r = run("--engine", "postgres", "--modes", "shared,raw-clone,pristine,zonky", "--tests", "4",
                "--workers", "2", "--rounds", "1", "--warmup", "0", "--work-dir", dir.toString(), "--json");

        assertThat(r.exit).as(r.err).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("engine").asText()).isEqualTo("postgres");
        assertThat(json.get("modes").fieldNames()).toIterable()
                .containsExactly("shared", "pristine", "raw-clone", "zonky");
        JsonNode zonky = json.get("modes").get("zonky");
        assertThat(zonky.get("wallMillis").asDouble()).isPositive();
        assertThat(zonky.get("note").asText())
                .startsWith("embedded-database-spring-test 2.7.1, embedded PostgreSQL 17.");
        // the physical limit on the embedded server uses the strategy Pristine's auto picks there
        assertThat(json.get("modes").get("raw-clone").get("note").asText())
                .startsWith("CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY");
        assertThat(json.get("ratios").fieldNames()).toIterable()
                .contains("zonkyOverPristine", "pristineOverRawClone", "pristineOverShared");
        // exit 0 means the work (inserts into t01/t02) succeeded on every database zonky handed out: all migrated
        assertThat(r.err).contains("zonky template ready in", "round 1/1 zonky");
    }

    @Test
    void besideAServerOfYoursZonkyIsLeftOutOfTheDefaultModes() throws Exception {
        String url = System.getenv().getOrDefault("PRISTINE_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        Result r = run("--engine", "postgres", "--url", url, "--user", "postgres", "--tests", "2", "--workers", "2",
                "--rounds", "1", "--warmup", "0", "--work-dir", dir.toString(), "--json");

        assertThat(r.exit).as(r.err).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("modes").fieldNames()).toIterable()
                .containsExactly("shared", "rollback", "naive", "pristine", "pristine-nopool", "raw-clone");
        assertThat(json.get("ratios").has("zonkyOverPristine")).isFalse();
    }

    @Test
    void zonkyIsRefusedOnAnotherEngineWithTheReason() throws Exception {
        Result r = run("--engine", "sqlite", "--modes", "pristine,zonky", "--work-dir", dir.toString());

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("mode 'zonky' runs only with --engine postgres", "engine here: sqlite");
    }

    @Test
    void theDefaultModesOfOtherEnginesLeaveZonkyOut() {
        assertThat(Mode.defaultsFor("sqlite")).doesNotContain(Mode.ZONKY).contains(Mode.PRISTINE, Mode.RAW_CLONE);
        assertThat(Mode.defaultsFor("postgres")).contains(Mode.ZONKY, Mode.PRISTINE);
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = BenchCommand.execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
