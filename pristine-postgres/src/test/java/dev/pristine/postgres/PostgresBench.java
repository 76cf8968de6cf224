package dev.pristine.postgres;

import dev.pristine.PoolStats;
import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.testkit.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;

/**
 * The measurements of the module README (a {@code main}, not a test: timing is never a pass/fail
 * criterion). Against the local server ({@code PRISTINE_PG_URL}) or, with {@code embedded}, against the
 * embedded one:
 * <ol>
 *   <li>{@code CREATE DATABASE … TEMPLATE} of Chinook with {@code STRATEGY WAL_LOG} vs {@code FILE_COPY},
 *       interleaved, {@code rounds} each;</li>
 *   <li>{@code acquire} latency from a warm pool (pool-size 4) under 2 parallel workers, each lease used for a
 *       few statements;</li>
 *   <li>wall time of {@code cycles} lease-use-release cycles against Flyway migrating {@code cycles} fresh
 *       databases, both with the bench module's generated 40-table schema (one migration per table: a
 *       foreign key to the previous table, an index, five seed rows).</li>
 * </ol>
 * Run: {@code java -cp <test class path> dev.pristine.postgres.PostgresBench [local|embedded] [rounds] [cycles]
 * [fixtures dir] [parts: strategies,acquire,cycles]}; see the README.
 */
public final class PostgresBench {

    private PostgresBench() {}

    public static void main(String[] args) throws Exception {
        boolean embedded = args.length > 0 && args[0].equals("embedded");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path fixtures = Path.of(args.length > 3 ? args[3] : "../shared/fixtures");
        String parts = args.length > 4 ? args[4] : "strategies,warm,acquire,cycles";
        Path work = Files.createTempDirectory("pristine-pg-bench");
        Map<String, String> base = new LinkedHashMap<>();
        base.put("engine", "postgres");
        base.put("state-dir", work.resolve("state").toString());
        if (!embedded) {
            base.put("url", PostgresTestServer.URL);
            base.put("user", PostgresTestServer.USER);
        }
        Path schema = Schemas.generated(work.resolve("schema40"), 40);
        Path chinook = chinook(work.resolve("chinook"), fixtures);
        try (Pristine holder = pristine(base, schema, 0, 1)) { // keeps an embedded server up between the parts
            String version = query(holder, "SHOW server_version");
            out("# Pristine PostgreSQL bench: %s server %s, %d cores", embedded ? "embedded" : "local", version,
                    Runtime.getRuntime().availableProcessors());
            if (parts.contains("strategies")) {
                strategies(base, chinook, rounds);
            }
            if (parts.contains("warm")) {
                warmAcquire(base, schema, rounds);
            }
            if (parts.contains("acquire")) {
                acquireLatency(base, schema);
            }
            if (parts.contains("cycles")) {
                cycles(base, schema, cycles, holder);
            }
        }
    }

    // ---- 1. WAL_LOG vs FILE_COPY on Chinook -----------------------------------------------------------

    private static void strategies(Map<String, String> base, Path chinook, int rounds) throws Exception {
        try (Pristine p = pristine(base, chinook, 0, 1)) {
            long t0 = System.nanoTime();
            boolean built = p.prepare().built();
            out("\n## Clone time on Chinook (%s, template %s in %d ms)", query(p, "SELECT pg_size_pretty(pg_database_size("
                    + "'pristine_tpl_" + p.key().substring(0, 16) + "'))"), built ? "built" : "found", ms(t0));
            String template = "pristine_tpl_" + p.key().substring(0, 16);
            Map<String, List<Double>> create = new LinkedHashMap<>();
            Map<String, List<Double>> drop = new LinkedHashMap<>();
            String[] strategies = {"WAL_LOG", "FILE_COPY"};
            for (String s : strategies) {
                create.put(s, new ArrayList<>());
                drop.put(s, new ArrayList<>());
            }
            try (Connection c = admin(p); Statement st = c.createStatement()) {
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < 2; k++) {
                        String s = strategies[(r + k) % 2]; // alternate which goes first
                        String name = "bench_clone_" + s.toLowerCase(Locale.ROOT);
                        long a = System.nanoTime();
                        st.execute("CREATE DATABASE " + name + " TEMPLATE " + template + " STRATEGY " + s);
                        create.get(s).add(msd(a));
                        long b = System.nanoTime();
                        st.execute("DROP DATABASE " + name + " WITH (FORCE)");
                        drop.get(s).add(msd(b));
                    }
                }
            }
            out("| strategy | create p50 | create p90 | create min..max | drop p50 |");
            out("|---|---|---|---|---|");
            for (String s : strategies) {
                List<Double> c = create.get(s);
                out("| %s | %.1f ms | %.1f ms | %.1f..%.1f ms | %.1f ms |", s, pct(c, 50), pct(c, 90), pct(c, 0), pct(c, 100),
                        pct(drop.get(s), 50));
            }
            out("(%d rounds, interleaved; raw CREATE DATABASE / DROP DATABASE … WITH (FORCE) on one admin connection)", rounds);
        }
    }

    // ---- 2. acquire latency from a warm pool, 2 workers -------------------------------------------------

    /** Rounds of: pool warm with 8 clones, 2 workers take 4 each at once (all from the pool), release all. */
    private static void warmAcquire(Map<String, String> base, Path schema, int rounds) throws Exception {
        int pool = 8;
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        try (Pristine p = pristine(base, schema, pool, 2)) {
            p.prepare();
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                for (int r = 0; r < rounds; r++) {
                    awaitIdle(p, pool);
                    List<Future<List<TestDatabase>>> held = new ArrayList<>();
                    for (int w = 0; w < 2; w++) {
                        int worker = w;
                        int round = r;
                        held.add(workers.submit(() -> {
                            List<TestDatabase> mine = new ArrayList<>();
                            for (int i = 0; i < pool / 2; i++) {
                                long a = System.nanoTime();
                                mine.add(p.acquire("bench.warm" + round + "." + worker + "." + i));
                                latencies.add(msd(a));
                            }
                            return mine;
                        }));
                    }
                    for (Future<List<TestDatabase>> f : held) {
                        f.get(10, TimeUnit.MINUTES).forEach(TestDatabase::close);
                    }
                }
            } finally {
                workers.shutdownNow();
            }
        }
        List<Double> l = new ArrayList<>(latencies);
        out("\n## acquire from a warm pool: %d rounds of 2 workers x 4 acquires from a pool of 8 idle clones", rounds);
        out("| samples | p50 | p90 | p99 | max |");
        out("|---|---|---|---|---|");
        out("| %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |", l.size(), pct(l, 50), pct(l, 90), pct(l, 99), pct(l, 100));
        out("(every acquire is a queue pop plus ALTER DATABASE … RENAME and COMMENT ON DATABASE in one transaction)");
    }


    private static void acquireLatency(Map<String, String> base, Path schema) throws Exception {
        int perWorker = 50;
        out("\n## acquire from a warm pool (pool-size 4, background-threads 2), 2 workers x %d leases", perWorker);
        out("| test body | acquire p50 | p90 | p99 | max | wall | leases/s |");
        out("|---|---|---|---|---|---|---|");
        for (int body : new int[] {0, 250, 1000}) {
            try (Pristine p = pristine(base, schema, 4, 2)) {
                p.prepare();
                awaitIdle(p, 4);
                List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
                ExecutorService workers = Executors.newFixedThreadPool(2);
                long t0 = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    int worker = w;
                    done.add(workers.submit(() -> {
                        for (int i = 0; i < perWorker; i++) {
                            long a = System.nanoTime();
                            try (TestDatabase db = p.acquire("bench.w" + worker + "." + i)) {
                                latencies.add(msd(a));
                                use(db);
                                TimeUnit.MILLISECONDS.sleep(body); // what a test does with its database
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.MINUTES);
                }
                workers.shutdown();
                long wall = ms(t0);
                List<Double> l = new ArrayList<>(latencies);
                out("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %d ms | %.1f |",
                        body == 0 ? "none (back to back)" : "3 inserts, a join, " + body + " ms", pct(l, 50), pct(l, 90),
                        pct(l, 99), pct(l, 100), wall, l.size() * 1000.0 / wall);
            }
        }
        out("(every lease runs 3 inserts and a join, then the test body; when the workers outrun the pool, acquire waits"
                + " for the server to create a clone; when the pool keeps up, acquire is a queue pop plus one"
                + " ALTER DATABASE … RENAME and COMMENT in one transaction)");
    }

    // ---- 3. 200 lease-use-release cycles vs Flyway on 200 fresh databases --------------------------------

    private static void cycles(Map<String, String> base, Path schema, int cycles, Pristine holder) throws Exception {
        long build;
        long pristine;
        Map<String, String> roomy = new LinkedHashMap<>(base);
        roomy.put("max-clones", "256"); // drops may lag behind on a slow server: let acquire create on the spot
        roomy.put("acquire-timeout", "10m"); // and let close() wait for every drop
        Pristine p = pristine(roomy, schema, 2, 2);
        long t0;
        try {
            t0 = System.nanoTime();
            p.prepare();
            build = ms(t0);
            awaitIdle(p, 2);
            t0 = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                try (TestDatabase db = p.acquire("bench.cycle" + i)) {
                    use(db);
                }
            }
            p.close(); // counted: waits for the background drops
            pristine = ms(t0);
        } finally {
            p.close();
        }
        {
            t0 = System.nanoTime();
            String url = adminUrl(holder);
            try (Connection c = admin(holder); Statement st = c.createStatement()) {
                for (int i = 0; i < cycles; i++) {
                    String name = "bench_flyway_" + i;
                    st.execute("CREATE DATABASE " + name);
                    Flyway.configure().dataSource(url.replaceFirst("/postgres(\\?|$)", "/" + name + "$1"),
                            holderUser(holder), null).locations("filesystem:" + schema).load().migrate();
                    try (Connection db = DriverManager.getConnection(url.replaceFirst("/postgres(\\?|$)", "/" + name + "$1"),
                            holderUser(holder), null)) {
                        use(db);
                    }
                    st.execute("DROP DATABASE " + name + " WITH (FORCE)");
                }
            }
            long flyway = ms(t0);
            out("\n## %d databases of the 40-table schema, one after another", cycles);
            out("| approach | wall | per database |");
            out("|---|---|---|");
            out("| Pristine: acquire, use, release, until every clone is dropped (pool-size 2, background-threads 2, "
                    + "template ready in %d ms, not counted) | %d ms | %.1f ms |",
                    build, pristine, pristine / (double) cycles);
            out("| Flyway 13: CREATE DATABASE, migrate 40 files, use, DROP DATABASE | %d ms | %.1f ms |", flyway,
                    flyway / (double) cycles);
            out("| ratio | %.1fx | |", flyway / (double) pristine);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static Pristine pristine(Map<String, String> base, Path migrations, int pool, int threads) {
        Map<String, String> s = new LinkedHashMap<>(base);
        s.put("migrations", migrations.toString());
        s.put("pool-size", String.valueOf(pool));
        s.put("background-threads", String.valueOf(threads));
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build();
    }

    private static void use(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            use(c);
        }
    }

    private static void use(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = 100; i < 103; i++) {
                s.execute("INSERT INTO t01 (id, name, created_at) VALUES (" + i + ", 'bench', '2025-01-01 10:00:00')");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t01 JOIN t02 ON t02.parent_id = t01.id")) {
                rs.next();
            }
        }
    }

    private static void awaitIdle(Pristine p, int idle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (p.poolStats().map(PoolStats::idle).orElse(0) != idle && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static Connection admin(Pristine p) throws SQLException {
        return DriverManager.getConnection(adminUrl(p), holderUser(p), null);
    }

    /** The admin URL of the engine behind {@code p}, from a lease's URL. */
    private static String adminUrl(Pristine p) {
        try (TestDatabase db = p.acquire("bench.url")) {
            return db.jdbcUrl().replaceFirst("/" + db.id() + "(\\?|$)", "/postgres$1");
        }
    }

    private static String holderUser(Pristine p) {
        try (TestDatabase db = p.acquire("bench.user")) {
            return db.user();
        }
    }

    private static String query(Pristine p, String sql) throws SQLException {
        try (Connection c = admin(p); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Path chinook(Path dir, Path fixtures) throws IOException {
        String sql = Files.readString(fixtures.resolve("chinook/Chinook_PostgreSql.sql"));
        sql = sql.replaceAll("(?m)^(DROP DATABASE IF EXISTS chinook;|CREATE DATABASE chinook;|\\\\c chinook;)$", "");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("V1__chinook.sql"), sql);
        return dir;
    }

    private static double pct(List<Double> values, int p) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.size()) - 1;
        return v.get(Math.max(0, Math.min(v.size() - 1, i)));
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static double msd(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
