package dev.pristine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.testkit.Schemas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration cannot create, alter or drop another database on the PostgreSQL server: the SQL migrator refuses
 * the statement, with file and line, before anything runs. (A schema lives inside the build database, so
 * {@code CREATE SCHEMA} stays allowed.)
 */
class MigrationGuardIT {

    private static final String REFUSED = "statement switches, creates, alters or drops a database";
    private static final String REMOVE = "remove that line: Pristine creates, names and connects to each database itself";

    @TempDir
    Path work;

    private String decoy;

    @BeforeEach
    void createDecoy() throws SQLException {
        decoy = "guard_decoy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = PostgresTestServer.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + decoy);
        }
    }

    @AfterEach
    void dropDecoy() throws SQLException {
        try (Connection c = PostgresTestServer.connect(); Statement s = c.createStatement()) {
            for (String name : List.of(decoy, decoy + "_renamed")) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    private PristineException refused(String sql) {
        Path dir = work.resolve("m-" + UUID.randomUUID());
        Schemas.write(dir.resolve("V1__a.sql"), "-- " + UUID.randomUUID() + "\nCREATE TABLE a (id INT);\n" + sql);
        Map<String, String> s = new LinkedHashMap<>(PostgresTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("pool-size", "0");
        s.put("migrations", dir.toString());
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build()) {
            Throwable thrown = catchThrowable(p::prepare);
            assertThat(thrown).as(sql).isInstanceOf(PristineException.class);
            PristineException e = (PristineException) thrown;
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            return e;
        }
    }

    @Test
    void dropDatabaseIsRefusedAndTheDecoySurvives() throws SQLException {
        // a CONCURRENTLY statement makes the file run in auto-commit, where DROP DATABASE would succeed
        String sql = "CREATE INDEX CONCURRENTLY a_id ON a (id);\nDROP DATABASE " + decoy + ";\n";
        assertThat(refused(sql).getMessage()).isEqualTo("migration V1__a.sql line 4: " + REFUSED + ", DROP DATABASE "
                + decoy + ", " + REMOVE);
        assertThat(databases()).containsExactly(decoy);
    }

    @Test
    void everySpellingThatReachesAnotherDatabaseIsRefused() throws SQLException {
        assertThat(refused("ALTER DATABASE " + decoy + " RENAME TO " + decoy + "_renamed;\n").getMessage())
                .isEqualTo("migration V1__a.sql line 3: " + REFUSED + ", ALTER DATABASE " + decoy + " RENAME TO " + decoy
                        + "_renamed, " + REMOVE);
        assertThat(refused("drop /* the decoy */\n  database \"" + decoy + "\";\n").getMessage())
                .isEqualTo("migration V1__a.sql line 4: " + REFUSED + ", drop database \"" + decoy + "\", " + REMOVE);
        assertThat(refused("COMMENT ON DATABASE " + decoy + " IS 'mine';\n").getMessage())
                .isEqualTo("migration V1__a.sql line 3: " + REFUSED + ", COMMENT ON DATABASE " + decoy + " IS 'mine', "
                        + REMOVE);
        assertThat(refused("\\connect " + decoy + "\nCREATE TABLE leaked (id INT);\n").getMessage())
                .isEqualTo("migration V1__a.sql line 3: psql meta-command is not SQL, \\connect " + decoy
                        + " CREATE TABLE leaked (id INT), " + REMOVE);
        assertThat(databases()).containsExactly(decoy);
    }

    /** The decoy and anything it could have been renamed to. */
    private List<String> databases() throws SQLException {
        try (Connection c = PostgresTestServer.connect();
                PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY 1")) {
            ps.setString(1, decoy + "%");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
