package dev.pristine.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite specifics beyond the contract: files, journal residue, connection settings, names. */
class SqliteEngineIT {

    @TempDir
    Path dir;

    private Pristine pristine(Path migrations, Map<String, String> extra) {
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(extra))
                .stateDir(dir.resolve("state")).migrations(migrations).poolSize(1).build();
    }

    private Path schema(String sql) throws Exception {
        Path m = Files.createDirectories(dir.resolve("m"));
        Files.writeString(m.resolve("V1__schema.sql"), sql);
        return m;
    }

    @Test
    void foreignKeysAreEnforcedThroughTheUrlAndTheDataSource() throws Exception {
        Path m = schema("CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
                + "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id));\n");
        try (Pristine p = pristine(m, Map.of()); TestDatabase db = p.acquire("fk")) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("INSERT INTO child VALUES (1, 99)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("FOREIGN KEY constraint failed");
            }
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("INSERT INTO child VALUES (1, 99)"))
                        .hasMessageContaining("FOREIGN KEY constraint failed");
            }
        }
    }

    @Test
    void connectionSettingsAreConfigurable() throws Exception {
        Path m = schema("CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
        try (Pristine p = pristine(m, Map.of("sqlite.synchronous", "full", "sqlite.busy-timeout", "1234"));
                TestDatabase db = p.acquire("settings")) {
            assertThat(pragma(db.jdbcUrl(), "synchronous")).isEqualTo("2");
            assertThat(pragma(db.jdbcUrl(), "busy_timeout")).isEqualTo("1234");
        }
        try (Pristine p = pristine(m, Map.of()); TestDatabase db = p.acquire("defaults")) {
            assertThat(pragma(db.jdbcUrl(), "synchronous")).isEqualTo("0");
            assertThat(pragma(db.jdbcUrl(), "foreign_keys")).isEqualTo("1");
        }
    }

    @Test
    void aTemplateBuiltInWalModeIsOneSelfContainedFile() throws Exception {
        Path m = schema("PRAGMA journal_mode=WAL;\nCREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t VALUES (1);\n");
        try (Pristine p = pristine(m, Map.of())) {
            PreparedTemplate t = p.prepare();
            Path file = Path.of(t.template());
            assertThat(file).isRegularFile();
            assertThat(file.resolveSibling(file.getFileName() + "-wal")).doesNotExist();
            assertThat(file.resolveSibling(file.getFileName() + "-shm")).doesNotExist();
            try (TestDatabase db = p.acquire("wal")) {
                assertThat(pragma(db.jdbcUrl(), "journal_mode")).isEqualTo("wal");
                try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void clonesAreFilesNamedAfterTheirTestAndOwnedBySidecars() throws Exception {
        Path m = schema("CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
        try (Pristine p = pristine(m, Map.of()); TestDatabase db = p.acquire("OrderTest.placesOrder")) {
            assertThat(db.id()).matches("pristine_ordertest_placesorder_[a-z0-9]{8}");
            Path file = dir.resolve("state/sqlite/clones/" + db.id() + ".db");
            assertThat(db.jdbcUrl()).startsWith("jdbc:sqlite:" + file + "?");
            assertThat(file).isRegularFile();
            assertThat(file.resolveSibling(db.id() + ".owner")).content().startsWith("pristine:v1 key=" + db.key());
        }
    }

    private static String pragma(String url, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
