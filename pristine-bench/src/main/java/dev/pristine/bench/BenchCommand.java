package dev.pristine.bench;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.bench.micro.MicroBenchmarks;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pristine bench}: the suite benchmark from the command line. Also the {@code main} of this
 * module, for {@code java -cp … dev.pristine.bench.BenchCommand}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a suite of N tests on W workers in every mode (shared, rollback, naive, pristine, "
                + "pristine-nopool, raw-clone; on PostgreSQL also zonky, the Java peer), interleaved over several rounds, and reports medians, spread and ratios.",
        subcommands = {BenchCommand.Schema.class, BenchCommand.Micro.class})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--engine", description = "Engine: sqlite (default), h2, postgres, mariadb.")
    String engine;
    @Option(names = "--url", description = "JDBC URL of the server.")
    String url;
    @Option(names = "--user", description = "User to connect as.")
    String user;
    @Option(names = "--password", description = "Password (never printed).")
    String password;
    @Option(names = "--allow-remote", description = "Allow a server that is not on loopback.")
    boolean allowRemote;
    @Option(names = "--migrations", description = "Migrations directory (default: a generated 40-table schema with 40 migrations).")
    Path migrations;
    @Option(names = "--schema", defaultValue = "generated", paramLabel = "generated|chinook",
            description = "Schema when there is no --migrations: generated (default: 40 tables, 40 migrations) or "
                    + "chinook (the Chinook sample database from --fixtures, with work that writes and reads an "
                    + "invoice; sqlite, postgres, mariadb).")
    String schemaKind;
    @Option(names = "--fixtures", paramLabel = "DIR", description = "Folder that holds chinook/, for --schema chinook. "
            + "Default: the system property pristine.fixtures, else env PRISTINE_FIXTURES, else ../shared/fixtures "
            + "from the working directory.")
    Path fixtures;
    @Option(names = "--schema-name", description = "The schema's name in the report (default: the directory name).")
    String schemaName;
    @Option(names = "--work-sql", description = "File of statements each test runs; :id is replaced by a number unique to the test.")
    Path workSql;
    @Option(names = "--tests", defaultValue = "500", description = "Tests per suite (default ${DEFAULT-VALUE}).")
    int tests;
    @Option(names = "--workers", defaultValue = "2", description = "Parallel workers (default ${DEFAULT-VALUE}).")
    int workers;
    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds per mode, interleaved (default ${DEFAULT-VALUE}).")
    int rounds;
    @Option(names = "--warmup", defaultValue = "50", description = "Warm-up tests per mode before measuring (default ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--modes", split = ",", description = "Modes to run (default: all the engine supports).")
    List<String> modes;
    @Option(names = "--work-dir", description = "Where state and baseline databases go (default: a new temp directory).")
    Path workDir;
    @Option(names = "--report", description = "Where to write the HTML report (default: <work-dir>/report.html); "
            + "its two charts are also written beside it as standalone SVG files.")
    Path report;
    @Option(names = "--json", description = "Print one JSON object on stdout (progress goes to stderr).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command and returns its exit code. */
    public static int execute(String... args) {
        quietLibraries();
        return new CommandLine(new BenchCommand()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof PristineException p) {
                cmd.getErr().println(p.toErrorLine());
                return p.code().exitCode();
            }
            PristineException wrapped = new PristineException(ErrorCode.UNEXPECTED, "bench failed", e,
                    "run with the same options again; if it repeats, report it with this line");
            cmd.getErr().println(wrapped.toErrorLine());
            return 1;
        }).execute(args);
    }

    /** Flyway logs every migration at INFO; a migrate-per-test baseline would drown the output; so would zonky. */
    static void quietLibraries() {
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.dev.pristine", "warn");
        // zonky's embedded server logs every line of its postgres process at INFO.
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky.test", "warn");
    }

    @Override
    public Integer call() throws Exception {
        quietLibraries();
        if (tests < 1 || workers < 1 || rounds < 1 || warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--tests, --workers and --rounds must be at least 1, --warmup at least 0");
        }
        boolean chinook = schemaKind.equals("chinook");
        if (!chinook && !schemaKind.equals("generated")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --schema '" + schemaKind
                    + "'; schemas: generated, chinook");
        }
        if (chinook && migrations != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--schema chinook and --migrations "
                    + migrations + " both choose the schema: pass one of them");
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("pristine-bench-");
        Path mig = migrations;
        String schema = schemaName;
        if (chinook) {
            ChinookSchema.Prepared prepared;
            try {
                prepared = ChinookSchema.prepare(engine == null ? "sqlite" : engine, ChinookSchema.locate(fixtures), dir);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            mig = prepared.migrations();
            schema = schema != null ? schema : prepared.name();
            workSql = workSql != null ? workSql : prepared.work();
        } else if (mig == null) {
            mig = SchemaGenerator.generate(dir.resolve("generated-40"), 40);
            schema = schema != null ? schema : "generated 40 tables / 40 migrations";
        } else if (schema == null) {
            schema = mig.toAbsolutePath().normalize().getFileName().toString();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, "engine", engine == null ? "sqlite" : engine);
        put(settings, "url", url);
        put(settings, "user", user);
        put(settings, "password", password);
        if (allowRemote) {
            settings.put("allow-remote", "true");
        }
        List<Mode> chosen = new ArrayList<>();
        String engineId = settings.get("engine");
        if (modes == null || modes.isEmpty()) {
            chosen.addAll(Mode.defaultsFor(engineId));
            if (url != null) {
                // zonky always runs on its own embedded server: beside a server of yours its ratio would
                // compare two servers, not two tools (ask for it with --modes to see it anyway)
                chosen.remove(Mode.ZONKY);
            }
        } else {
            for (String m : modes) {
                Mode mode;
                try {
                    mode = Mode.of(m);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
                if (!mode.runsOn(engineId)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "mode '" + mode.id()
                            + "' runs only with --engine postgres (it is a PostgreSQL peer); engine here: " + engineId);
                }
                chosen.add(mode);
            }
        }
        PrintStream progress = System.err;
        BenchReport result = new SuiteBenchmark(new SuiteBenchmark.Options(settings, mig.toAbsolutePath(), schema,
                workSql, tests, workers, rounds, warmup, chosen, dir.toAbsolutePath()), progress).run();
        Path html = report != null ? report : dir.resolve("report.html");
        Files.createDirectories(html.toAbsolutePath().getParent());
        Files.writeString(html, HtmlReport.render(result, "pristine bench " + String.join(" ", spec.commandLine()
                .getParseResult().originalArgs()).replace(password == null ? "\u0000" : password, "****")));
        String base = html.getFileName().toString().replaceFirst("\\.html?$", "");
        Files.writeString(html.resolveSibling(base + "-wall.svg"), HtmlReport.wallSvg(result));
        Files.writeString(html.resolveSibling(base + "-latency.svg"), HtmlReport.latencySvg(result));
        progress.println("report: " + html.toAbsolutePath() + " (charts also as " + base + "-wall.svg and "
                + base + "-latency.svg)");
        if (json) {
            System.out.println(result.toJson());
        } else {
            System.out.print(result.toTable());
        }
        return 0;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** {@code pristine bench micro [JMH options]}: the JMH micro-benchmarks. */
    @Command(name = "micro", description = "Runs the JMH micro-benchmarks (warm-pool acquire, fingerprinting of 1,000 "
            + "files, redaction). Any JMH option is passed on, e.g. 'micro -f 2 -i 5 Acquire'.")
    static final class Micro implements Callable<Integer> {
        @CommandLine.Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            MicroBenchmarks.run(args.toArray(new String[0]));
            return 0;
        }
    }

    /** {@code pristine bench schema DIR}: writes the generated schema, to reuse or inspect. */
    @Command(name = "schema", mixinStandardHelpOptions = true,
            description = "Writes the generated benchmark schema (one table per migration) into DIR.")
    static final class Schema implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;
        @Option(names = "--tables", defaultValue = "40")
        int tables;

        @Override
        public Integer call() throws Exception {
            SchemaGenerator.generate(dir, tables);
            System.out.println(dir.toAbsolutePath());
            return 0;
        }
    }
}
