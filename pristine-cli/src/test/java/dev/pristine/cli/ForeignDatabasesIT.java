package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the file engines, a {@code pristine_*} file without Pristine's owner sidecar is someone else's: gc keeps
 * it, release refuses it (exit 6), while a build left by a killed builder (it has a sidecar) is still dropped.
 */
class ForeignDatabasesIT {

    private static final String REFUSED = "refusing to release a database that is not a clone Pristine made, %s, release "
            + "only ids printed by 'pristine lease' or 'pristine status'; Pristine never drops anything else";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"sqlite, .db", "h2, .mv.db"})
    void gcKeepsAPristineNamedFileThatHasNoOwnerMarker(String engine, String suffix) throws Exception {
        Path clones = Files.createDirectories(tmp.resolve("state").resolve(engine).resolve("clones"));
        Path mine = Files.writeString(clones.resolve("pristine_mine" + suffix), "my data");
        Files.setLastModifiedTime(mine, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        JsonNode gc = Cli.run("gc", "--engine", engine, "--state-dir", tmp.resolve("state").toString(), "--json").ok();

        assertThat(gc.get("dropped")).isEmpty();
        assertThat(mine).hasContent("my data");
        JsonNode status = Cli.run("status", "--engine", engine, "--state-dir", tmp.resolve("state").toString(), "--json").ok();
        assertThat(status.get("clones")).as("not Pristine's, so not listed").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"sqlite, .db", "h2, .mv.db"})
    void releaseOfAPristineNamedFileThatHasNoOwnerMarkerExitsWith6(String engine, String suffix) throws Exception {
        Path clones = Files.createDirectories(tmp.resolve("state").resolve(engine).resolve("clones"));
        Path mine = Files.writeString(clones.resolve("pristine_mine" + suffix), "my data");

        Cli.Run run = Cli.run("release", "pristine_mine", "--engine", engine, "--state-dir", tmp.resolve("state").toString(),
                "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(6);
        assertThat(run.err()).isEqualTo("pristine: UNSAFE_TARGET: " + REFUSED.formatted("pristine_mine") + "\n");
        assertThat(run.json().get("error").get("exitCode").asInt()).isEqualTo(6);
        assertThat(mine).hasContent("my data");
    }

    @ParameterizedTest
    @CsvSource({"sqlite", "h2"})
    void releaseOfANameThatIsGoneAlreadyIsNotAnError(String engine) {
        JsonNode release = Cli.run("release", "pristine_gone", "--engine", engine, "--state-dir",
                tmp.resolve("state").toString(), "--json").ok();

        assertThat(release.get("released").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sqlite | CREATE TABLE t AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT SUM(x) FROM c;",
        "h2     | CREATE TABLE t AS SELECT SUM(X) FROM SYSTEM_RANGE(1, 500000000000);"})
    void gcStillDropsTheBuildOfAKilledBuilder(String engine, String slow) throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        // Runs for minutes: the builder is killed while it migrates.
        Files.writeString(migrations.resolve("V1__slow.sql"), slow + "\n");
        String state = tmp.resolve("state").toString();
        Process builder = Cli.start(Main.class, "prepare", "--engine", engine, "--migrations", migrations.toString(),
                "--state-dir", state);
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(builder.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertThat(line).as("the builder's first progress line").startsWith("pristine: building template ");
        } finally {
            builder.destroyForcibly();
            assertThat(builder.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        Path builds = tmp.resolve("state").resolve(engine).resolve("builds");
        String build;
        try (Stream<Path> files = Files.list(builds)) {
            build = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".owner")).findFirst().orElseThrow()
                    .replace(".owner", "");
        }

        JsonNode gc = Cli.run("gc", "--engine", engine, "--state-dir", state, "--json").ok();

        assertThat(gc.get("dropped")).extracting(JsonNode::asText).containsExactly(build);
        try (Stream<Path> files = Files.list(builds)) {
            assertThat(files).as("every file of the dead build is gone").isEmpty();
        }
    }
}
