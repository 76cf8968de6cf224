package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk during a build is a storage error (exit 7) that says where, not a migration to fix; and a
 * transaction SQLite rolled back by itself never hides the failure behind "cannot commit".
 */
class DiskFullIT {

    /** Fills more than the 4 pages the first migration allows the build database: a real SQLITE_FULL. */
    private static final String FILL = "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT);\n"
            + "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000)\n"
            + "INSERT INTO t (s) SELECT printf('%.500c', 'x') FROM c;\n";

    @TempDir
    Path tmp;

    @Test
    void aFullDatabaseDuringTheBuildExitsWith7NamingTheStateDirectoryAndTheCause() throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__limit.sql"), "PRAGMA max_page_count = 4;\n");
        Files.writeString(migrations.resolve("V2__fill.sql"), FILL);
        Path state = tmp.resolve("state");

        Cli.Run run = Cli.run("prepare", "--migrations", migrations.toString(), "--state-dir", state.toString(), "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(7);
        String message = "the disk is full while building the template "
                + "([SQLITE_FULL] Insertion failed because database is full (database or disk is full)), "
                + "state directory " + state.resolve("sqlite") + ", free space there, or choose another state directory "
                + "with --state-dir / PRISTINE_STATE_DIR, and run again; no template was published for it";
        assertThat(run.err()).isEqualTo("pristine: STORAGE: " + message + "\n");
        JsonNode error = run.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("STORAGE");
        assertThat(error.get("exitCode").asInt()).isEqualTo(7);
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    @Test
    void withVerboseTheCauseChainDownToSqliteIsPrinted() throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__limit.sql"), "PRAGMA max_page_count = 4;\n");
        Files.writeString(migrations.resolve("V2__fill.sql"), FILL);

        Cli.Run run = Cli.run("prepare", "--migrations", migrations.toString(), "--state-dir",
                tmp.resolve("state").toString(), "--verbose");

        assertThat(run.exit()).as(run.toString()).isEqualTo(7);
        assertThat(run.err().lines().filter(l -> l.startsWith("Caused by: "))).containsExactly(
                "Caused by: dev.pristine.PristineException: migration V2__fill.sql failed at line 2: [SQLITE_FULL] "
                        + "Insertion failed because database is full (database or disk is full), statement "
                        + "`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000) INSERT INTO t "
                        + "(s) SELECT printf('%.500...`, fix the migration and run again; no template was published for it",
                "Caused by: org.sqlite.SQLiteException: [SQLITE_FULL] Insertion failed because database is full "
                        + "(database or disk is full)");
    }

    @Test
    void aTransactionSqliteRolledBackItselfReportsTheFailureNotCannotCommit() throws Exception {
        // RAISE(ROLLBACK) ends the whole transaction inside the statement, as SQLITE_FULL at commit does.
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__guard.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
                + "CREATE TRIGGER no_seven BEFORE INSERT ON t WHEN NEW.id = 7 BEGIN SELECT RAISE(ROLLBACK, 'seven is refused'); END;\n"
                + "INSERT INTO t VALUES (7);\n");

        Cli.Run run = Cli.run("prepare", "--migrations", migrations.toString(), "--state-dir",
                tmp.resolve("state").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("pristine: MIGRATION_FAILED: migration V1__guard.sql failed at line 3: "
                + "[SQLITE_CONSTRAINT_TRIGGER] A RAISE function within a trigger fired, causing the SQL statement to abort "
                + "(seven is refused), statement `INSERT INTO t VALUES (7)`, fix the migration and run again; "
                + "no template was published for it\n");
    }
}
