package dev.pristine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pristine.CoreSettings;
import dev.pristine.ErrorCode;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.TestDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pristine demo}: the README's first command. Builds a template of the example schema, leases
 * N databases, writes a row into each and shows that no other database sees it, releases them, and
 * prints what it cost: the template build, acquire latency, and migrating from scratch vs cloning.
 */
@Command(name = "demo", sortOptions = false,
        description = "Show Pristine at work on the example schema: build a template, lease databases, prove "
                + "they are isolated, and print the figures. Uses a temporary state dir unless --state-dir or PRISTINE_STATE_DIR is given.")
final class DemoCommand extends BaseCommand {

    /** The example schema that ships in the repository, relative to its root. */
    static final Path DEFAULT_SCHEMA = Path.of("examples", "bookstore-schema");
    private static final String NOTE_TABLE = "pristine_demo_note";

    @Option(names = "--leases", paramLabel = "N", defaultValue = "20",
            description = "How many databases to lease (default ${DEFAULT-VALUE}).")
    int leases;

    /** What one demo run measured. */
    private record Figures(String describe, PreparedTemplate template, double[] acquireMillis, Shape shape,
            long scratchMillis) {}

    /** Tables, views and rows a clone has. */
    private record Shape(int tables, int views, long rows) {}

    @Override
    Report run(Output output) throws IOException, SQLException {
        if (leases < 1) {
            throw new PristineException(ErrorCode.CONFIGURATION, "--leases must be at least 1", leases, "e.g. --leases 20");
        }
        Path schema = common.migrations != null ? common.migrations : DEFAULT_SCHEMA;
        if (!Files.exists(schema)) {
            throw new PristineException(ErrorCode.CONFIGURATION, "the demo schema is missing", schema.toAbsolutePath(),
                    common.migrations == null
                            ? "run ./pristine demo from the repository root, or pass --migrations DIR"
                            : "pass --migrations with a directory of migrations");
        }
        // a state dir given either way (--state-dir, PRISTINE_STATE_DIR, pristine.state-dir) is used, else a temporary one
        Path temp = common.stateDir == null && !CommonOptions.isSet(CoreSettings.STATE_DIR)
                ? Files.createTempDirectory("pristine-demo-") : null;
        try {
            Figures f = demo(output, schema, temp != null ? temp : common.stateDir);
            return report(f);
        } finally {
            if (temp != null) {
                deleteRecursively(temp);
            }
        }
    }

    private Figures demo(Output output, Path schema, Path stateDir) throws IOException, SQLException {
        String describe;
        PreparedTemplate template;
        double[] acquire = new double[leases];
        Shape shape;
        try (Progress progress = output.progress();
                Pristine pristine = common.builder(schema).stateDir(stateDir).listener(progress)
                        .build()) {
            describe = pristine.describe();
            key = pristine.key();
            template = pristine.prepare();
            List<TestDatabase> dbs = new ArrayList<>();
            try {
                for (int i = 0; i < leases; i++) {
                    long t0 = System.nanoTime();
                    dbs.add(pristine.acquire("demo " + (i + 1)));
                    acquire[i] = (System.nanoTime() - t0) / 1e6;
                }
                shape = shape(dbs.get(0));
                checkIsolation(dbs);
            } finally {
                dbs.forEach(TestDatabase::close);
            }
        }
        long scratch = template.built() ? template.millis() : -1;
        Path scratchDir = Files.createTempDirectory("pristine-demo-scratch-");
        try (Pristine fresh = common.builder(schema).stateDir(scratchDir).poolSize(0)
                .reapOnStart(false).build()) {
            // The same migrations once more into an empty database, now that the JVM is warm.
            PreparedTemplate again = fresh.prepare();
            if (again.built()) {
                scratch = again.millis();
            }
        } finally {
            deleteRecursively(scratchDir);
        }
        return new Figures(describe, template, acquire, shape, scratch);
    }

    private static Shape shape(TestDatabase db) throws SQLException {
        int tables = 0;
        int views = 0;
        long rows = 0;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            DatabaseMetaData meta = c.getMetaData();
            String quote = meta.getIdentifierQuoteString().trim();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
                while (rs.next()) {
                    if ("VIEW".equalsIgnoreCase(rs.getString("TABLE_TYPE"))) {
                        views++;
                    } else {
                        tables++;
                        names.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            for (String name : names) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote + name + quote)) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
        }
        return new Shape(tables, views, rows);
    }

    /** Writes one row into each database, then checks that each sees its own row and no other. */
    private static void checkIsolation(List<TestDatabase> dbs) throws SQLException {
        for (TestDatabase db : dbs) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + NOTE_TABLE + " (lease VARCHAR(200) NOT NULL)");
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + NOTE_TABLE + " (lease) VALUES (?)")) {
                    insert.setString(1, db.id());
                    insert.executeUpdate();
                }
            }
        }
        for (TestDatabase db : dbs) {
            List<String> seen = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT lease FROM " + NOTE_TABLE)) {
                while (rs.next()) {
                    seen.add(rs.getString(1));
                }
            }
            if (!seen.equals(List.of(db.id()))) {
                throw new PristineException(ErrorCode.UNEXPECTED, "isolation is broken: database " + db.id()
                        + " holds rows written into other databases", seen, "report this bug with the output of --verbose");
            }
        }
    }

    private Report report(Figures f) {
        double[] sorted = f.acquireMillis().clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        double p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
        double ratio = f.scratchMillis() > 0 && median > 0 ? f.scratchMillis() / median : 0;
        PreparedTemplate t = f.template();
        return new Report() {
            @Override
            public void json(JsonGenerator g) throws IOException {
                g.writeStringField("key", t.key());
                g.writeStringField("template", t.template());
                g.writeBooleanField("built", t.built());
                g.writeNumberField("templateMillis", t.millis());
                g.writeNumberField("leases", sorted.length);
                g.writeNumberField("tables", f.shape().tables());
                g.writeNumberField("views", f.shape().views());
                g.writeNumberField("rows", f.shape().rows());
                g.writeBooleanField("isolated", true);
                g.writeNumberField("acquireMedianMillis", round(median));
                g.writeNumberField("acquireP99Millis", round(p99));
                g.writeNumberField("scratchMillis", f.scratchMillis());
                g.writeNumberField("ratio", Math.round(ratio));
            }

            @Override
            public void human(PrintStream out) {
                String shortKey = t.key().substring(0, 12);
                out.println("Pristine demo: " + f.describe());
                out.println();
                row(out, "template " + shortKey, t.built() ? "built once in " + t.millis() + " ms, published atomically"
                        : "was built before; reused in " + t.millis() + " ms");
                row(out, "every clone has", count(f.shape().tables(), "table") + ", " + count(f.shape().views(), "view")
                        + ", " + count(f.shape().rows(), "row") + " of seed data");
                row(out, "leased " + sorted.length + " databases",
                        "acquire median " + ms(median) + ", p99 " + ms(p99));
                row(out, "isolation", "wrote one row into each; each database holds its own row and no other");
                row(out, "released", sorted.length + " databases, dropped");
                if (f.scratchMillis() > 0) {
                    row(out, "scratch vs clone", "migrating one database takes " + f.scratchMillis()
                            + " ms, acquiring a clone " + ms(median) + ": " + Math.round(ratio) + "x faster");
                }
                out.println();
                out.println("Your own schema: pristine lease --migrations DIR --json, then pristine release ID "
                        + "(see pristine-cli/README.md).");
            }
        };
    }

    private static void row(PrintStream out, String label, String text) {
        out.println(String.format(Locale.ROOT, "  %-22s %s", label, text));
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.0f ms", millis);
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
