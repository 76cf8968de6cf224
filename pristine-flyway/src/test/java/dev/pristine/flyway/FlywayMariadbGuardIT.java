package dev.pristine.flyway;

import static dev.pristine.flyway.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pristine.ErrorCode;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.testkit.MariadbDecoy;
import dev.pristine.testkit.TestServers;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway migrations never pass through the SQL migrator's guard; on MariaDB the build's throwaway user (rights on
 * the build database only) still makes every write outside the build fail, and an ordinary Flyway build passes.
 */
class FlywayMariadbGuardIT {

    private static final String URL = TestServers.MARIADB_URL;
    private static final String USER = TestServers.MARIADB_USER;
    private static final String PASSWORD = TestServers.MARIADB_PASSWORD;

    @TempDir
    Path work;

    private MariadbDecoy decoy;

    @BeforeEach
    void decoy() throws SQLException {
        decoy = MariadbDecoy.create(URL, USER, PASSWORD, "flyway_decoy");
    }

    @AfterEach
    void dropDecoy() throws SQLException {
        decoy.close();
    }

    private PristineBuilder builder(String v1) {
        Path dir = work.resolve("m-" + UUID.randomUUID());
        write(dir, "V1__a.sql", "-- " + UUID.randomUUID() + "\nCREATE TABLE a (id INT PRIMARY KEY);\n" + v1);
        Map<String, String> s = new LinkedHashMap<>(TestServers.mariadb());
        s.put("state-dir", work.resolve("state").toString());
        s.put("pool-size", "0");
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).migrations(dir).migrator("flyway");
    }

    @Test
    void writesOutsideTheBuildFailAndTheDecoyIsUntouched() throws SQLException {
        String d = decoy.name();
        for (String sql : List.of("CREATE TABLE " + d + ".t (id INT);", "INSERT INTO " + d + ".keep VALUES (2);",
                "RENAME TABLE a TO " + d + ".a;", "DROP SCHEMA " + d + ";", "USE " + d + ";\nCREATE TABLE leaked (id INT);",
                "PREPARE s FROM 'DROP DATABASE " + d + "';\nEXECUTE s;")) {
            try (Pristine p = builder(sql + "\n").build()) {
                Throwable thrown = catchThrowable(p::prepare);
                assertThat(thrown).as(sql).isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.getMessage()).as(sql).containsPattern("(Access denied for user|command denied to user) "
                            + "'pristine_tpl_[0-9a-f]{16}'@'[^']+'");
                });
            }
        }
        assertThat(decoy.contents()).isEqualTo("[keep=[1]]");
    }

    @Test
    void anOrdinaryFlywayBuildStillPasses() throws Exception {
        PreparedTemplate t = null;
        try (Pristine p = builder("INSERT INTO a VALUES (7);\nCREATE VIEW v AS SELECT id FROM a;\n").build()) {
            t = p.prepare();
            try (TestDatabase db = p.acquire("flyway-guard")) {
                assertThat(Fixtures.column(db.dataSource(), "SELECT id FROM v")).containsExactly("7");
                assertThat(Fixtures.column(db.dataSource(), "SELECT success FROM flyway_schema_history")).containsExactly("1");
            }
        } finally {
            dropTemplate(t);
        }
    }

    private static void dropTemplate(PreparedTemplate t) throws Exception {
        if (t == null) {
            return;
        }
        for (EngineProvider provider : ServiceLoader.load(EngineProvider.class)) {
            if (provider.id().equals("mariadb")) {
                try (Engine engine = provider.create(new EngineSettings(URL, USER, PASSWORD.isEmpty() ? null : PASSWORD,
                        Path.of("."), false, Map.of()))) {
                    engine.dropTemplate(t.key());
                }
            }
        }
    }
}
