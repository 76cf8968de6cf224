package dev.pristine.mariadb;

import dev.pristine.PoolStats;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.testkit.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * Measures, in one run, what the closing note of issue 4 asks: the time of one clone per strategy tried,
 * warm-pool {@code acquire} p50/p99 under 2 workers, and the wall time of 100 lease-use-release cycles
 * versus Flyway-migrating 100 databases, on a 40-table schema (one table per migration, each with a
 * foreign key to the previous table, an index and five rows). Not a test: run it by hand
 * (see the module README) and read the table it prints.
 *
 * <p>Arguments: {@code [rounds per strategy, default 15] [cycles, default 100] [strategies]} (the last: clone
 * strategies only).
 */
public final class MariadbMeasurements {

    private static final int TABLES = 40;

    private MariadbMeasurements() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path work = Files.createTempDirectory("pristine-mariadb-measure");
        Path migrations = Schemas.generated(work.resolve("migrations"), TABLES);
        Map<String, String> s = new LinkedHashMap<>(MariadbTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("migrations", migrations.toString());
        s.put("pool-size", "4");
        s.put("max-clones", "12");
        PreparedTemplate template;
        List<String> report = new ArrayList<>();
        report.add("server: " + serverVersion() + "; schema: " + TABLES + " tables (FK chain, index, 5 rows each)");
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build()) {
            template = p.prepare();
            report.add(String.format(Locale.ROOT, "template build (SQL migrator): %d ms", template.millis()));
        }
        try (MariadbConnections connections = new MariadbConnections(MariadbTestServer.URL, MariadbTestServer.USER,
                MariadbTestServer.PASSWORD.isEmpty() ? null : MariadbTestServer.PASSWORD, 6)) {
            CloneStrategies strategies = new CloneStrategies(connections, template.template());
            report.addAll(strategies.measure(rounds));
        }
        boolean strategiesOnly = args.length > 2 && args[2].equals("strategies");
        if (strategiesOnly) {
            MariadbTestServer.dropTemplate(template);
            System.out.println();
            report.forEach(System.out::println);
            return;
        }
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build()) {
            p.prepare();
            report.addAll(cycles(p, cycles, 2, "PRODUCT (drop + clone anew, default 1 background thread)"));
        }
        s.put("background-threads", "2");
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build()) {
            p.prepare();
            report.addAll(cycles(p, cycles, 2, "drop + clone anew, 2 background threads"));
        }
        report.addAll(RecyclingPool.cycles(template, cycles, 2, 4));
        report.add(flyway(migrations, cycles, 2));
        MariadbTestServer.dropTemplate(template);
        System.out.println();
        System.out.println("=== pristine-mariadb measurements ===");
        report.forEach(System.out::println);
    }

    /** {@code cycles} lease-use-release cycles on {@code workers} threads; acquire latencies and wall time. */
    static List<String> cycles(Pristine p, int cycles, int workers, String label) throws Exception {
        // let the pool warm up first, as it would while a suite starts
        try (TestDatabase warm = p.acquire("warm")) {
            count(warm, "SELECT COUNT(*) FROM t01");
        }
        awaitIdle(p, 4);
        List<Long> acquireNanos = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(cycles);
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            fs.add(threads.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    long a = System.nanoTime();
                    try (TestDatabase db = p.acquire("cycle")) {
                        acquireNanos.add(System.nanoTime() - a);
                        useLikeATest(db.dataSource());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        long wall = System.nanoTime() - t0;
        threads.shutdown();
        List<Long> sorted = new ArrayList<>(acquireNanos);
        Collections.sort(sorted);
        return summary(label, sorted, wall, cycles, workers);
    }

    static List<String> summary(String label, List<Long> sortedAcquires, long wall, int cycles, int workers) {
        return List.of(String.format(Locale.ROOT, "%s: acquire under %d workers (pool-size 4): p50 %.2f ms, p99 %.2f ms, "
                        + "max %.2f ms", label, workers, ms(pct(sortedAcquires, 50)), ms(pct(sortedAcquires, 99)),
                ms(sortedAcquires.get(sortedAcquires.size() - 1))),
                String.format(Locale.ROOT, "%s: %d lease-use-release cycles, %d workers: wall %.0f ms (%.1f ms per cycle)", label,
                        cycles, workers, ms(wall), ms(wall) / cycles));
    }

    /** The "test" of a cycle: reads, and writes one row to one table. */
    static void useLikeATest(javax.sql.DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO t40 (id, name, created_at, parent_id) VALUES (100, 'x', 'now', 1)");
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t40")) {
                rs.next();
            }
        }
    }

    private static void awaitIdle(Pristine p, int idle) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && p.poolStats().map(PoolStats::idle).orElse(0) != idle) {
            Thread.onSpinWait();
        }
    }

    /** Flyway-migrating {@code n} fresh databases on {@code workers} threads: the migrate-per-test baseline. */
    static String flyway(Path migrations, int n, int workers) throws Exception {
        AtomicInteger left = new AtomicInteger(n);
        List<Long> each = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            fs.add(threads.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    String db = "bench_flyway_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                    try (Connection c = MariadbTestServer.connect(); Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE " + db);
                        try {
                            long a = System.nanoTime();
                            String url = MariadbTestServer.URL.replaceFirst("/[^/]*$", "/") + db;
                            Flyway.configure().dataSource(url, MariadbTestServer.USER, MariadbTestServer.PASSWORD)
                                    .locations("filesystem:" + migrations).load().migrate();
                            each.add(System.nanoTime() - a);
                        } finally {
                            st.execute("DROP DATABASE " + db);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        long wall = System.nanoTime() - t0;
        threads.shutdown();
        List<Long> sorted = new ArrayList<>(each);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "Flyway-migrating %d databases, %d workers (create, migrate, drop): wall %.0f ms; "
                + "one migrate p50 %.0f ms", n, workers, ms(wall), ms(pct(sorted, 50)));
    }

    private static String serverVersion() throws SQLException {
        try (Connection c = MariadbTestServer.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
        }
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

}
