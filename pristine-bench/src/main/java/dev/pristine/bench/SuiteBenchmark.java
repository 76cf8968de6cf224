package dev.pristine.bench;

import dev.pristine.Migrations;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.MigrationTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Runs a suite of {@code tests} tests on {@code workers} threads in every mode, interleaved over
 * {@code rounds} rounds (after a warm-up round), and reports medians and spread.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class SuiteBenchmark {

    private static final Pattern FLYWAY_NAME = Pattern.compile("V\\d+(?:[._]\\d+)*__.+\\.sql");

    /**
     * What to run.
     *
     * @param settings {@code pristine.*} settings for the engine (engine, url, user, password, allow-remote)
     * @param migrations the migrations directory
     * @param schema a name for the schema in the report
     * @param workSql a file of statements each test runs, or null for the default work
     * @param workDir where the run keeps its state and baseline databases
     */
    public record Options(Map<String, String> settings, Path migrations, String schema, Path workSql, int tests,
            int workers, int rounds, int warmupTests, List<Mode> modes, Path workDir) {}

    private final Options options;
    private final PrintStream progress;
    private final String engine;
    private final AtomicLong ids = new AtomicLong(1_000_000);
    private final Map<Mode, ModeResult> results = new EnumMap<>(Mode.class);
    private long templateBuildMillis;
    private Work work;
    private String naiveMigrator;
    private String zonkyDescription = "";

    public SuiteBenchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
        this.engine = options.settings().getOrDefault("engine", "sqlite");
    }

    /** Runs every mode and returns the report. */
    public BenchReport run() throws Exception {
        Files.createDirectories(options.workDir());
        try (Pristine pooled = pristine(Math.max(2, options.workers())).build();
                Pristine unpooled = pristine(0).build();
                Pristine sharedSource = pristine(0).build()) {
            PreparedTemplate template = pooled.prepare();
            templateBuildMillis = template.millis();
            progress.printf("template %s ready in %d ms (%s)%n", template.key().substring(0, 12), template.millis(),
                    template.built() ? "built" : "found");
            TestDatabase shared = sharedSource.acquire("bench.shared");
            try (BenchTarget target = BenchTarget.of(engine, options.workDir(), options.settings(), shared)) {
                measure(target, template, pooled, unpooled, shared);
            }
            shared.close();
        }
        return new BenchReport(engine, options.schema(), options.tests(), options.workers(), options.rounds(),
                templateBuildMillis, work.description(), new ArrayList<>(results.values()));
    }

    private void measure(BenchTarget target, PreparedTemplate template, Pristine pooled, Pristine unpooled,
            TestDatabase shared) throws Exception {
        List<Runner> runners = new ArrayList<>();
        work = chooseWork(shared);
        progress.printf("work per test: %s%n", work.description());
        for (Mode m : options.modes()) {
            runners.add(runner(m, target, template, pooled, unpooled, shared));
            results.put(m, new ModeResult(m));
        }
        if (results.containsKey(Mode.NAIVE)) {
            results.get(Mode.NAIVE).note = naiveMigrator;
        }
        if (results.containsKey(Mode.RAW_CLONE)) {
            results.get(Mode.RAW_CLONE).note = target.describeRawClone();
        }
        if (results.containsKey(Mode.ZONKY)) {
            results.get(Mode.ZONKY).note = zonkyDescription;
        }
        for (Runner r : runners) {
            runSuite(r, Math.min(options.warmupTests(), options.tests()));
        }
        for (int round = 0; round < options.rounds(); round++) {
            for (int k = 0; k < runners.size(); k++) {
                Runner r = runners.get((k + round) % runners.size());
                long[] lat = new long[options.tests()];
                long[] use = new long[options.tests()];
                long[] back = new long[options.tests()];
                double wall = runSuite(r, options.tests(), lat, use, back);
                ModeResult res = results.get(r.mode);
                res.wallMillis.add(wall);
                res.acquireNanos.add(lat);
                res.workNanos.add(use);
                res.releaseNanos.add(back);
                progress.printf("round %d/%d %-16s %9.1f ms  acquire p50 %8.1f us%n", round + 1, options.rounds(),
                        r.mode.id(), wall, Stats.percentile(java.util.Arrays.stream(lat).sorted().toArray(), 50) / 1000.0);
            }
        }
    }

    private PristineBuilder pristine(int poolSize) {
        Map<String, String> s = new LinkedHashMap<>(options.settings());
        s.putIfAbsent("state-dir", options.workDir().resolve("state").toString());
        s.put("migrations", options.migrations().toString());
        s.put("pool-size", Integer.toString(poolSize));
        return Pristine.builder().settings(PristineSettings.standard().withOverrides(s));
    }

    private Work chooseWork(TestDatabase db) throws Exception {
        if (options.workSql() != null) {
            return Work.fromFile(options.workSql());
        }
        try (Connection c = db.dataSource().getConnection()) {
            return Work.discover(c);
        }
    }

    // ---- the suite -------------------------------------------------------------------------------

    private double runSuite(Runner r, int tests) throws Exception {
        return runSuite(r, tests, new long[tests], new long[tests], new long[tests]);
    }

    /**
     * Runs one suite and returns its wall time in ms; per test it records how long acquire, the work
     * (connect, statements, close) and release took, which is where a mode's time goes.
     */
    private double runSuite(Runner r, int tests, long[] acquireNanos, long[] workNanos, long[] releaseNanos)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.workers());
        long t0 = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < options.workers(); w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < tests; i = next.getAndIncrement()) {
                        long id = ids.incrementAndGet();
                        long a = System.nanoTime();
                        Runner.Lease lease = r.acquire(id);
                        acquireNanos[i] = System.nanoTime() - a;
                        long u = System.nanoTime();
                        try {
                            try (Connection c = lease.connect()) {
                                if (lease.rollback()) {
                                    c.setAutoCommit(false);
                                    work.run(c, id);
                                    c.rollback();
                                } else {
                                    work.run(c, id);
                                }
                            }
                        } finally {
                            long rel = System.nanoTime();
                            workNanos[i] = rel - u;
                            lease.release();
                            releaseNanos[i] = System.nanoTime() - rel;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    // ---- modes -----------------------------------------------------------------------------------

    private Runner runner(Mode m, BenchTarget target, PreparedTemplate template, Pristine pooled, Pristine unpooled,
            TestDatabase shared) {
        return switch (m) {
            case SHARED -> new Runner(m, id -> Runner.Lease.of(shared, false, () -> { }));
            case ROLLBACK -> new Runner(m, id -> Runner.Lease.of(shared, true, () -> { }));
            case PRISTINE -> new Runner(m, id -> {
                TestDatabase db = pooled.acquire("bench.t" + id);
                return Runner.Lease.of(db, false, db::close);
            });
            case PRISTINE_NOPOOL -> new Runner(m, id -> {
                TestDatabase db = unpooled.acquire("bench.t" + id);
                return Runner.Lease.of(db, false, db::close);
            });
            case RAW_CLONE -> new Runner(m, id -> {
                BenchTarget.Database db = target.rawClone(template, "raw_" + id);
                return Runner.Lease.of(db, false, () -> target.drop(db));
            });
            case NAIVE -> naive(m, target);
            case ZONKY -> zonky(m);
        };
    }

    private Runner zonky(Mode m) {
        ZonkyPeer peer = new ZonkyPeer(options.migrations());
        long t0 = System.nanoTime();
        try {
            zonkyDescription = peer.warmUp() + (options.settings().get("url") != null
                    ? "; not the --url server: its ratio compares two servers as well as two tools" : "");
        } catch (SQLException e) {
            throw new IllegalStateException("zonky's first database failed: " + e.getMessage(), e);
        }
        progress.printf("zonky template ready in %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, zonkyDescription);
        return new Runner(m, id -> peer.lease());
    }

    private Runner naive(Mode m, BenchTarget target) {
        boolean flyway;
        try (Stream<Path> files = Files.list(options.migrations())) {
            flyway = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .allMatch(n -> FLYWAY_NAME.matcher(n).matches());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        naiveMigrator = flyway ? "Flyway " + Peers.version("flyway") : "Pristine's plain SQL migrator";
        var sql = Migrations.sqlDirectory(options.migrations());
        return new Runner(m, id -> {
            BenchTarget.Database db = target.createEmpty("naive_" + id);
            if (flyway) {
                Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                        .locations("filesystem:" + options.migrations()).load().migrate();
            } else {
                sql.migrate(new Target(engine, db));
            }
            return Runner.Lease.of(db, false, () -> target.drop(db));
        });
    }

    /** A baseline database as a migration target. */
    private record Target(String engineId, BenchTarget.Database db) implements MigrationTarget {
        @Override
        public Coordinates coordinates() {
            return new Coordinates(db.jdbcUrl(), db.user(), db.password());
        }

        @Override
        public DataSource dataSource() {
            return new DriverDataSource(db.jdbcUrl(), db.user(), db.password());
        }
    }

    /** The smallest DataSource over DriverManager. */
    private record DriverDataSource(String url, String user, String password) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // unused
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // unused
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
