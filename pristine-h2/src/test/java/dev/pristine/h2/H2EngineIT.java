package dev.pristine.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import dev.pristine.testkit.Schemas;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract does not cover: modes in the key, clean templates, URL settings, the two kinds of clone, transient errors. */
class H2EngineIT {

    @TempDir
    Path work;

    Path migrations;

    @BeforeEach
    void migrations() {
        migrations = Schemas.portable(work);
    }

    private PristineBuilder builder(Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", "h2");
        s.put("state-dir", work.resolve("state").toString());
        s.put("migrations", migrations.toString());
        s.put("pool-size", "0");
        s.putAll(extra);
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s));
    }

    private String key(Map<String, String> extra) {
        try (Pristine p = builder(extra).build()) {
            return p.key();
        }
    }

    @Test
    void compatibilityModesAndSemanticSettingsArePartOfTheKey() {
        Set<String> keys = new HashSet<>();
        keys.add(key(Map.of()));
        keys.add(key(Map.of("h2.mode", "PostgreSQL")));
        keys.add(key(Map.of("h2.mode", "MySQL")));
        keys.add(key(Map.of("h2.settings", "DATABASE_TO_LOWER=TRUE")));
        keys.add(key(Map.of("h2.mode", "PostgreSQL", "h2.settings", "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")));
        assertThat(keys).hasSize(5);
        assertThat(key(Map.of("url", "jdbc:h2:mem:testdb;MODE=MySQL"))).as("a URL gives its settings")
                .isEqualTo(key(Map.of("h2.mode", "MySQL")));
        assertThat(key(Map.of("h2.settings", "LOCK_TIMEOUT=10000;TRACE_LEVEL_FILE=0"))).as("connection-only settings")
                .isEqualTo(key(Map.of()));
    }

    @Test
    void clonesRunInTheModeTheTemplateWasBuiltIn() throws Exception {
        try (Pristine p = builder(Map.of("h2.mode", "PostgreSQL", "h2.settings", "DATABASE_TO_LOWER=TRUE")).build();
                TestDatabase db = p.acquire("mode")) {
            assertThat(db.jdbcUrl()).startsWith("jdbc:h2:file:").contains(";MODE=PostgreSQL", ";DATABASE_TO_LOWER=TRUE",
                    ";IFEXISTS=TRUE", ";DB_CLOSE_DELAY=0");
            assertThat(string(db, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'"))
                    .isEqualTo("PostgreSQL");
            assertThat(string(db, "SELECT table_name FROM information_schema.tables WHERE table_name = 'item'"))
                    .as("unquoted names are lower case").isEqualTo("item");
        }
    }

    @Test
    void theTemplateIsClosedCleanlyEvenWhenTheMigratorLeavesAConnectionOpen() throws Exception {
        Connection[] leaked = new Connection[1];
        Migrator leaky = new Migrator() {
            @Override
            public String id() {
                return "leaky";
            }

            @Override
            public String describe() {
                return "leaves its connection open";
            }

            @Override
            public String fingerprint() {
                return "leaky-" + migrations;
            }

            @Override
            public void migrate(MigrationTarget target) throws SQLException {
                leaked[0] = target.dataSource().getConnection();
                try (Statement s = leaked[0].createStatement()) {
                    s.execute("CREATE TABLE kept (id INT PRIMARY KEY)");
                    s.execute("INSERT INTO kept VALUES (7)");
                }
            }
        };
        try (Pristine p = builder(Map.of()).migrator(leaky).build(); TestDatabase db = p.acquire("leaky")) {
            assertThat(string(db, "SELECT id FROM kept")).isEqualTo("7");
            Path h2 = work.resolve("state/h2");
            assertThat(names(h2.resolve("templates"))).containsExactlyInAnyOrder(p.key() + ".mv.db", p.key() + ".used");
            assertThat(names(h2.resolve("builds"))).isEmpty();
            assertThat(leaked[0].isClosed()).as("SHUTDOWN closed the migrator's session").isTrue();
        }
    }

    @Test
    void aReleasedFileCloneIsGoneAndNeverRecreatedEmpty() throws Exception {
        String url;
        String id;
        try (Pristine p = builder(Map.of()).build()) {
            TestDatabase db = p.acquire("released");
            url = db.jdbcUrl();
            id = db.id();
            assertThat(work.resolve("state/h2/clones/" + id + ".mv.db")).isRegularFile();
            db.close();
        }
        assertThat(names(work.resolve("state/h2/clones"))).noneMatch(n -> n.startsWith(id));
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1));
    }

    @Test
    void memoryClonesLiveInH2sMemoryFileSystemWithTheirOwnerOnDisk() throws Exception {
        String url;
        try (Pristine p = builder(Map.of("h2.clones", "memory", "pool-size", "1")).build()) {
            try (TestDatabase db = p.acquire("in.memory")) {
                url = db.jdbcUrl();
                assertThat(url).startsWith("jdbc:h2:memFS:/pristine-").contains(";IFEXISTS=TRUE");
                assertThat(names(work.resolve("state/h2/clones"))).contains(db.id() + ".owner").allMatch(n -> n.endsWith(".owner"));
                assertThat(string(db, "SELECT name FROM item")).isEqualTo("seed");
                assertThat(p.status().clones()).extracting(c -> c.id()).contains(db.id());
            }
        }
        assertThat(names(work.resolve("state/h2/clones"))).isEmpty();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1));
    }

    @Test
    void manyThreadsMakeMemoryClonesAtOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Pristine p = builder(Map.of("h2.clones", "memory")).build()) {
            p.prepare();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TestDatabase>> leases = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String test = "parallel." + i;
                leases.add(pool.submit(() -> {
                    start.await();
                    return p.acquire(test);
                }));
            }
            start.countDown();
            for (Future<TestDatabase> f : leases) {
                try (TestDatabase db = f.get()) {
                    assertThat(string(db, "SELECT name FROM item")).isEqualTo("seed");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lockTimeoutsAndDatabasesInUseAreTransientSyntaxErrorsAreNot() throws Exception {
        try (Engine engine = new H2EngineProvider().create(new EngineSettings(null, null, null, work.resolve("state"),
                false, Map.of()))) {
            String url = "jdbc:h2:file:" + work.resolve("busy") + ";LOCK_TIMEOUT=50";
            try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url);
                    Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
                sa.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
                sa.execute("INSERT INTO t VALUES (1, 0)");
                a.setAutoCommit(false);
                sa.execute("UPDATE t SET v = 1 WHERE id = 1");
                SQLException timeout = catchSql(() -> sb.execute("UPDATE t SET v = 2 WHERE id = 1"));
                assertThat(timeout.getErrorCode()).isEqualTo(ErrorCode.LOCK_TIMEOUT_1);
                assertThat(engine.isTransient(new IllegalStateException("wrapped", timeout))).isTrue();
                SQLException syntax = catchSql(() -> sb.execute("SELEC 1"));
                assertThat(engine.isTransient(syntax)).isFalse();
                a.rollback();
            }
            Path file = work.resolve("in-use.mv.db");
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("in-use"))) {
                c.isValid(1);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE); FileLock held = ch.lock()) {
                SQLException inUse = catchSql(() -> DriverManager.getConnection("jdbc:h2:file:" + work.resolve("in-use")).close());
                assertThat(inUse.getErrorCode()).isEqualTo(ErrorCode.DATABASE_ALREADY_OPEN_1);
                assertThat(engine.isTransient(inUse)).isTrue();
                assertThat(held.isValid()).isTrue();
            }
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static SQLException catchSql(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected an SQLException");
    }

    private static String string(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
