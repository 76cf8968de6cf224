package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template build that takes more than a second prints a progress line on stderr. The migration is
 * made slow for certain, not by hoping: it writes into a database file this test holds locked, so it
 * waits (SQLite's busy timeout) until the test has seen the progress line and lets go.
 */
class ProgressIT {

    @TempDir
    Path tmp;

    @Test
    void aSlowBuildPrintsAProgressLineOnStderrAndKeepsStdoutClean() throws Exception {
        Path gate = tmp.resolve("gate.db");
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__slow.sql"), "CREATE TABLE t (x INTEGER);\n"
                + "ATTACH DATABASE '" + gate + "' AS gate;\n"
                + "INSERT INTO gate.g (x) VALUES (1);\n");
        Connection gateLock = DriverManager.getConnection("jdbc:sqlite:" + gate);
        Process p;
        try {
            try (Statement s = gateLock.createStatement()) {
                s.execute("CREATE TABLE g (x INTEGER)");
                gateLock.setAutoCommit(false);
                s.execute("INSERT INTO g (x) VALUES (0)"); // holds the write lock until the connection closes
            }
            // The migration waits for the lock as long as SQLite's busy timeout: make that long (env fallback).
            p = Cli.start(Map.of("PRISTINE_SQLITE_BUSY_TIMEOUT", "600000"), Main.class, "prepare", "--migrations",
                    migrations.toString(), "--state-dir", tmp.resolve("state").toString(), "--json");
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertThat(line).as("first stderr line (null: the process ended without one)")
                    .matches("pristine: building template [0-9a-f]{12} with SQL migrations "
                            + Pattern.quote(migrations.toString()) + " \\(1 file\\) \\(1s\\)");
        } finally {
            gateLock.close();
        }

        Cli.Run run = Cli.finish(p);
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.json().get("built").asBoolean()).isTrue();
    }
}
