package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pristine.ErrorCode;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.Redact;
import dev.pristine.TestDatabase;
import dev.pristine.internal.OwnerMarker;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import dev.pristine.testkit.MariadbDecoy;
import dev.pristine.testkit.Schemas;
import java.nio.file.Path;
import java.sql.CallableStatement;
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
 * A migration cannot reach outside the database being built: the SQL migrator refuses what it can see
 * (with file and line), and the build runs as a throwaway user with rights on the build database only, so
 * what no parser sees (SQL built at run time) fails on the server.
 */
class MigrationGuardIT {

    private static final String REMOVE = "remove that line: Pristine creates, names and connects to each database itself";

    @TempDir
    Path work;

    private MariadbDecoy decoy;
    private final List<PreparedTemplate> built = new ArrayList<>();

    @BeforeEach
    void decoy() throws SQLException {
        decoy = MariadbDecoy.create(MariadbTestServer.URL, MariadbTestServer.USER, MariadbTestServer.PASSWORD, "guard_decoy");
    }

    @AfterEach
    void cleanUp() throws SQLException {
        built.forEach(MariadbTestServer::dropTemplate);
        decoy.close();
    }

    private Path migration(String sql) {
        Path dir = work.resolve("m-" + UUID.randomUUID());
        Schemas.write(dir.resolve("V1__a.sql"), "-- " + UUID.randomUUID() + "\n" + sql);
        return dir;
    }

    private PristineBuilder builder(Path migrations) {
        Map<String, String> s = new LinkedHashMap<>(MariadbTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("pool-size", "0");
        s.put("migrations", migrations.toString());
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s));
    }

    /** Builds {@code sql} (line 1 is a comment, so the SQL starts on line 2); returns the failure. */
    private PristineException refused(String sql) throws Exception {
        try (Pristine p = builder(migration(sql)).build()) {
            Throwable thrown = catchThrowable(p::prepare);
            assertThat(thrown).isInstanceOf(PristineException.class);
            PristineException e = (PristineException) thrown;
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            String build = MariadbCatalog.templateName(p.key());
            assertThat(databaseExists(build)).as("the failed build is dropped").isFalse();
            assertThat(buildUserHosts(build)).as("the build user is dropped").isEmpty();
            try (Engine engine = engine()) {
                assertThat(engine.findTemplate(p.key())).as("nothing is published").isEmpty();
            }
            return e;
        }
    }

    @Test
    void useWithoutASpaceIsRefusedWithFileAndLineAndNothingLeaks() throws Exception {
        String d = decoy.name();
        PristineException e = refused("CREATE TABLE a(id INT); USE`" + d + "`; CREATE TABLE leaked(id INT);\n");
        assertThat(e.getMessage()).isEqualTo("migration V1__a.sql line 2: statement switches, creates, alters or drops "
                + "a database, USE`" + d + "`, " + REMOVE);
        assertThat(decoy.contents()).isEqualTo("[keep=[1]]");
    }

    @Test
    void dropSchemaIsRefusedAndTheDatabaseSurvives() throws Exception {
        String d = decoy.name();
        PristineException e = refused("CREATE TABLE a(id INT);\n\nDROP /* all of it */ SCHEMA `" + d + "`;\n");
        assertThat(e.getMessage()).isEqualTo("migration V1__a.sql line 4: statement switches, creates, alters or drops "
                + "a database, DROP SCHEMA `" + d + "`, " + REMOVE);
        assertThat(refused("CREATE SCHEMA " + d + "_x;").getMessage()).startsWith(
                "migration V1__a.sql line 2: statement switches, creates, alters or drops a database, CREATE SCHEMA ");
        assertThat(decoy.contents()).isEqualTo("[keep=[1]]");
    }

    @Test
    void statementsNamingAnotherDatabaseAreRefused() throws Exception {
        String d = decoy.name();
        String fix = "write the name without `" + d + ".`: a migration runs in the database Pristine builds and may not "
                + "reach outside it";
        for (String sql : List.of("CREATE TABLE " + d + ".t (id INT)", "INSERT INTO " + d + ".keep VALUES (2)",
                "CREATE TABLE t (id INT);\nRENAME TABLE t TO " + d + ".t")) {
            PristineException e = refused(sql + ";\n");
            int line = sql.contains("\n") ? 3 : 2;
            String statement = sql.contains("\n") ? sql.substring(sql.indexOf('\n') + 1) : sql;
            assertThat(e.getMessage()).isEqualTo("migration V1__a.sql line " + line + ": statement names another database `"
                    + d + "`, " + statement + ", " + fix);
        }
        assertThat(decoy.contents()).isEqualTo("[keep=[1]]");
    }

    @Test
    void sqlBuiltAtRunTimeFailsForLackOfPrivileges() throws Exception {
        String d = decoy.name();
        for (String built : List.of("'DROP DATA', 'BASE " + d + "'", "'CREATE TABLE ', '" + d + ".t (id INT)'",
                "'INSERT INTO ', '" + d + ".keep VALUES (2)'", "'RENAME TABLE a TO ', '" + d + ".a'")) {
            PristineException e = refused("CREATE TABLE a (id INT);\nSET @s = CONCAT(" + built + ");\n"
                    + "PREPARE s FROM @s;\nEXECUTE s;\n");
            // the server checks some rights when it prepares the statement (line 4), others when it runs it (line 5)
            assertThat(e.getMessage()).matches("migration V1__a\\.sql failed at line [45]: (\\(conn=\\d+\\) )?"
                    + "(Access denied for user 'pristine_tpl_[0-9a-f]{16}'@'[^']+' to database '" + d + "'"
                    + "|[A-Z, ]+ command denied to user 'pristine_tpl_[0-9a-f]{16}'@'[^']+' for table `" + d + "`.`\\w+`)"
                    + ", statement `(PREPARE s FROM @s|EXECUTE s)`, fix the migration and run again; no template was published for it");
        }
        assertThat(decoy.contents()).isEqualTo("[keep=[1]]");
    }

    @Test
    void theBuildRunsAsAThrowawayUserLockedAtPublishAndDroppedWithTheTemplate() throws Exception {
        Coordinates[] seen = new Coordinates[1];
        String[] denied = new String[1];
        String token = UUID.randomUUID().toString();
        Migrator migrator = new Migrator() {
            @Override
            public String id() {
                return "guard-test";
            }

            @Override
            public String describe() {
                return "guard test " + token;
            }

            @Override
            public String fingerprint() {
                return token;
            }

            @Override
            public void migrate(MigrationTarget target) throws SQLException {
                seen[0] = target.coordinates();
                try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE item (id INT PRIMARY KEY, n INT NOT NULL DEFAULT 0)");
                    s.execute("CREATE TABLE audit (item_id INT NOT NULL)");
                    s.execute("CREATE TABLE who AS SELECT CURRENT_USER() AS u");
                    s.execute("CREATE VIEW big AS SELECT id FROM item WHERE n > 1");
                    s.execute("CREATE TRIGGER logged AFTER INSERT ON item FOR EACH ROW INSERT INTO audit VALUES (NEW.id)");
                    s.execute("CREATE PROCEDURE add_item(IN i INT) INSERT INTO item (id, n) VALUES (i, 5)");
                    s.execute("CREATE FUNCTION twice(i INT) RETURNS INT DETERMINISTIC RETURN i * 2");
                    s.execute("INSERT INTO item VALUES (1, 1)");
                    try {
                        s.execute("CREATE DATABASE " + decoy.name() + "_x");
                    } catch (SQLException e) {
                        denied[0] = e.getMessage();
                    }
                }
            }
        };
        Map<String, String> s = new LinkedHashMap<>(MariadbTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("pool-size", "0");
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).migrator(migrator).build()) {
            PreparedTemplate template = p.prepare();
            String build = MariadbCatalog.templateName(p.key());
            assertThat(seen[0].user()).isEqualTo(build);
            assertThat(seen[0].password()).hasSizeGreaterThan(20);
            assertThat(Redact.mask("password is " + seen[0].password())).isEqualTo("password is ****");
            assertThat(seen[0].toString()).doesNotContain(seen[0].password());
            assertThat(denied[0]).contains("Access denied for user '" + build + "'@'");
            assertThat(catchThrowable(() -> DriverManager.getConnection(MariadbTestServer.URL, seen[0].user(),
                    seen[0].password()).close())).as("locked when the template was published")
                    .hasMessageContaining("Access denied, this account is locked");
            try (TestDatabase db = p.acquire("guard")) {
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                    try (CallableStatement call = c.prepareCall("{CALL add_item(2)}")) {
                        call.execute();
                    }
                    assertThat(column(st, "SELECT id FROM big")).containsExactly("2");
                    assertThat(column(st, "SELECT item_id FROM audit ORDER BY item_id")).containsExactly("1", "2");
                    assertThat(column(st, "SELECT twice(21)")).containsExactly("42");
                    assertThat(column(st, "SELECT u FROM who")).singleElement().asString().startsWith(build + "@");
                }
            }
            assertThat(buildUserHosts(build)).as("kept while its template's views name it as definer").hasSize(1);
            MariadbTestServer.dropTemplate(template);
            assertThat(buildUserHosts(build)).as("dropped with the template").isEmpty();
        }
    }

    @Test
    void aBuildUserLeftByACrashedBuilderIsReaped() throws Exception {
        String key = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        String build = MariadbCatalog.templateName(key);
        OwnerMarker dead = new OwnerMarker(key, OwnerMarker.ofThisProcess("x", "").host(), Integer.MAX_VALUE - 7, 1, 0,
                "(template build)");
        try (Engine engine = engine()) {
            assertThat(engine.createBuild(key, dead.encode())).isEqualTo(build);
        }
        assertThat(buildUserHosts(build)).hasSize(1);
        try (Pristine p = builder(Schemas.portable(work)).reapOnStart(false).build()) {
            assertThat(p.gc(false).dropped()).contains(build);
        }
        assertThat(buildUserHosts(build)).isEmpty();
        assertThat(databaseExists(build)).isFalse();
    }

    private static List<String> column(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> buildUserHosts(String build) throws SQLException {
        try (Connection c = MariadbTestServer.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT Host FROM mysql.user WHERE User = ?")) {
            ps.setString(1, build);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static boolean databaseExists(String name) throws SQLException {
        try (Connection c = MariadbTestServer.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Engine engine() {
        Map<String, String> s = MariadbTestServer.settings();
        return new MariadbEngineProvider().create(new EngineSettings(s.get("url"), s.get("user"), s.get("password"),
                Path.of("."), false, Map.of()));
    }
}
