package dev.pristine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.CloneStatus;
import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.testkit.Schemas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to PostgreSQL, on the local server: roles, strategies, safety, and the messages users read. */
class PostgresEngineIT {

    private static final String SECRET = "Pr1st1ne-pg-S3cret";

    @TempDir
    Path work;

    private Path migrations;

    @BeforeEach
    void migrations() {
        migrations = Schemas.portable(work);
    }

    private PristineBuilder builder(Map<String, String> overrides) {
        Map<String, String> s = new LinkedHashMap<>(PostgresTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("migrations", migrations.toString());
        s.put("pool-size", "0");
        s.put("template-retention", "1h");
        s.putAll(overrides);
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s));
    }

    @Test
    void aRoleWithOnlyCreatedbBuildsAndClonesAndClonesCanBelongToALowPrivilegeRole() throws Exception {
        try (Connection c = PostgresTestServer.connect(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pristine_creator') THEN "
                    + "CREATE ROLE pristine_creator LOGIN CREATEDB NOSUPERUSER NOCREATEROLE; END IF; "
                    + "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pristine_app') THEN "
                    + "CREATE ROLE pristine_app LOGIN NOCREATEDB NOSUPERUSER; END IF; END $$");
            s.execute("GRANT pristine_app TO pristine_creator");
        }
        Schemas.write(migrations.resolve("V3__grants.sql"),
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pristine_app;\n");
        // an expired clone of the superuser's: the creator may not drop it, so it must not even see it
        String superusers = "pristine_superusers_" + Long.toString(System.nanoTime(), 36);
        try (PostgresConnections admin = new PostgresConnections(PostgresTestServer.URL, PostgresTestServer.USER, null, 1)) {
            new PostgresCloner(admin, 150000, PostgresCloner.Strategy.AUTO, java.time.Duration.ofSeconds(5), false)
                    .create(superusers, null, null, "pristine:v1 key=&host=h&pid=0&start=0&expires=1&created=1&test=x");
        }
        try (Pristine p = builder(Map.of("user", "pristine_creator", "postgres.clone-owner", "pristine_app")).build()) {
            assertThat(p.status().clones()).extracting(CloneStatus::id).doesNotContain(superusers);
            assertThat(p.prepare().built()).isTrue();
            try (TestDatabase db = p.acquire("low.privilege")) {
                assertThat(db.user()).isEqualTo("pristine_app");
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    assertThat(c.getMetaData().getUserName()).isEqualTo("pristine_app");
                    s.execute("INSERT INTO item (id, name) VALUES (7, 'by the app role')");
                    try (ResultSet rs = s.executeQuery("SELECT count(*), (SELECT datdba::regrole::text FROM pg_database "
                            + "WHERE datname = current_database()) FROM item")) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(2);
                        assertThat(rs.getString(2)).isEqualTo("pristine_app");
                    }
                }
                assertThat(p.status().clones()).extracting(CloneStatus::id).contains(db.id());
            }
            assertThat(p.gc(false).dropped()).isEmpty();
        }
        try (Pristine p = builder(Map.of("reap-on-start", "false")).build()) {
            assertThat(p.gc(false).dropped()).as("the superuser reaps its own").contains(superusers);
        }
    }

    @Test
    void aTemplateIsClosedToConnectionsAndCarriesItsKey() throws Exception {
        String key;
        try (Pristine p = builder(Map.of()).build()) {
            key = p.prepare().key();
        }
        try (Connection c = PostgresTestServer.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT datistemplate, datallowconn, shobj_description(oid, 'pg_database') "
                        + "FROM pg_database WHERE datname = 'pristine_tpl_" + key.substring(0, 16) + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getString(3)).startsWith("pristine-template:v1 key=" + key + "&built=");
        }
    }

    @Test
    void bothStrategiesMakeWorkingClonesAndAnUnknownOneIsRefused() throws Exception {
        for (String strategy : new String[] {"wal_log", "file_copy"}) {
            try (Pristine p = builder(Map.of("postgres.strategy", strategy)).build();
                    TestDatabase db = p.acquire("strategy." + strategy)) {
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT count(*) FROM tag")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(strategy).isEqualTo(1);
                }
            }
        }
        assertThatThrownBy(() -> builder(Map.of("postgres.strategy", "clone_fast")).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("pristine.postgres.strategy must be auto, wal_log or file_copy, "
                            + "clone_fast, e.g. pristine.postgres.strategy=auto");
                });
    }

    @Test
    void theBusyTimeoutIsADurationLikeEveryOther() {
        assertThatThrownBy(() -> builder(Map.of("postgres.busy-timeout", "soon")).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("pristine.postgres.busy-timeout is not a duration, soon, "
                            + "write it like 500ms, 30s, 10m, 24h, 7d or PT1H30M");
                });
        assertThatThrownBy(() -> builder(Map.of("postgres.busy-timeout", "400d")).build())
                .hasMessage("pristine.postgres.busy-timeout must be at most 365d, 400d, give a shorter duration like 1h or 7d");
    }

    @Test
    void aTemplateHeldBySomeoneElseNamesTheirSessions() throws Exception {
        try (Pristine p = builder(Map.of("postgres.busy-timeout", "300ms")).build()) {
            String template = "pristine_tpl_" + p.prepare().key().substring(0, 16);
            try (Connection admin = PostgresTestServer.connect(); Statement s = admin.createStatement()) {
                s.execute("ALTER DATABASE " + template + " ALLOW_CONNECTIONS true");
                Properties props = new Properties();
                props.setProperty("user", PostgresTestServer.USER);
                props.setProperty("ApplicationName", "holder-app");
                try (Connection holder = DriverManager.getConnection(
                        PostgresTestServer.URL.replaceFirst("/[^/?]*(\\?|$)", "/" + template + "$1"), props)) {
                    assertThat(holder.isValid(5)).isTrue();
                    assertThatThrownBy(() -> p.acquire("blocked")).isInstanceOfSatisfying(PristineException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.POOL_EXHAUSTED);
                        assertThat(e.getMessage()).startsWith("creating database pristine_blocked_")
                                .contains("failed: database " + template
                                        + " stayed in use by other sessions for 300ms, sessions: pid ")
                                .contains(" application 'holder-app' from 127.0.0.1 as " + PostgresTestServer.USER + " (idle)")
                                .endsWith(", close those sessions; nothing may stay connected to a Pristine template "
                                        + "(or to a database being renamed or dropped), or raise pristine.postgres.busy-timeout");
                    });
                } finally {
                    s.execute("ALTER DATABASE " + template + " ALLOW_CONNECTIONS false");
                }
            }
            try (TestDatabase db = p.acquire("unblocked")) {
                assertThat(db.id()).startsWith("pristine_unblocked_");
            }
        }
    }

    @Test
    void anUnknownRoleIsExitFourAndThePasswordNeverShows() {
        for (Map<String, String> wrong : java.util.List.of(
                Map.of("user", "pristine_no_such_role", "password", SECRET),
                Map.of("user", "", "url", PostgresTestServer.URL + "?user=pristine_no_such_role&password=" + SECRET))) {
            assertThatThrownBy(() -> builder(wrong).build()).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNREACHABLE);
                assertThat(e.code().exitCode()).isEqualTo(4);
                assertThat(e.getMessage()).isEqualTo("cannot use the PostgreSQL server: 28000 FATAL: role "
                        + "\"pristine_no_such_role\" does not exist, postgresql://127.0.0.1:5432/postgres as "
                        + "pristine_no_such_role, check that the server runs and that the URL, user and password are right");
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t)).doesNotContain(SECRET);
                }
            });
        }
    }

    @Test
    void aClosedPortIsExitFour() {
        assertThatThrownBy(() -> builder(Map.of("url", "jdbc:postgresql://127.0.0.1:1/postgres")).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNREACHABLE);
                    assertThat(e.getMessage()).startsWith("cannot use the PostgreSQL server: 08001 ")
                            .endsWith(", postgresql://127.0.0.1:1/postgres as " + PostgresTestServer.USER
                                    + ", check that the server runs and that the URL, user and password are right");
                });
    }

    @Test
    void aServerNotOnThisMachineIsRefusedUnlessAllowed() {
        // TEST-NET-1: refused before any connection is tried
        assertThatThrownBy(() -> builder(Map.of("url", "jdbc:postgresql://192.0.2.10:5432/postgres")).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_TARGET);
                    assertThat(e.code().exitCode()).isEqualTo(6);
                    assertThat(e.getMessage()).isEqualTo("refusing a PostgreSQL server that is not on this machine, "
                            + "postgresql://192.0.2.10:5432/postgres (192.0.2.10 is 192.0.2.10), Pristine creates and drops "
                            + "databases there: if the server is meant for throwaway test databases, pass --allow-remote "
                            + "or set pristine.allow-remote=true");
                });
    }

    @Test
    void databasesPristineDidNotTagAreNeverListedNorDropped() throws Exception {
        String lookalike = "pristine_lookalike_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = PostgresTestServer.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + lookalike);
            try {
                s.execute("COMMENT ON DATABASE " + lookalike + " IS 'pristine:v1 key=x&host=gone&pid=1&start=1&expires=1'");
                try (Pristine p = builder(Map.of()).build()) {
                    assertThat(p.status().clones()).extracting(CloneStatus::id).doesNotContain(lookalike);
                    assertThat(p.gc(false).dropped()).doesNotContain(lookalike);
                    assertThatThrownBy(() -> p.release(lookalike)).isInstanceOfSatisfying(PristineException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_TARGET);
                        assertThat(e.getMessage()).isEqualTo("refusing to release a database that is not a clone Pristine made, " + lookalike
                                    + ", release only ids printed by 'pristine lease' or 'pristine status'; Pristine never drops anything else");
                    });
                }
                try (dev.pristine.spi.Engine engine = new PostgresEngineProvider().create(new dev.pristine.spi.EngineSettings(
                        PostgresTestServer.URL, PostgresTestServer.USER, null, work, false, Map.of()))) {
                    assertThatThrownBy(() -> engine.dropClone(lookalike)).isInstanceOfSatisfying(PristineException.class,
                            e -> assertThat(e.getMessage()).isEqualTo("refusing to touch a database Pristine did not create, "
                                    + lookalike + ", Pristine only alters or drops databases it tagged and commented itself; "
                                    + "drop it yourself if you must"));
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + lookalike + "'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            } finally {
                s.execute("DROP DATABASE " + lookalike);
            }
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
