package dev.pristine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs end to end on SQLite and prints the documented JSON object (tiny sizes: shape, not speed). */
class BenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void printsOneJsonObjectWithEveryModeAndTheRatios() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = BenchCommand.execute("--engine", "sqlite", "--tests", "6", "--workers", "2", "--rounds", "1",
                    "--warmup", "0", "--work-dir", dir.toString(), "--json");
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("engine").asText()).isEqualTo("sqlite");
        assertThat(json.get("tests").asInt()).isEqualTo(6);
        assertThat(json.get("workers").asInt()).isEqualTo(2);
        assertThat(json.get("modes").fieldNames()).toIterable()
                .containsExactly("shared", "rollback", "naive", "pristine", "pristine-nopool", "raw-clone");
        for (JsonNode mode : json.get("modes")) {
            assertThat(mode.get("wallMillis").asDouble()).isPositive();
            assertThat(mode.has("acquireP50Micros")).isTrue();
            assertThat(mode.has("acquireP99Micros")).isTrue();
            assertThat(mode.get("meanPerTestMicros").get("work").asDouble()).isPositive();
            assertThat(mode.get("meanPerTestMicros").has("acquire")).isTrue();
            assertThat(mode.get("meanPerTestMicros").has("release")).isTrue();
        }
        assertThat(json.get("modes").get("naive").get("note").asText()).startsWith("Flyway 13.");
        assertThat(json.get("ratios").fieldNames()).toIterable()
                .contains("pristineOverShared", "naiveOverPristine", "pristineOverRawClone");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<svg", "Wall time per mode", "Acquire latency", "pristine-nopool",
                "where the time goes");
        assertThat(dir.resolve("report-wall.svg")).content().startsWith("<?xml").contains("<svg", "raw-clone");
        assertThat(dir.resolve("report-latency.svg")).content().contains("<svg", "pristine");
    }

    @Test
    void aBadModeIsAUsageError() {
        assertThat(BenchCommand.execute("--modes", "fastest", "--work-dir", dir.toString())).isEqualTo(2);
    }

    @Test
    void theGeneratedSchemaHasOneTablePerMigration() throws Exception {
        SchemaGenerator.generate(dir.resolve("s"), 40);
        try (var files = Files.list(dir.resolve("s"))) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(40).contains("V1__t01.sql", "V40__t40.sql");
        }
        assertThat(Files.readString(dir.resolve("s/V2__t02.sql"))).contains("REFERENCES t01 (id)");
    }
}
