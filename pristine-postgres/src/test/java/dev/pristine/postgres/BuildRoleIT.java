package dev.pristine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pristine.ErrorCode;
import dev.pristine.GcReport;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineSettings;
import dev.pristine.testkit.ChildJvm;
import dev.pristine.testkit.Schemas;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template build runs as a throwaway role that owns the build database only: what needs more fails on the server
 * and says which setting allows it, templates and clones still belong to the configured role, and the role is gone
 * after every build, successful, failed or killed. (Flyway through the same role: {@code FlywayPostgresGuardIT}.)
 */
class BuildRoleIT {

    private static final String HINT = "the migration ran as a throwaway role that owns the build database and nothing "
            + "else (NOSUPERUSER NOCREATEDB NOCREATEROLE): it may change only the database being built; a migration that "
            + "needs a superuser (an untrusted extension such as postgis or dblink, CREATE ROLE, COPY … PROGRAM) builds "
            + "only with pristine.postgres.build-role=false, as " + PostgresTestServer.USER;
    private static final String FIX = "fix the migration and run again; no template was published for it";

    @TempDir
    Path work;

    private Map<String, String> settings(Path migrations) {
        Map<String, String> s = new LinkedHashMap<>(PostgresTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("pool-size", "0");
        s.put("migrations", migrations.toString());
        return s;
    }

    private PristineBuilder builder(String v1, Map<String, String> overrides) {
        Path dir = work.resolve("m-" + UUID.randomUUID());
        Schemas.write(dir.resolve("V1__a.sql"), "-- " + UUID.randomUUID() + "\n" + v1);
        Map<String, String> s = settings(dir);
        s.putAll(overrides);
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s));
    }

    private PristineException failed(PristineBuilder builder) throws SQLException {
        try (Pristine p = builder.build()) {
            Throwable thrown = catchThrowable(p::prepare);
            assertThat(thrown).isInstanceOf(PristineException.class);
            PristineException e = (PristineException) thrown;
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(buildRoles(p.key())).as("the failed build's role is dropped").isEmpty();
            return e;
        }
    }

    @Test
    void superuserOnlyStatementsFailNamingTheSettingThatAllowsThem() throws SQLException {
        PristineException copy = failed(builder("CREATE TABLE a (id INT);\nCOPY a FROM PROGRAM 'true';\n", Map.of()));
        assertThat(copy.getMessage()).isEqualTo("migration V1__a.sql failed at line 3: ERROR: must be superuser or have "
                + "privileges of the pg_execute_server_program role to COPY to or from an external program\n  Hint: Anyone "
                + "can COPY to stdout or from stdin. psql's \\copy command also works for anyone., statement `COPY a FROM "
                + "PROGRAM 'true'`, " + FIX + ", " + HINT);
        PristineException extension = failed(builder("CREATE EXTENSION dblink;\n", Map.of()));
        assertThat(extension.getMessage()).isEqualTo("migration V1__a.sql failed at line 2: ERROR: permission denied "
                + "to create extension \"dblink\"\n  Hint: Must be superuser to create this extension., statement `CREATE "
                + "EXTENSION dblink`, " + FIX + ", " + HINT);
    }

    @Test
    void withTheOptOutTheBuildRunsAsTheConfiguredRole() throws SQLException {
        String extension = "CREATE EXTENSION dblink;\nCREATE TABLE who AS SELECT current_user::text AS name;\n";
        try (Pristine p = builder(extension, Map.of("postgres.build-role", "false")).build();
                TestDatabase db = p.acquire("opt.out")) {
            assertThat(column(db, "SELECT name FROM who")).containsExactly(PostgresTestServer.USER);
            assertThat(column(db, "SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'dblink'"))
                    .containsExactly(PostgresTestServer.USER);
        }
        Throwable wrong = catchThrowable(() -> builder(extension, Map.of("postgres.build-role", "maybe")).build());
        assertThat(wrong).isInstanceOfSatisfying(PristineException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(e.getMessage()).isEqualTo("pristine.postgres.build-role must be true or false, maybe, "
                    + "e.g. pristine.postgres.build-role=true");
        });
    }

    @Test
    void clonesOfAPlainSqlBuildBelongToTheConfiguredRoleAndWork() throws SQLException {
        String v1 = """
                CREATE TABLE who AS SELECT current_user::text AS name;
                CREATE SEQUENCE ticket START 100;
                CREATE TABLE item (id INT PRIMARY KEY DEFAULT nextval('ticket'), name TEXT, touched TEXT);
                CREATE VIEW item_names AS SELECT name FROM item;
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.touched := 'by ' || TG_NAME; RETURN NEW; END $$;
                CREATE TRIGGER item_touch BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION touch();
                CREATE SCHEMA extra;
                CREATE TYPE mood AS ENUM ('calm', 'busy');
                GRANT SELECT ON item TO PUBLIC;
                ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC;
                """;
        try (Pristine p = builder(v1, Map.of()).build()) {
            String key = p.key();
            try (TestDatabase db = p.acquire("owned.objects")) {
                List<String> builder = column(db, "SELECT name FROM who");
                assertThat(builder).singleElement().asString().startsWith("pristine_build_" + key.substring(0, 16) + "_");
                assertThat(buildRoles(key)).as("the role is dropped once the template is published").isEmpty();
                String me = PostgresTestServer.USER;
                assertThat(column(db, "SELECT relname || ' ' || relowner::regrole::text FROM pg_class "
                        + "WHERE relnamespace = 'public'::regnamespace ORDER BY 1")).containsExactly("item " + me,
                                "item_names " + me, "item_pkey " + me, "ticket " + me, "who " + me);
                assertThat(column(db, "SELECT proowner::regrole::text FROM pg_proc WHERE proname = 'touch'")).containsExactly(me);
                assertThat(column(db, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'extra'"))
                        .containsExactly(me);
                assertThat(column(db, "SELECT typowner::regrole::text FROM pg_type WHERE typname = 'mood'")).containsExactly(me);
                assertThat(column(db, "SELECT relacl::text FROM pg_class WHERE relname = 'item'"))
                        .containsExactly("{" + me + "=arwdDxt/" + me + ",=r/" + me + "}");
                assertThat(column(db, "SELECT defaclrole::regrole::text || ' ' || defaclacl::text FROM pg_default_acl"))
                        .containsExactly(me + " {=r/" + me + "," + me + "=arwdDxt/" + me + "}");
                assertThat(column(db, "SELECT datdba::regrole::text FROM pg_database WHERE datname = "
                        + "'pristine_tpl_" + key.substring(0, 16) + "'")).containsExactly(me);
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO item (name) VALUES ('first')");
                    s.execute("CREATE TABLE made_by_test (id INT)");
                }
                assertThat(column(db, "SELECT id || ' ' || touched FROM item")).containsExactly("100 by item_touch");
                assertThat(column(db, "SELECT name FROM item_names")).containsExactly("first");
                assertThat(column(db, "SELECT relacl::text FROM pg_class WHERE relname = 'made_by_test'"))
                        .as("the migration's default privileges apply to the configured role's tables")
                        .containsExactly("{=r/" + me + "," + me + "=arwdDxt/" + me + "}");
            }
        }
    }

    @Test
    void aRoleWithCreateroleButNoSuperuserBuildsAsAThrowawayRoleToo() throws Exception {
        String maker = "pristine_rolemaker";
        execute("CREATE ROLE " + maker + " LOGIN CREATEDB CREATEROLE NOSUPERUSER");
        try {
            String key;
            try (Pristine p = builder("CREATE TABLE who AS SELECT current_user::text AS name;\n"
                    + "CREATE VIEW names AS SELECT name FROM who;\n", Map.of("user", maker)).build();
                    TestDatabase db = p.acquire("role.maker")) {
                key = p.key();
                assertThat(column(db, "SELECT name FROM who")).singleElement().asString()
                        .startsWith("pristine_build_" + key.substring(0, 16) + "_");
                assertThat(column(db, "SELECT relname || ' ' || relowner::regrole::text FROM pg_class "
                        + "WHERE relnamespace = 'public'::regnamespace ORDER BY 1")).containsExactly("names " + maker,
                                "who " + maker);
                assertThat(column(db, "SELECT datdba::regrole::text FROM pg_database WHERE datname = 'pristine_tpl_"
                        + key.substring(0, 16) + "'")).containsExactly(maker);
                assertThat(buildRoles(key)).isEmpty();
            }
            try (Engine engine = new PostgresEngineProvider().create(new EngineSettings(PostgresTestServer.URL, maker, null,
                    work, false, Map.of()))) {
                engine.dropTemplate(key);
            }
        } finally {
            execute("DROP ROLE " + maker);
        }
    }

    @Test
    void aBuilderKilledMidBuildLeavesARoleThatGcDrops() throws SQLException {
        KilledBuild killed = killBuilderMidMigration("killed", role -> {
            try (Connection c = DriverManager.getConnection(PostgresTestServer.URL.replaceFirst("/[^/?]*(\\?|$)",
                    "/" + role + "$1"), PostgresTestServer.USER, null); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT relowner::regrole::text FROM pg_class WHERE relname = 'half_built'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(role);
            }
        });
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(killed.settings()))
                .reapOnStart(false).build()) {
            GcReport report = p.gc(false);
            assertThat(report.dropped()).contains(killed.role());
        }
        assertThat(buildRoles(killed.key())).isEmpty();
        assertThat(databases(killed.role())).isEmpty();
    }

    @Test
    void aRoleWhoseBuildDatabaseIsGoneIsReapedToo() throws SQLException {
        KilledBuild killed = killBuilderMidMigration("lone", role -> { });
        // a crash between dropping the build database and dropping its role
        execute("DROP DATABASE " + killed.role() + " WITH (FORCE)");
        assertThat(buildRoles(killed.key())).containsExactly(killed.role());
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(killed.settings()))
                .reapOnStart(false).build()) {
            assertThat(p.gc(false).dropped()).contains(killed.role());
        }
        assertThat(buildRoles(killed.key())).isEmpty();
    }

    /** A builder JVM killed mid-migration: its settings, its key, and the build role (and database) it left. */
    private record KilledBuild(Map<String, String> settings, String key, String role) {}

    /** What to look at while the build runs, given its role (the build database has the same name). */
    @FunctionalInterface
    private interface WhileMigrating {
        void check(String role) throws SQLException;
    }

    private KilledBuild killBuilderMidMigration(String name, WhileMigrating whileMigrating) throws SQLException {
        Path dir = work.resolve(name);
        Schemas.write(dir.resolve("V1__a.sql"), "-- " + UUID.randomUUID() + "\nCREATE TABLE a (id INT);\n");
        Map<String, String> s = settings(dir);
        String key;
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build()) {
            key = p.key();
        }
        try (ChildJvm child = ChildJvm.start("block-build", s, work.resolve("logs"))) {
            child.awaitLine("MIGRATING");
            assertThat(buildRoles(key)).as("the build runs as its own role").hasSize(1);
            String role = buildRoles(key).get(0);
            whileMigrating.check(role);
            child.kill();
            return new KilledBuild(s, key, role);
        }
    }

    /** The build roles of this key that exist now. */
    static List<String> buildRoles(String key) throws SQLException {
        return names("SELECT rolname FROM pg_roles WHERE rolname LIKE ? ORDER BY 1",
                "pristine\\_build\\_" + key.substring(0, 16) + "\\_%");
    }

    private static List<String> databases(String like) throws SQLException {
        return names("SELECT datname FROM pg_database WHERE datname LIKE ? ORDER BY 1", like);
    }

    private static List<String> names(String sql, String like) throws SQLException {
        try (Connection c = PostgresTestServer.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, like);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static List<String> column(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = PostgresTestServer.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
