package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.internal.OwnerMarker;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.NameTakenException;
import dev.pristine.testkit.Schemas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MariaDB specifics beyond the contract: the catalog, names, URLs, errors, and drops that sessions would block. */
class MariadbEngineIT {

    @TempDir
    Path work;

    private Path migrations;

    @BeforeEach
    void migrations() {
        migrations = Schemas.portable(work);
    }

    /** Every template a test here built is of no use afterwards: drop it. */
    @AfterEach
    void dropTemplate() {
        String key;
        try (Pristine p = builder(Map.of("pool-size", "0")).reapOnStart(false).build()) {
            key = p.key();
        }
        try (Engine engine = engine()) {
            engine.dropTemplate(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private PristineBuilder builder(Map<String, String> overrides) {
        Map<String, String> s = new LinkedHashMap<>(MariadbTestServer.settings());
        s.putAll(overrides);
        s.put("state-dir", work.resolve("state").toString());
        s.put("migrations", migrations.toString());
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s));
    }

    private static Engine engine() {
        Map<String, String> s = MariadbTestServer.settings();
        return new MariadbEngineProvider().create(new EngineSettings(s.get("url"), s.get("user"), s.get("password"),
                Path.of("."), false, Map.of()));
    }

    @Test
    void templatesAreBuiltUnderTheirFinalNameAndPublishedInTheCatalog() throws Exception {
        PreparedTemplate t;
        try (Pristine p = builder(Map.of("pool-size", "0")).build()) {
            t = p.prepare();
        }
        try {
            assertThat(t.template()).isEqualTo("pristine_tpl_" + t.key().substring(0, 16));
            try (Connection c = MariadbTestServer.connect()) {
                assertThat(catalogKind(c, t.template())).isEqualTo("template");
                assertThat(exists(c, t.template())).isTrue();
            }
        } finally {
            MariadbTestServer.dropTemplate(t);
        }
        try (Connection c = MariadbTestServer.connect()) {
            assertThat(catalogKind(c, t.template())).isNull();
            assertThat(exists(c, t.template())).isFalse();
        }
    }

    @Test
    void databasesPristineDidNotRecordAreNeverTouched() throws Exception {
        String foreign = "pristine_foreign_" + suffix();
        try (Connection c = MariadbTestServer.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + foreign);
            try {
                PreparedTemplate t;
                try (Pristine p = builder(Map.of("pool-size", "0")).build()) {
                    t = p.prepare();
                    assertThatThrownBy(() -> p.release(foreign)).isInstanceOfSatisfying(PristineException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_TARGET);
                        assertThat(e.getMessage()).isEqualTo("refusing to release a database that is not a clone Pristine made, " + foreign
                                    + ", release only ids printed by 'pristine lease' or 'pristine status'; Pristine never drops anything else");
                    });
                    assertThat(p.gc(false).dropped()).doesNotContain(foreign);
                    assertThat(p.status().clones()).extracting(cs -> cs.id()).doesNotContain(foreign);
                }
                try (Engine engine = engine()) {
                    assertThatThrownBy(() -> engine.createClone(t.key(), foreign, "pristine:v1 key=x"))
                            .isInstanceOf(NameTakenException.class);
                    engine.dropClone(foreign);
                    assertThat(engine.clones()).extracting(e -> e.name()).doesNotContain(foreign);
                } finally {
                    MariadbTestServer.dropTemplate(t);
                }
                assertThat(exists(c, foreign)).as("the foreign database survived").isTrue();
                assertThat(catalogKind(c, foreign)).as("the failed claim left no catalog row").isNull();
            } finally {
                s.execute("DROP DATABASE " + foreign);
            }
        }
    }

    @Test
    void aCatalogRowLeftWithoutItsDatabaseByADeadOwnerIsReaped() throws Exception {
        String name = "pristine_crashed_" + suffix();
        // what a process killed between writing the row and CREATE DATABASE leaves behind
        OwnerMarker dead = new OwnerMarker("0".repeat(64), hostName(), Integer.MAX_VALUE - 7, 1, 0, "crashed");
        try (Connection c = MariadbTestServer.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO pristine_catalog.databases_v1 (name, kind, template_key, marker, created_at) VALUES (?, 'clone', ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, "0".repeat(64));
            ps.setString(3, dead.encode());
            ps.setLong(4, Instant.now().toEpochMilli());
            ps.executeUpdate();
        }
        try (Pristine p = builder(Map.of("pool-size", "0")).reapOnStart(false).build()) {
            assertThat(p.status().clones()).filteredOn(cs -> cs.id().equals(name)).singleElement()
                    .satisfies(cs -> assertThat(cs.orphan()).isTrue());
            assertThat(p.gc(false).dropped()).contains(name);
        }
        try (Connection c = MariadbTestServer.connect()) {
            assertThat(catalogKind(c, name)).isNull();
        }
    }

    @Test
    void aSessionLeftInsideAReleasedCloneDoesNotBlockItsDrop() throws Exception {
        String id;
        PreparedTemplate t;
        Connection straggler;
        try (Pristine p = builder(Map.of("pool-size", "0")).build()) {
            t = p.prepare();
            TestDatabase db = p.acquire("straggler");
            id = db.id();
            straggler = db.dataSource().getConnection();
            straggler.setAutoCommit(false);
            try (Statement s = straggler.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM item")) {
                rs.next(); // the open transaction holds a metadata lock on item
            }
            db.close();
        } // close waits for the background drop
        try (Connection c = MariadbTestServer.connect()) {
            assertThat(exists(c, id)).isFalse();
            assertThat(catalogKind(c, id)).isNull();
        } finally {
            straggler.close();
            MariadbTestServer.dropTemplate(t);
        }
    }

    @Test
    void aMysqlUrlKeepsItsSchemeInTheLease() throws Exception {
        String url = MariadbTestServer.URL.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
        PreparedTemplate t;
        try (Pristine p = builder(Map.of("url", url, "pool-size", "0")).build(); TestDatabase db = p.acquire("MySqlUrl.works")) {
            t = p.prepare();
            assertThat(db.jdbcUrl()).startsWith(url.replaceFirst("/[^/]*$", "/") + "pristine_mysqlurl_works_");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name FROM item")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("seed");
            }
        }
        MariadbTestServer.dropTemplate(t);
    }

    @Test
    void anUnreachableServerIsReportedWithTheFix() {
        assertThatThrownBy(() -> builder(Map.of("url", "jdbc:mariadb://127.0.0.1:1/")).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNREACHABLE);
                    assertThat(e.getMessage()).startsWith("cannot use the MariaDB/MySQL server: ")
                            .endsWith(", mariadb://127.0.0.1:1 as root, check that the server runs and that the URL, user "
                                    + "and password are right");
                });
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatNeverShowsThePassword() {
        MariadbTestServer.settingsWithPassword(MariadbTestServer.CONTRACT_PASSWORD);
        String wrong = "Wr0ng-Passw0rd-" + suffix();
        assertThatThrownBy(() -> builder(Map.of("user", "pristine_contract", "password", wrong)).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNREACHABLE);
                    assertThat(e.getMessage()).contains("1045 (28000) Access denied for user 'pristine_contract'",
                            "as pristine_contract, check that the server runs and that the URL, user and password are right");
                    for (Throwable x = e; x != null; x = x.getCause()) {
                        assertThat(String.valueOf(x)).doesNotContain(wrong);
                    }
                });
    }

    @Test
    void aServerThatIsNotOnThisMachineIsRefusedBeforeAnyConnection() {
        assertThatThrownBy(() -> builder(Map.of("url", "jdbc:mariadb://192.0.2.10:3306/")).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_TARGET);
                    assertThat(e.getMessage()).isEqualTo("refusing a MariaDB/MySQL server that is not on this machine, "
                            + "mariadb://192.0.2.10:3306 (192.0.2.10 is 192.0.2.10), Pristine creates and drops databases "
                            + "there: if the server is meant for throwaway test databases, pass --allow-remote or set "
                            + "pristine.allow-remote=true");
                });
    }

    @Test
    void lockWaitTimeoutsAndDeadlocksAreTransientAndOtherErrorsAreNot() throws Exception {
        try (Pristine p = builder(Map.of("pool-size", "0")).build(); TestDatabase db = p.acquire("transient");
                Engine engine = engine(); Connection a = db.dataSource().getConnection();
                Connection b = db.dataSource().getConnection(); Statement sa = a.createStatement();
                Statement sb = b.createStatement()) {
            sa.execute("INSERT INTO item (id, name) VALUES (2, 'second')");
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            sb.execute("SET SESSION innodb_lock_wait_timeout = 1");
            sa.execute("UPDATE item SET name = 'a' WHERE id = 1");
            SQLException timeout = catchSql(() -> sb.execute("UPDATE item SET name = 'b' WHERE id = 1"));
            assertThat(timeout.getErrorCode()).isEqualTo(1205);
            assertThat(engine.isTransient(timeout)).isTrue();
            b.rollback();

            // a real deadlock: a holds row 1 and waits for row 2, which b holds while it asks for row 1
            long aId = count(a, "SELECT CONNECTION_ID()");
            sb.execute("SET SESSION innodb_lock_wait_timeout = 30");
            sb.execute("UPDATE item SET name = 'b' WHERE id = 2");
            CountDownLatch aWaits = new CountDownLatch(1);
            CompletableFuture<SQLException> fromA = CompletableFuture.supplyAsync(() -> {
                aWaits.countDown();
                return catchSql(() -> sa.execute("UPDATE item SET name = 'a' WHERE id = 2"));
            });
            assertThat(aWaits.await(10, TimeUnit.SECONDS)).isTrue();
            awaitLockWait(aId);
            SQLException fromB = catchSqlOrNull(() -> sb.execute("UPDATE item SET name = 'b' WHERE id = 1"));
            SQLException deadlock = fromB != null ? fromB : fromA.get(30, TimeUnit.SECONDS);
            assertThat(deadlock.getErrorCode()).isEqualTo(1213);
            assertThat(engine.isTransient(deadlock)).isTrue();
            a.rollback();
            b.rollback();

            SQLException syntax = catchSql(() -> sa.execute("SELEC 1"));
            assertThat(engine.isTransient(syntax)).isFalse();
            assertThat(engine.classify(syntax)).isEqualTo(ErrorCode.UNEXPECTED);
        }
    }

    /** Waits until the server shows that session {@code id} waits for a row lock (no sleeping on a guess). */
    private static void awaitLockWait(long id) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection c = MariadbTestServer.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = ? AND trx_state = 'LOCK WAIT'")) {
            ps.setLong(1, id);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("session " + id + " did not wait for a lock within 20s");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static SQLException catchSql(SqlRunnable r) {
        SQLException e = catchSqlOrNull(r);
        if (e == null) {
            throw new AssertionError("expected the statement to fail");
        }
        return e;
    }

    private static SQLException catchSqlOrNull(SqlRunnable r) {
        try {
            r.run();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    @FunctionalInterface
    private interface SqlRunnable {
        void run() throws SQLException;
    }

    private static String catalogKind(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind FROM pristine_catalog.databases_v1 WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String hostName() {
        return OwnerMarker.ofThisProcess("x", "").host();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
