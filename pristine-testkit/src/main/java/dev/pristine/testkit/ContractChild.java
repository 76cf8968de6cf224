package dev.pristine.testkit;

import dev.pristine.Migrations;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The other JVM of the contract's multi-process tests. Speaks a line protocol: it prints {@code READY},
 * waits for a line on stdin where the test needs a start signal, and prints its results.
 *
 * <p>Modes: {@code prepare} (print {@code built=<b> key=<k>}), {@code hold} (acquire two leases, print
 * {@code lease=<id>} each, block), {@code block-build} (start building, print {@code MIGRATING}, block
 * inside the migration), {@code use} (lease and release once, print {@code key=<k>} and {@code READY}, wait
 * for a line, lease again and print {@code acquired=<id>}).
 */
public final class ContractChild {

    private ContractChild() {}

    /**
     * @param args mode, then {@code name=value} pristine settings
     */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var builder = Pristine.builder().settings(PristineSettings.empty().withOverrides(settings));
        if (mode.equals("block-build")) {
            Path dir = Path.of(settings.get("migrations"));
            builder.migrator(new BlockingMigrator(Migrations.sqlDirectory(dir), in));
        }
        try (Pristine pristine = builder.build()) {
            switch (mode) {
                case "prepare" -> {
                    System.out.println("READY");
                    System.out.flush();
                    in.readLine();
                    PreparedTemplate t = pristine.prepare();
                    System.out.println("built=" + t.built() + " key=" + t.key());
                }
                case "hold" -> {
                    TestDatabase a = pristine.acquire("held.one");
                    TestDatabase b = pristine.acquire("held.two");
                    System.out.println("lease=" + a.id());
                    System.out.println("lease=" + b.id());
                    System.out.println("READY");
                    System.out.flush();
                    in.readLine();
                }
                case "block-build" -> pristine.prepare();
                case "use" -> {
                    try (TestDatabase first = pristine.acquire("use.first")) {
                        System.out.println("key=" + first.key());
                    }
                    System.out.println("READY");
                    System.out.flush();
                    in.readLine();
                    try (TestDatabase again = pristine.acquire("use.again")) {
                        System.out.println("acquired=" + again.id());
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            System.out.flush();
        }
    }

    /** Runs the first statement of the migration, then blocks until killed; same id and fingerprint as the real one. */
    private static final class BlockingMigrator implements Migrator {
        private final Migrator real;
        private final BufferedReader in;

        BlockingMigrator(Migrator real, BufferedReader in) {
            this.real = real;
            this.in = in;
        }

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public String describe() {
            return real.describe();
        }

        @Override
        public String fingerprint() {
            return real.fingerprint();
        }

        @Override
        public void migrate(MigrationTarget target) throws Exception {
            try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE half_built (id INTEGER PRIMARY KEY)");
                System.out.println("MIGRATING");
                System.out.flush();
                in.readLine(); // killed here
            }
        }
    }
}
