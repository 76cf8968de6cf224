package dev.pristine.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pristine.CloneStatus;
import dev.pristine.ErrorCode;
import dev.pristine.GcReport;
import dev.pristine.Migrations;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TemplateStatus;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.DatabaseEntry;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every engine passes, against a real engine: build once under N threads and M JVMs, a
 * new key on any migration edit, isolation between leases, atomic publish when the builder is killed,
 * reaping of a killed owner's clones, masked passwords, clear errors on a broken migration with
 * nothing published.
 *
 * <p>Extend it in the engine module's tests and implement {@link #engineSettings(Path)}.
 */
public abstract class EngineContract {

    /** A password no message may ever show. */
    protected static final String SECRET = "Pr1st1ne-s3cret-Value";

    @TempDir
    protected Path work;

    protected Path stateDir;
    protected Path migrations;

    /**
     * The {@code pristine.*} settings that select and reach the engine under test (at least {@code engine};
     * {@code url}, {@code user}, {@code password} for servers).
     *
     * @param stateDir this test's state directory
     */
    protected abstract Map<String, String> engineSettings(Path stateDir);

    @BeforeEach
    void prepareDirectories() {
        stateDir = work.resolve("state");
        migrations = Schemas.portable(work);
    }

    /** Every setting of this test: the engine's, the state dir, the migrations, a small pool. */
    protected Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>(engineSettings(stateDir));
        s.put("state-dir", stateDir.toString());
        s.put("migrations", migrations.toString());
        s.putIfAbsent("pool-size", "2");
        return s;
    }

    protected PristineBuilder builder() {
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(settings()));
    }

    /** A bare engine with the same settings, to look at what the core cannot show (unfinished builds). */
    protected Engine inspectEngine() {
        Map<String, String> s = settings();
        String id = s.get("engine");
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
            if (p.id().equals(id)) {
                return p.create(new EngineSettings(s.get("url"), s.get("user"), s.get("password"), stateDir,
                        Boolean.parseBoolean(s.getOrDefault("allow-remote", "false")),
                        PristineSettings.empty().withOverrides(s).asMap()));
            }
        }
        throw new AssertionError("no engine provider " + id);
    }

    // ---- build once -------------------------------------------------------------------------

    @Test
    void buildsTheTemplateOnceUnderManyThreads() throws Exception {
        int threads = 8;
        AtomicInteger runs = new AtomicInteger();
        Migrator counting = counting(Migrations.sqlDirectory(migrations), runs);
        List<Pristine> instances = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < threads; i++) {
                instances.add(builder().migrator(counting).poolSize(0).build());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PreparedTemplate>> results = new ArrayList<>();
            for (Pristine p : instances) {
                results.add(pool.submit(() -> {
                    start.await();
                    return p.prepare();
                }));
            }
            start.countDown();
            Set<String> keys = new HashSet<>();
            int built = 0;
            for (Future<PreparedTemplate> f : results) {
                PreparedTemplate t = f.get();
                keys.add(t.key());
                built += t.built() ? 1 : 0;
            }
            assertThat(keys).hasSize(1);
            assertThat(built).isEqualTo(1);
            assertThat(runs.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            instances.forEach(Pristine::close);
        }
    }

    @Test
    void buildsTheTemplateOnceAcrossProcesses() {
        int jvms = 3;
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < jvms; i++) {
                children.add(ChildJvm.start("prepare", settings(), work.resolve("logs")));
            }
            children.forEach(c -> c.awaitLine("READY"));
            children.forEach(c -> c.send("go"));
            Set<String> keys = new HashSet<>();
            int built = 0;
            for (ChildJvm c : children) {
                String line = c.awaitLine("built=");
                assertThat(c.waitFor()).as("exit code; stderr: %s", c.stderrText()).isZero();
                built += line.startsWith("built=true") ? 1 : 0;
                keys.add(line.substring(line.indexOf("key=") + 4));
            }
            assertThat(keys).hasSize(1);
            assertThat(built).as("processes that built the template").isEqualTo(1);
            try (Pristine p = builder().build()) {
                assertThat(p.key()).isEqualTo(keys.iterator().next());
                assertThat(p.prepare().built()).isFalse();
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    // ---- freshness ----------------------------------------------------------------------------

    @Test
    void everyMigrationEditGivesANewKeyAndRevertingGivesTheOldOneBack() throws Exception {
        Path v1 = migrations.resolve("V1__items.sql");
        Path v2 = migrations.resolve("V2__more.sql");
        String v1Text = Files.readString(v1);
        String v2Text = Files.readString(v2);
        Set<String> keys = new HashSet<>();
        String original = key();
        keys.add(original);

        Files.writeString(v1, v1Text + "\nINSERT INTO item (id, name) VALUES (2, 'edited');\n");
        keys.add(key()); // content
        Files.writeString(v1, v1Text);

        Files.move(v2, migrations.resolve("V2__renamed.sql"));
        keys.add(key()); // rename
        Files.move(migrations.resolve("V2__renamed.sql"), v2);

        Files.writeString(v1, v1Text.replace("(1, 'seed')", "(1, 'seed')") + "\n");
        keys.add(key()); // whitespace is content too
        Files.writeString(v1, v1Text);

        Files.writeString(migrations.resolve("V3__added.sql"), "CREATE TABLE added (id INTEGER PRIMARY KEY);\n");
        keys.add(key()); // add
        Files.delete(migrations.resolve("V3__added.sql"));

        Files.move(v2, work.resolve("V2__more.sql.away"));
        keys.add(key()); // delete
        Files.move(work.resolve("V2__more.sql.away"), v2);

        // reorder: the same two files with their versions swapped
        Path reordered = work.resolve("reordered");
        Schemas.write(reordered.resolve("V1__more.sql"), "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
        Schemas.write(reordered.resolve("V2__items.sql"), "CREATE TABLE b (id INTEGER PRIMARY KEY);\n");
        String order1 = keyOf(reordered);
        Files.move(reordered.resolve("V1__more.sql"), reordered.resolve("V3__more.sql"));
        assertThat(keyOf(reordered)).isNotEqualTo(order1);

        assertThat(keys).as("content, rename, whitespace, add, delete each give a new key").hasSize(6);
        assertThat(key()).as("reverting every edit gives the original key").isEqualTo(original);
    }

    @Test
    void aRevertedEditFindsItsTemplateWithoutRebuilding() throws Exception {
        Path v1 = migrations.resolve("V1__items.sql");
        String v1Text = Files.readString(v1);
        PreparedTemplate first = prepare();
        assertThat(first.built()).isTrue();
        assertThat(prepare()).satisfies(t -> {
            assertThat(t.built()).isFalse();
            assertThat(t.key()).isEqualTo(first.key());
        });
        Files.writeString(v1, v1Text + "\nINSERT INTO item (id, name) VALUES (2, 'edited');\n");
        PreparedTemplate edited = prepare();
        assertThat(edited.built()).isTrue();
        assertThat(edited.key()).isNotEqualTo(first.key());
        Files.writeString(v1, v1Text);
        PreparedTemplate reverted = prepare();
        assertThat(reverted.built()).isFalse();
        assertThat(reverted.key()).isEqualTo(first.key());
    }

    // ---- isolation and release -----------------------------------------------------------------

    @Test
    void leasesAreIsolatedFromEachOther() throws Exception {
        try (Pristine p = builder().build()) {
            List<TestDatabase> leases = List.of(p.acquire("iso.a"), p.acquire("iso.b"), p.acquire("iso.c"));
            assertThat(leases).extracting(TestDatabase::id).doesNotHaveDuplicates();
            assertThat(leases).extracting(TestDatabase::jdbcUrl).doesNotHaveDuplicates();
            for (TestDatabase db : leases) {
                assertThat(count(db, "SELECT COUNT(*) FROM item")).as("seed data in %s", db.id()).isEqualTo(1);
            }
            execute(leases.get(0), "INSERT INTO item (id, name) VALUES (42, 'only in a')");
            assertThat(count(leases.get(0), "SELECT COUNT(*) FROM item WHERE id = 42")).isEqualTo(1);
            assertThat(count(leases.get(1), "SELECT COUNT(*) FROM item WHERE id = 42")).isZero();
            assertThat(count(leases.get(2), "SELECT COUNT(*) FROM item WHERE id = 42")).isZero();
            // the template is untouched too: a new lease sees only the seed
            try (TestDatabase fresh = p.acquire("iso.d")) {
                assertThat(count(fresh, "SELECT COUNT(*) FROM item")).isEqualTo(1);
            }
            leases.forEach(TestDatabase::close);
        }
    }

    @Test
    void aReleasedCloneIsDropped() {
        String id;
        String key;
        try (Pristine p = builder().build()) {
            TestDatabase db = p.acquire("released");
            id = db.id();
            key = db.key();
            assertThat(p.status().clones()).extracting(CloneStatus::id).contains(id);
            db.close();
        } // close waits for the background drop
        try (Pristine p = builder().build()) {
            assertThat(p.status().clones()).extracting(CloneStatus::id).doesNotContain(id);
            assertThat(p.status().clones()).extracting(CloneStatus::key).doesNotContain(key);
        }
    }

    @Test
    void releaseByIdDropsACloneHeldByNobody() {
        try (Pristine p = builder().poolSize(0).leaseTtl(Duration.ofHours(1)).build()) {
            TestDatabase db = p.acquire("by.id");
            String id = db.id();
            assertThat(p.release(id)).isTrue();
            assertThat(p.status().clones()).extracting(CloneStatus::id).doesNotContain(id);
            assertThat(p.release(id)).isFalse();
        }
    }

    // ---- crashes ---------------------------------------------------------------------------------

    @Test
    void aBuilderKilledMidMigrationPublishesNothingAndTheNextBuildSucceeds() throws Exception {
        String key;
        try (Pristine p = builder().build()) {
            key = p.key();
        }
        try (ChildJvm builderJvm = ChildJvm.start("block-build", settings(), work.resolve("logs"))) {
            builderJvm.awaitLine("MIGRATING");
            try (Engine engine = inspectEngine()) {
                assertThat(engine.builds()).as("a build is under way").isNotEmpty();
                assertThat(engine.findTemplate(key)).as("nothing published mid-build").isEmpty();
            }
            builderJvm.kill();
        }
        try (Pristine p = builder().build()) {
            assertThat(p.status().templates()).extracting(TemplateStatus::key).doesNotContain(key);
            PreparedTemplate t = p.prepare();
            assertThat(t.key()).isEqualTo(key);
            assertThat(t.built()).isTrue();
            try (TestDatabase db = p.acquire("after.crash")) {
                assertThat(count(db, "SELECT COUNT(*) FROM tag")).isEqualTo(1);
                assertThatThrownBy(() -> count(db, "SELECT COUNT(*) FROM half_built")).isInstanceOf(SQLException.class);
            }
        }
        try (Engine engine = inspectEngine()) {
            assertThat(engine.builds()).extracting(DatabaseEntry::name).as("the dead build was cleaned up").isEmpty();
        }
    }

    @Test
    void clonesOfAKilledOwnerAreOrphansAndGcDropsThem() {
        Map<String, String> child = new LinkedHashMap<>(settings());
        child.put("pool-size", "0");
        List<String> held = new ArrayList<>();
        try (ChildJvm owner = ChildJvm.start("hold", child, work.resolve("logs"))) {
            held.add(owner.awaitLine("lease=").substring(6));
            held.add(owner.awaitLine("lease=").substring(6));
            owner.awaitLine("READY");
            try (Pristine p = builder().reapOnStart(false).build()) {
                assertThat(p.status().clones()).filteredOn(c -> held.contains(c.id()))
                        .hasSize(2).allSatisfy(c -> assertThat(c.orphan()).isFalse());
                assertThat(p.gc(false).dropped()).doesNotContainAnyElementsOf(held);
            }
            owner.kill();
        }
        try (Pristine p = builder().reapOnStart(false).build()) {
            assertThat(p.status().clones()).filteredOn(c -> held.contains(c.id()))
                    .hasSize(2).allSatisfy(c -> assertThat(c.orphan()).isTrue());
            GcReport dry = p.gc(true);
            assertThat(dry.dropped()).containsAll(held);
            assertThat(p.status().clones()).extracting(CloneStatus::id).containsAll(held);
            assertThat(p.gc(false).dropped()).containsAll(held);
            assertThat(p.status().clones()).extracting(CloneStatus::id).doesNotContainAnyElementsOf(held);
        }
    }

    @Test
    void startUpReapsClonesOfAKilledOwner() {
        Map<String, String> child = new LinkedHashMap<>(settings());
        child.put("pool-size", "0");
        List<String> held = new ArrayList<>();
        try (ChildJvm owner = ChildJvm.start("hold", child, work.resolve("logs"))) {
            held.add(owner.awaitLine("lease=").substring(6));
            held.add(owner.awaitLine("lease=").substring(6));
            owner.kill();
        }
        try (Pristine p = builder().build()) { // reaps on start
            assertThat(p.status().clones()).extracting(CloneStatus::id).doesNotContainAnyElementsOf(held);
        }
    }

    @Test
    void gcNeverDropsATemplateThatALiveProcessUses() {
        // the defect: with pool size 0 a JVM that leased once holds no clone, so gc with retention 0 dropped its
        // template (the dry run listed it too) and every later acquire of that JVM failed
        Map<String, String> child = new LinkedHashMap<>(settings());
        child.put("pool-size", "0");
        String templateName;
        try (ChildJvm user = ChildJvm.start("use", child, work.resolve("logs"))) {
            String key = user.awaitLine("key=").substring(4);
            user.awaitLine("READY");
            try (Pristine gc = builder().templateRetention(Duration.ZERO).reapOnStart(false).build()) {
                templateName = gc.status().templates().stream().filter(t -> t.key().equals(key))
                        .map(TemplateStatus::name).findFirst().orElseThrow();
                assertThat(gc.gc(true).dropped()).as("dry run").doesNotContain(templateName);
                assertThat(gc.gc(false).dropped()).doesNotContain(templateName);
                assertThat(gc.status().templates()).extracting(TemplateStatus::key).contains(key);
            }
            user.send("go");
            assertThat(user.awaitLine("acquired=")).startsWith("acquired=pristine_");
            assertThat(user.waitFor()).as("exit code; stderr:\n%s", user.stderrText()).isZero();
        }
        try (Pristine gc = builder().templateRetention(Duration.ZERO).reapOnStart(false).build()) {
            assertThat(gc.gc(false).dropped()).as("no one uses it any more").contains(templateName);
        }
    }

    @Test
    protected void aTemplateDroppedFromUnderALiveProcessIsBuiltAgainByItsNextAcquire() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Pristine p = builder().migrator(counting(Migrations.sqlDirectory(migrations), runs))
                .poolSize(0).build()) {
            p.acquire("before").close();
            try (Engine engine = inspectEngine()) {
                engine.dropTemplate(p.key()); // by hand, or by an older Pristine's gc
                assertThat(engine.findTemplate(p.key())).isEmpty();
            }
            try (TestDatabase db = p.acquire("after")) {
                assertThat(count(db, "SELECT COUNT(*) FROM tag")).isEqualTo(1);
            }
            assertThat(runs.get()).as("migrations run again").isEqualTo(2);
            assertThat(p.status().templates()).extracting(TemplateStatus::key).contains(p.key());
        }
    }

    @Test
    void aTerminatedJvmDropsItsLeasedAndIdleClones() {
        Map<String, String> child = new LinkedHashMap<>(settings());
        child.put("pool-size", "2");
        List<String> held = new ArrayList<>();
        try (ChildJvm owner = ChildJvm.start("hold", child, work.resolve("logs"));
                Pristine p = builder().reapOnStart(false).poolSize(0).build()) {
            held.add(owner.awaitLine("lease=").substring(6));
            held.add(owner.awaitLine("lease=").substring(6));
            owner.awaitLine("READY");
            String key = p.key();
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(p.status().clones())
                    .filteredOn(c -> c.key().equals(key)).as("2 leased + 2 idle").hasSize(4));
            owner.terminate(); // SIGTERM, what CI sends when a run is cancelled
            assertThat(p.status().clones()).filteredOn(c -> c.key().equals(key))
                    .as("clones after SIGTERM; the child's stderr:%n%s", owner.stderrText()).isEmpty();
            assertThat(owner.stderrText()).contains("JVM shutting down: dropped 4 clone(s) of ",
                    " (2 leased, 2 idle) in ");
        }
    }

    @Test
    void keptClonesOutliveTheirOwnerUntilTheyExpire() {
        String id;
        try (Pristine p = builder().build()) {
            TestDatabase db = p.acquire("kept");
            id = db.id();
            db.keep(Duration.ofHours(1));
            db.close();
        }
        try (Pristine p = builder().build()) {
            assertThat(p.status().clones()).filteredOn(c -> c.id().equals(id)).singleElement()
                    .satisfies(c -> assertThat(c.orphan()).isFalse());
            assertThat(p.release(id)).isTrue();
        }
    }

    // ---- fidelity ---------------------------------------------------------------------------------

    @Test
    void aCloneIsStructurallyEqualToADatabaseMigratedFromScratch() throws Exception {
        List<String> clone;
        try (Pristine p = builder().build(); TestDatabase db = p.acquire("shape");
                Connection c = db.dataSource().getConnection()) {
            clone = shape(c);
        }
        List<String> fresh;
        String key = (java.util.UUID.randomUUID().toString() + java.util.UUID.randomUUID()).replace("-", "");
        try (Engine engine = inspectEngine()) {
            String build = engine.createBuild(key, "pristine:v1 key=" + key + "&test=shape");
            try {
                Migrator m = Migrations.sqlDirectory(migrations);
                m.migrate(new MigrationTarget() {
                    @Override
                    public String engineId() {
                        return engine.id();
                    }

                    @Override
                    public Coordinates coordinates() {
                        return engine.coordinates(build);
                    }

                    @Override
                    public javax.sql.DataSource dataSource() {
                        return engine.dataSource(build);
                    }
                });
                try (Connection c = engine.dataSource(build).getConnection()) {
                    fresh = shape(c);
                }
            } finally {
                engine.dropBuild(build);
            }
        }
        assertThat(clone).as("structure of a clone vs a database migrated from scratch")
                .isNotEmpty().anyMatch(l -> l.startsWith("foreign key ")).containsExactlyElementsOf(fresh);
    }

    /**
     * The structure of the connection's database, compared between a clone and a fresh migration. The
     * default is {@link SchemaShape#portable}; engines add what only they can see (triggers, routines…).
     */
    protected List<String> shape(Connection c) throws SQLException {
        return SchemaShape.portable(c);
    }

    // ---- errors -----------------------------------------------------------------------------------

    @Test
    void aBrokenMigrationFailsClearlyAndPublishesNothing() throws Exception {
        Path broken = migrations.resolve("V3__broken.sql");
        Files.writeString(broken, "CREATE TABLE fine (id INTEGER PRIMARY KEY);\n\nCREAT TABLE oops (id INTEGER);\n");
        String key;
        try (Pristine p = builder().build()) {
            key = p.key();
            assertThatThrownBy(p::prepare).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage()).contains("V3__broken.sql", "line 3", "CREAT TABLE oops");
                assertThat(e.getMessage()).contains("no template was published");
            });
            assertThat(p.status().templates()).extracting(TemplateStatus::key).doesNotContain(key);
        }
        try (Engine engine = inspectEngine()) {
            assertThat(engine.builds()).as("the failed build was dropped").isEmpty();
            assertThat(engine.findTemplate(key)).isEmpty();
        }
        Files.writeString(broken, "CREATE TABLE fine (id INTEGER PRIMARY KEY);\n\nCREATE TABLE oops (id INTEGER);\n");
        try (Pristine p = builder().build()) {
            assertThat(p.prepare().built()).isTrue();
        }
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstStatement() throws Exception {
        // a UTF-8 BOM, as some Windows editors save files, was a syntax error at an invisible U+FEFF on the servers
        byte[] sql = ("CREATE TABLE word (id INTEGER PRIMARY KEY, w VARCHAR(20));\n"
                + "INSERT INTO word (id, w) VALUES (1, 'café');\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[sql.length + 3];
        content[0] = (byte) 0xEF;
        content[1] = (byte) 0xBB;
        content[2] = (byte) 0xBF;
        System.arraycopy(sql, 0, content, 3, sql.length);
        Files.write(migrations.resolve("V3__bom.sql"), content);
        try (Pristine p = builder().poolSize(0).build(); TestDatabase db = p.acquire("bom");
                Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT w FROM word")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("café");
        }
    }

    @Test
    void anExhaustedPoolSaysWhatItHolds() {
        try (Pristine p = builder().poolSize(0).maxClones(2).build()) {
            TestDatabase a = p.acquire("cap.a");
            TestDatabase b = p.acquire("cap.b");
            assertThatThrownBy(() -> p.acquire("cap.c", Duration.ofMillis(50)))
                    .isInstanceOfSatisfying(PristineException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.POOL_EXHAUSTED);
                        assertThat(e.getMessage()).contains("acquire for cap.c timed out after 50ms",
                                "leased=2", "max=2", "raise pristine.max-clones");
                    });
            a.close();
            try (TestDatabase c = p.acquire("cap.c", Duration.ofSeconds(30))) {
                assertThat(c.id()).isNotIn(a.id(), b.id());
            }
            b.close();
        }
    }

    @Test
    void passwordsNeverShow() throws Exception {
        Map<String, String> s = new LinkedHashMap<>(settings());
        s.putIfAbsent("password", SECRET); // the builder registers the configured password for masking
        Files.writeString(migrations.resolve("V3__broken.sql"), "SELEC 1;\n");
        String password = s.get("password");
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build()) {
            assertThat(p.toString()).doesNotContain(password);
            assertThatThrownBy(p::prepare).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.getMessage()).doesNotContain(password);
                assertThat(e.toErrorLine()).doesNotContain(password);
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t)).doesNotContain(password);
                }
            });
        }
        PristineException inUrl = new PristineException(ErrorCode.ENGINE_UNREACHABLE, "cannot connect",
                "jdbc:postgresql://app:" + password + "@127.0.0.1/db?password=" + password, "check it");
        assertThat(inUrl.getMessage()).doesNotContain(password).contains("app:****@127.0.0.1", "password=****");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private String key() {
        return keyOf(migrations);
    }

    private String keyOf(Path dir) {
        try (Pristine p = builder().migrations(dir).reapOnStart(false).poolSize(0).build()) {
            return p.key();
        }
    }

    private PreparedTemplate prepare() {
        try (Pristine p = builder().poolSize(0).build()) {
            return p.prepare();
        }
    }

    /** Runs a query returning one number. */
    protected static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a statement. */
    protected static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Wraps a migrator, counting its runs. */
    protected static Migrator counting(Migrator real, AtomicInteger runs) {
        return WrappedMigrator.around(real, (target, r) -> {
            runs.incrementAndGet();
            r.migrate(target);
        });
    }
}
