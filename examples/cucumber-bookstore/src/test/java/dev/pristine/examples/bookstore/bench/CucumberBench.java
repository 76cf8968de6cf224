package dev.pristine.examples.bookstore.bench;

import dev.pristine.examples.bookstore.Suites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;

/**
 * Runs the generated bookstore suite once per mode, in one JVM, on the JUnit Platform with Cucumber's
 * parallel execution (dynamic strategy, as junit-platform.properties sets it), and reports the wall time
 * of each whole run (discovery, template build, every scenario):
 *
 * <ul>
 *   <li>{@code shared}: every scenario on one database, with ids moved per scenario so nothing collides —
 *       the lower bound, with no isolation at all;</li>
 *   <li>{@code pristine}: a clone of the template per scenario (cold: the template is built in the run);</li>
 *   <li>{@code pristine-cached}: the same on a state directory whose template already exists;</li>
 *   <li>{@code migrate}: a new SQLite file per scenario, migrated by Flyway.</li>
 * </ul>
 *
 * <p>Arguments: the generator's manifest, the modes (comma-separated), the report directory, and the
 * engine ({@code sqlite}, the default, or {@code postgres}: Pristine's embedded PostgreSQL server, one per
 * mode's state directory), and optionally Pristine settings for every mode ({@code background-threads=4,pool-size=4};
 * {@code none} for none). A timing tool, not a test: nothing here passes or fails on a number.
 */
public final class CucumberBench {

    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();
    private static String engine = "sqlite";

    private CucumberBench() {}

    public static void main(String[] args) throws IOException {
        Properties manifest = new Properties();
        try (var in = Files.newInputStream(Path.of(args[0]))) {
            manifest.load(in);
        }
        List<String> modes = List.of(args[1].split(","));
        engine = args.length > 3 ? args[3] : "sqlite";
        if (args.length > 4 && !args[4].isBlank() && !args[4].equals("none")) {
            for (String setting : args[4].split(",")) {
                int eq = setting.indexOf('=');
                SETTINGS.put("pristine." + setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
            }
        }
        Path report = Path.of(args[2]).toAbsolutePath().resolve(engine);
        Files.createDirectories(report);
        int scenarios = Integer.parseInt(manifest.getProperty("scenarios"));
        int files = Integer.parseInt(manifest.getProperty("files"));
        System.out.printf(Locale.ROOT, "Cucumber bookstore suite on %s: %d scenarios in %d feature files, %d cores, modes %s,"
                + " settings %s%n", engine, scenarios, files, Runtime.getRuntime().availableProcessors(), modes, SETTINGS);

        System.out.println("warm-up (JIT): the first feature file of each kind in every mode");
        List<ClasspathResourceSelector> warmup = Suites.firstOfEachKind();
        for (String mode : modes) {
            run(mode, report.resolve("warmup-" + mode), warmup);
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (String mode : modes) {
            Result r = run(mode, report.resolve("state-" + mode), null);
            results.put(mode, r);
            System.out.printf(Locale.ROOT, "%-16s %9.1f s  %6d passed  %4d failed%n", mode, r.seconds(), r.passed(), r.failed());
        }
        String table = table(scenarios, files, results);
        System.out.println();
        System.out.println(table);
        Files.writeString(report.resolve("cucumber-bench.md"), table + "\n");
        Files.writeString(report.resolve("cucumber-bench.json"), json(scenarios, files, results) + "\n");
        System.out.println("report: " + report.resolve("cucumber-bench.md"));
    }

    /** One run of the suite (or of {@code selection}) in {@code mode}, on a fresh state directory. */
    static Result run(String mode, Path stateDir, List<ClasspathResourceSelector> selection) throws IOException {
        deleteTree(stateDir);
        Map<String, String> parameters = Suites.parameters(stateDir);
        parameters.putAll(SETTINGS);
        System.clearProperty("bookstore.ids");
        System.clearProperty("bookstore.database");
        if (engine.equals("postgres")) {
            parameters.put("pristine.engine", "postgres");
            parameters.put("pristine.migrations", "src/main/resources/db/postgres");
            System.setProperty("bookstore.engine", "postgres");
        } else {
            System.clearProperty("bookstore.engine");
        }
        switch (mode) {
            case "shared" -> {
                parameters.put("pristine.isolation", "run");
                System.setProperty("bookstore.ids", "offset");
            }
            case "pristine" -> parameters.put("pristine.isolation", "scenario");
            case "pristine-cached" -> {
                parameters.put("pristine.isolation", "scenario");
                Suites.run(parameters, Suites.firstOfEachKind().subList(0, 1)); // builds the template, then the timed run finds it
            }
            case "migrate" -> {
                parameters.put("pristine.isolation", "run"); // one unused lease; each scenario migrates its own file
                System.setProperty("bookstore.database", "migrate");
                System.setProperty("bookstore.migrate.dir", stateDir.resolve("migrated").toString());
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode + "; modes: shared, pristine, pristine-cached, migrate");
        }
        try {
            long t0 = System.nanoTime();
            Suites.Outcome outcome = selection == null ? Suites.run(parameters) : Suites.run(parameters, selection);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (outcome.failed() > 0) {
                System.out.println(mode + ": failures, first: " + outcome.failureMessages().get(0));
            }
            return new Result(seconds, outcome.passed(), outcome.failed());
        } finally {
            System.clearProperty("bookstore.ids");
            System.clearProperty("bookstore.database");
        }
    }

    static String table(int scenarios, int files, Map<String, Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Bookstore suite on %s, %d scenarios in %d files, %d cores, settings %s, %s%n%n", engine,
                scenarios, files, Runtime.getRuntime().availableProcessors(), SETTINGS, Instant.now()));
        sb.append("| mode | wall time | scenarios/s | passed | failed |\n|---|---:|---:|---:|---:|\n");
        results.forEach((mode, r) -> sb.append(String.format(Locale.ROOT, "| %s | %.1f s | %.0f | %d | %d |%n", mode, r.seconds(),
                (r.passed() + r.failed()) / r.seconds(), r.passed(), r.failed())));
        Result shared = results.get("shared");
        Result pristine = results.get("pristine");
        Result migrate = results.get("migrate");
        if (shared != null && pristine != null) {
            sb.append(String.format(Locale.ROOT, "%nPristine / shared: %.2f", pristine.seconds() / shared.seconds()));
        }
        if (migrate != null && pristine != null) {
            sb.append(String.format(Locale.ROOT, "%nmigrate-per-scenario / Pristine: %.1f", migrate.seconds() / pristine.seconds()));
        }
        return sb.toString();
    }

    private static String json(int scenarios, int files, Map<String, Result> results) {
        StringBuilder sb = new StringBuilder("{\"engine\":\"" + engine + "\",\"scenarios\":" + scenarios + ",\"files\":" + files + ",\"cores\":"
                + Runtime.getRuntime().availableProcessors() + ",\"modes\":[");
        String sep = "";
        for (Map.Entry<String, Result> e : results.entrySet()) {
            sb.append(sep).append(String.format(Locale.ROOT, "{\"mode\":\"%s\",\"seconds\":%.3f,\"passed\":%d,\"failed\":%d}",
                    e.getKey(), e.getValue().seconds(), e.getValue().passed(), e.getValue().failed()));
            sep = ",";
        }
        return sb.append("]}").toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One mode's run. */
    record Result(double seconds, long passed, long failed) {}
}
