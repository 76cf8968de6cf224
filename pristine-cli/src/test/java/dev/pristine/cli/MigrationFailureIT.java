package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken migration: exit 3 naming the file and line, nothing published, and a fixed one builds. */
class MigrationFailureIT {

    @TempDir
    Path tmp;

    @Test
    void aBrokenMigrationExitsWith3NamesFileAndLineAndPublishesNothing() throws Exception {
        Path migrations = Cli.schema(tmp);
        String state = tmp.resolve("state").toString();
        Path v3 = migrations.resolve("V3__shelf.sql");
        Files.writeString(v3, "-- shelves\n\nCREATE TABLE shelf (id INTEGER PRIMARY KEY);\nCREAT TABLE oops (id INTEGER);\n");

        Cli.Run failed = Cli.run("prepare", "--migrations", migrations.toString(), "--state-dir", state, "--json");

        assertThat(failed.exit()).as(failed.toString()).isEqualTo(3);
        assertThat(failed.err().lines()).as("one line, no stack trace").singleElement().asString()
                .startsWith("pristine: MIGRATION_FAILED: migration V3__shelf.sql failed at line 4: ")
                .contains("syntax error")
                .endsWith(", fix the migration and run again; no template was published for it");
        JsonNode error = failed.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("MIGRATION_FAILED");
        assertThat(error.get("exitCode").asInt()).isEqualTo(3);
        assertThat(error.get("message").asText()).startsWith("migration V3__shelf.sql failed at line 4: ");
        String brokenKey = failed.json().get("key").asText();

        JsonNode status = Cli.run("status", "--state-dir", state, "--json").ok();
        assertThat(status.get("templates")).extracting(t -> t.get("key").asText()).doesNotContain(brokenKey);

        Files.writeString(v3, "-- shelves\n\nCREATE TABLE shelf (id INTEGER PRIMARY KEY);\nCREATE TABLE fixed (id INTEGER);\n");
        JsonNode fixed = Cli.run("prepare", "--migrations", migrations.toString(), "--state-dir", state, "--json").ok();
        assertThat(fixed.get("built").asBoolean()).isTrue();
        assertThat(fixed.get("key").asText()).isNotEqualTo(brokenKey);
    }
}
