package dev.pristine.h2;

import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Not a test: measures H2 file clones against in-memory clones in one run, interleaved, on the bookstore schema
 * (its tables, indexes, views and seed data: {@code V1}, {@code V2}, the views of {@code V3} and {@code V4}; the
 * SQLite triggers of {@code V3} are left out, H2 triggers are Java classes).
 *
 * <ul>
 *   <li>clone: {@link Engine#createClone} (file: a copy; memory: load into the memory file system and open);
 *   <li>acquire: {@link Pristine#acquire} from a warm pool (one idle clone ready);
 *   <li>first query: opening the leased clone and counting its tracks, what a test pays next;
 *   <li>memory clone by RUNSCRIPT: the alternative way to load an in-memory clone (a {@code SCRIPT} dump of the
 *       template replayed into {@code jdbc:h2:mem:}), for comparison.
 * </ul>
 *
 * <p>Run (see the module README):
 * {@code java -cp "$(cat /tmp/h2cp.txt):pristine-h2/target/classes:pristine-h2/target/test-classes" dev.pristine.h2.H2CloneBench 200}
 * after {@code mvn -q -o -pl pristine-h2 dependency:build-classpath -Dmdep.outputFile=/tmp/h2cp.txt -Dmdep.includeScope=test}.
 */
public final class H2CloneBench {

    private H2CloneBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path bookstore = Path.of(args.length > 1 ? args[1] : "examples/bookstore-schema");
        Path work = Files.createTempDirectory("h2-bench");
        Path migrations = portableBookstore(bookstore, work.resolve("bookstore-h2"));
        Path state = work.resolve("state");
        Map<String, long[]> t = new LinkedHashMap<>();
        for (String kind : List.of("file", "memory")) {
            for (String what : List.of("clone", "acquire", "first query")) {
                t.put(kind + " " + what, new long[rounds]);
            }
        }
        Map<String, Pristine> pristines = new LinkedHashMap<>();
        Map<String, Engine> engines = new LinkedHashMap<>();
        String key = null;
        for (String kind : List.of("file", "memory")) {
            Map<String, String> s = Map.of("engine", "h2", "h2.clones", kind, "state-dir", state.toString(),
                    "migrations", migrations.toString(), "pool-size", "1", "background-threads", "1");
            Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build();
            key = p.prepare().key();
            pristines.put(kind, p);
            engines.put(kind, new H2EngineProvider().create(new EngineSettings(null, null, null, state, false,
                    PristineSettings.empty().withOverrides(s).asMap())));
        }
        Path template = state.resolve("h2/templates/" + key + ".mv.db");
        long templateBytes = Files.size(template);
        Path script = work.resolve("template.sql");
        Path copy = work.resolve("script-source.mv.db");
        Files.copy(template, copy);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("script-source") + ";IFEXISTS=TRUE",
                "sa", ""); Statement st = c.createStatement()) {
            st.execute("SCRIPT TO '" + script + "'");
        }
        t.put("memory clone by RUNSCRIPT", new long[rounds]);
        int warmup = Math.max(10, rounds / 10);
        for (int i = -warmup; i < rounds; i++) {
            for (String kind : List.of("file", "memory")) {
                Engine engine = engines.get(kind);
                String name = "pristine_bench_" + kind + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                long t0 = System.nanoTime();
                engine.createClone(key, name, "bench");
                long t1 = System.nanoTime();
                engine.dropClone(name);
                if (kind.equals("memory")) {
                    long r0 = System.nanoTime();
                    String url = "jdbc:h2:mem:" + name;
                    try (Connection c = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=-1", "sa", "");
                            Statement st = c.createStatement()) {
                        st.execute("RUNSCRIPT FROM '" + script + "'");
                        st.execute("SET DB_CLOSE_DELAY -1"); // the dump carries the template's DB_CLOSE_DELAY 0
                    }
                    long r1 = System.nanoTime();
                    try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", "");
                            Statement st = c.createStatement()) {
                        st.execute("SHUTDOWN");
                    }
                    if (i >= 0) {
                        t.get("memory clone by RUNSCRIPT")[i] = r1 - r0;
                    }
                }
                Pristine p = pristines.get(kind);
                awaitIdle(p);
                long t2 = System.nanoTime();
                try (TestDatabase db = p.acquire("bench")) {
                    long t3 = System.nanoTime();
                    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM track")) {
                        rs.next();
                    }
                    long t4 = System.nanoTime();
                    if (i >= 0) {
                        t.get(kind + " clone")[i] = t1 - t0;
                        t.get(kind + " acquire")[i] = t3 - t2;
                        t.get(kind + " first query")[i] = t4 - t3;
                    }
                }
            }
        }
        System.out.printf("H2 %s, template %d bytes, %d rounds (+%d warm-up), interleaved file/memory%n",
                org.h2.engine.Constants.FULL_VERSION, templateBytes, rounds, warmup);
        System.out.printf("%-26s %10s %10s%n", "", "median ms", "p99 ms");
        t.forEach((name, v) -> {
            long[] s = v.clone();
            Arrays.sort(s);
            System.out.printf("%-26s %10.3f %10.3f%n", name, s[s.length / 2] / 1e6, s[(int) Math.ceil(s.length * 0.99) - 1] / 1e6);
        });
        for (Pristine p : pristines.values()) {
            p.close();
        }
        for (Engine e : engines.values()) {
            e.close();
        }
    }

    /** Waits (at most 10 s) until the pool has refilled, so acquire measures the warm path. */
    private static void awaitIdle(Pristine p) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> idle(p));
    }

    private static boolean idle(Pristine p) {
        return p.status().clones().stream().anyMatch(c -> c.test().equals("(pool)"));
    }

    /** The bookstore schema without its SQLite triggers: tables, indexes, views and seed data. */
    static Path portableBookstore(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String f : List.of("V1__catalog.sql", "V2__sales.sql", "V4__seed_data.sql")) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
        String v3 = Files.readString(from.resolve("V3__views_and_triggers.sql"));
        List<String> views = new ArrayList<>();
        int at = v3.indexOf("CREATE VIEW");
        if (at >= 0) {
            views.add(v3.substring(at));
        }
        Files.writeString(to.resolve("V3__views.sql"), String.join("\n", views));
        return to;
    }
}
