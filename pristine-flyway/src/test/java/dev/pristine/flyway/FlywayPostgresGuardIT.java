package dev.pristine.flyway;

import static dev.pristine.flyway.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.testkit.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
 * Flyway migrations never pass through the SQL migrator's guard; on PostgreSQL the build's throwaway role (owner of
 * the build database only) still makes a statement on another database fail on the server, and an ordinary Flyway
 * build passes, its history table owned by the configured role.
 */
class FlywayPostgresGuardIT {

    private static final String URL = TestServers.PG_URL;
    private static final String USER = TestServers.PG_USER;
    private static final String FIX = "fix the migration and run again; no template was published for it, the migration "
            + "ran as a throwaway role that owns the build database and nothing else (NOSUPERUSER NOCREATEDB NOCREATEROLE): "
            + "it may change only the database being built; a migration that needs a superuser (an untrusted extension "
            + "such as postgis or dblink, CREATE ROLE, COPY … PROGRAM) builds only with pristine.postgres.build-role=false, "
            + "as " + USER;

    @TempDir
    Path work;

    /** A database Pristine did not create (no pristine_ prefix, no tag), with one table holding one row. */
    private String decoy;

    @BeforeEach
    void createDecoy() throws SQLException {
        decoy = "flyway_decoy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute(URL, "CREATE DATABASE " + decoy);
        execute(url(decoy), "CREATE TABLE keep (id INT PRIMARY KEY); INSERT INTO keep VALUES (1)");
    }

    @AfterEach
    void dropDecoy() throws SQLException {
        execute(URL, "DROP DATABASE IF EXISTS " + decoy + " WITH (FORCE)");
        execute(URL, "DROP DATABASE IF EXISTS " + decoy + "_renamed WITH (FORCE)");
    }

    private PristineBuilder builder(String v1) {
        Path dir = work.resolve("m-" + UUID.randomUUID());
        write(dir, "V1__a.sql", v1 + "-- " + UUID.randomUUID() + "\n");
        Map<String, String> s = new LinkedHashMap<>(TestServers.postgres());
        s.put("state-dir", work.resolve("state").toString());
        s.put("pool-size", "0");
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).migrations(dir).migrator("flyway");
    }

    private String failure(String v1) {
        try (Pristine p = builder(v1).build()) {
            Throwable thrown = catchThrowable(p::prepare);
            assertThat(thrown).as(v1).isInstanceOf(PristineException.class);
            assertThat(((PristineException) thrown).code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            return thrown.getMessage();
        }
    }

    @Test
    void aLoneDropDatabaseFailsAndTheDecoySurvives() throws SQLException {
        // Flyway runs a lone DROP DATABASE outside a transaction: as a superuser, it dropped the decoy
        assertThat(failure("DROP DATABASE " + decoy + ";\n")).isEqualTo("Flyway migration V1__a.sql failed at line 1: "
                + "ERROR: must be owner of database " + decoy + ", statement `DROP DATABASE " + decoy + "`, " + FIX);
        assertThat(decoyState()).isEqualTo(List.of(decoy + " keep=1"));
    }

    @Test
    void alterDatabaseInATransactionFailsAndTheDecoyKeepsItsName() throws SQLException {
        assertThat(failure("CREATE TABLE a (id INT);\nALTER DATABASE " + decoy + " RENAME TO " + decoy + "_renamed;\n"))
                .isEqualTo("Flyway migration V1__a.sql failed at line 2: ERROR: must be owner of database " + decoy
                        + ", statement `ALTER DATABASE " + decoy + " RENAME TO " + decoy + "_renamed`, " + FIX);
        assertThat(decoyState()).isEqualTo(List.of(decoy + " keep=1"));
    }

    @Test
    void anOrdinaryFlywayBuildPassesAndBelongsToTheConfiguredRole() throws Exception {
        try (Pristine p = builder("CREATE TABLE a (id INT PRIMARY KEY);\nINSERT INTO a VALUES (7);\n"
                + "CREATE VIEW v AS SELECT id FROM a;\n").build(); TestDatabase db = p.acquire("flyway-pg-guard")) {
            assertThat(Fixtures.column(db.dataSource(), "SELECT id FROM v")).containsExactly("7");
            assertThat(Fixtures.column(db.dataSource(), "SELECT installed_by FROM flyway_schema_history"))
                    .singleElement().asString().startsWith("pristine_build_");
            assertThat(Fixtures.column(db.dataSource(), "SELECT relname || ' ' || relowner::regrole::text FROM pg_class "
                    + "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v') ORDER BY 1"))
                    .containsExactly("a " + USER, "flyway_schema_history " + USER, "v " + USER);
        }
    }

    /** The decoy and anything it was renamed to, each with the rows of its table. */
    private List<String> decoyState() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(URL, USER, null);
                PreparedStatement ps = c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY 1")) {
            ps.setString(1, decoy + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        List<String> state = new ArrayList<>();
        for (String name : out) {
            try (Connection c = DriverManager.getConnection(url(name), USER, null); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT string_agg(id::text, ',') FROM keep")) {
                rs.next();
                state.add(name + " keep=" + rs.getString(1));
            }
        }
        return state;
    }

    private static String url(String database) {
        return URL.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, USER, null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
