package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL clone whose creator was killed between {@code CREATE DATABASE} and its {@code COMMENT} (the
 * owner marker) has no owner: {@code status} shows it as being created, under every key filter, instead of
 * hiding it for the minute before it counts as an orphan.
 */
class UnmarkedCloneIT {

    private static final String PG_URL = System.getenv().getOrDefault("PRISTINE_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_USER = System.getenv().getOrDefault("PRISTINE_PG_USER", "postgres");

    @TempDir
    Path tmp;

    @Test
    void aCloneLeftUnmarkedByAKilledCreatorIsListedAsBeingCreatedUnderEveryFilter() throws Exception {
        Path migrations = Cli.schema(tmp);
        String unique = UUID.randomUUID().toString().replace("-", "");
        // a key of this test alone, so that its template can be dropped without touching anyone else's
        Files.writeString(migrations.resolve("V3__unique.sql"), "CREATE TABLE unmarked_" + unique + " (id INTEGER);\n");
        String[] server = {"--engine", "postgres", "--url", PG_URL, "--user", PG_USER, "--migrations",
            migrations.toString(), "--state-dir", tmp.resolve("state").toString(), "--json"};
        JsonNode prepared = Cli.run(concat(new String[] {"prepare"}, server)).ok();
        String key = prepared.get("key").asText();
        String template = prepared.get("template").asText();
        String clone = "pristine_killed_" + unique.substring(0, 8);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null); Statement s = c.createStatement()) {
            try {
                // what PostgresCloner.create leaves when its JVM dies before the COMMENT ON DATABASE: the tagged
                // CREATE DATABASE alone (the tag is the creation time in seconds since 2001-09-09)
                s.execute("CREATE DATABASE \"" + clone + "\" TEMPLATE \"" + template + "\" CONNECTION LIMIT "
                        + (Instant.now().getEpochSecond() - 1_000_000_000L));

                for (String[] filter : List.of(new String[] {"--key", key.substring(0, 12)}, new String[0])) {
                    JsonNode status = Cli.run(concat(concat(new String[] {"status"}, server), filter)).ok();
                    assertThat(status.get("clones")).as("status with %s", filter.length == 0 ? "--migrations" : "--key")
                            .filteredOn(n -> n.get("id").asText().equals(clone)).singleElement().satisfies(n -> {
                                assertThat(n.get("name").asText()).isEqualTo(clone);
                                assertThat(n.get("owner").asText()).isEqualTo("being created (no owner marker yet)");
                                assertThat(n.get("key").asText()).isEmpty();
                                assertThat(n.get("orphan").asBoolean()).isFalse();
                                assertThat(n.get("ageSeconds").isIntegralNumber()).isTrue();
                            });
                }
            } finally {
                s.execute("DROP DATABASE IF EXISTS \"" + clone + "\"");
                s.execute("ALTER DATABASE \"" + template + "\" WITH IS_TEMPLATE false");
                s.execute("DROP DATABASE IF EXISTS \"" + template + "\"");
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
