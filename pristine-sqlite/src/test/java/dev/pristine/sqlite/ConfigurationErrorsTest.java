package dev.pristine.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user who got the configuration wrong reads, word for word. */
class ConfigurationErrorsTest {

    @TempDir
    Path dir;

    private PristineBuilder builder(Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.put("state-dir", dir.resolve("state").toString());
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s));
    }

    @Test
    void missingMigrationsSayWhatToSet() {
        assertThatThrownBy(() -> builder(Map.of()).build()).isInstanceOfSatisfying(PristineException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(e.getMessage()).isEqualTo("no migrations configured, pristine.migrations is unset, pass --migrations "
                    + "DIR, set pristine.migrations / PRISTINE_MIGRATIONS, or call migrations(Path)");
        });
    }

    @Test
    void aMissingMigrationsDirectoryIsNamed() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> builder(Map.of("migrations", missing.toString())).build())
                .isInstanceOfSatisfying(PristineException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("migrations location does not exist, " + missing
                                + ", point pristine.migrations / --migrations at your migrations directory or changelog"));
    }

    @Test
    void theBusyTimeoutIsADurationLikeEveryOther() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id INTEGER);");
        try (Pristine p = builder(Map.of("migrations", dir.toString(), "sqlite.busy-timeout", "7s", "pool-size", "0")).build();
                var db = p.acquire("busy")) {
            assertThat(db.jdbcUrl()).contains("busy_timeout=7000");
        }
        assertThatThrownBy(() -> builder(Map.of("migrations", dir.toString(), "sqlite.busy-timeout", "soon")).build())
                .hasMessage("pristine.sqlite.busy-timeout is not a duration, soon, write it like 500ms, 30s, 10m, 24h, 7d or PT1H30M");
    }

    @Test
    void sqliteTakesNoUrl() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "SELECT 1;");
        assertThatThrownBy(() -> builder(Map.of("migrations", dir.toString(), "url", "jdbc:sqlite:/tmp/x.db")).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("the sqlite engine keeps its databases in the state directory "
                            + "and takes no URL, jdbc:sqlite:/tmp/x.db, remove --url / pristine.url, and use --state-dir / "
                            + "PRISTINE_STATE_DIR to choose where files go");
                });
    }

    @Test
    void psqlMetaCommandsAndDatabaseSwitchesAreRefusedWithFileAndLine() throws Exception {
        Files.writeString(dir.resolve("V1__chinook.sql"), "DROP TABLE IF EXISTS x;\n\\c chinook;\nCREATE TABLE a (id INT);\n");
        try (Pristine p = builder(Map.of("migrations", dir.toString())).build()) {
            assertThatThrownBy(p::prepare).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage()).isEqualTo("migration V1__chinook.sql line 2: psql meta-command is not SQL, "
                        + "\\c chinook, remove that line: Pristine creates, names and connects to each database itself");
            });
        }
        Files.writeString(dir.resolve("V1__chinook.sql"), "CREATE DATABASE chinook;\n");
        try (Pristine p = builder(Map.of("migrations", dir.toString())).build()) {
            assertThatThrownBy(p::prepare).hasMessageStartingWith(
                    "migration V1__chinook.sql line 1: statement switches, creates, alters or drops a database, "
                            + "CREATE DATABASE chinook");
        }
    }

    @Test
    void releaseRefusesNamesPristineCouldNotHaveMade() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "SELECT 1;");
        Path precious = dir.resolve("precious.db");
        Files.writeString(precious, "user data");
        try (Pristine p = builder(Map.of("migrations", dir.toString())).build()) {
            assertThat(p.release("pristine_nothing_here")).isFalse();
            assertThatThrownBy(() -> p.release("../../precious")).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_TARGET);
                assertThat(e.getMessage()).isEqualTo("not a database Pristine created, ../../precious, "
                        + "use an id printed by lease or status (they start with pristine_)");
            });
        }
        assertThat(precious).hasContent("user data");
    }
}
