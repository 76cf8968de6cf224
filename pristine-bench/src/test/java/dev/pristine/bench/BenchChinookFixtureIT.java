package dev.pristine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --schema chinook} on the real fixtures: the bench runs the suite on Chinook on SQLite and on the local
 * PostgreSQL and MariaDB (naive mode through Flyway), and each engine's work writes an invoice with two lines and
 * its total. Tiny sizes: shape, not speed. Runs in the {@code fixtures} profile only, which sets
 * {@code pristine.fixtures}; without it this test fails, on purpose.
 */
class BenchChinookFixtureIT {

    private static final String PG_URL = System.getenv().getOrDefault("PRISTINE_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String MARIADB_URL = System.getenv().getOrDefault("PRISTINE_MARIADB_URL",
            "jdbc:mariadb://127.0.0.1:3306/");

    @TempDir
    Path dir;

    @Test
    void everyModeRunsTheChinookSuiteOnSqlite() throws Exception {
        JsonNode json = bench();
        assertThat(json.get("engine").asText()).isEqualTo("sqlite");
        assertThat(json.get("schema").asText()).isEqualTo("chinook 1.4.5");
        assertThat(json.get("work").asText()).isEqualTo("statements of chinook-sqlite-work.sql");
        assertThat(json.get("modes").fieldNames()).toIterable()
                .containsExactly("shared", "rollback", "naive", "pristine", "pristine-nopool", "raw-clone");
        assertThat(json.get("modes").get("naive").get("note").asText()).startsWith("Flyway 13.");
        assertThat(dir.resolve("chinook-sqlite/V1__chinook.sql")).content().contains("CREATE TABLE [InvoiceLine]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void theChinookSuiteRunsOnTheLocalServer(String engine) throws Exception {
        JsonNode json = bench("--engine", engine, "--url", url(engine), "--user", user(engine), "--modes",
                "shared,naive,pristine");
        assertThat(json.get("engine").asText()).isEqualTo(engine);
        assertThat(json.get("schema").asText()).isEqualTo("chinook 1.4.5");
        assertThat(json.get("work").asText()).isEqualTo("statements of chinook-" + engine + "-work.sql");
        assertThat(json.get("modes").fieldNames()).toIterable().containsExactly("shared", "naive", "pristine");
        assertThat(json.get("modes").get("naive").get("note").asText()).startsWith("Flyway 13.");
    }

    /** What the bench cannot show: the work's writes. Test 1,000,001 buys two tracks for customer 1 + 1,000,001 % 59. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres", "mariadb"})
    void theWorkWritesAnInvoiceWithTwoLinesAndItsTotal(String engine) throws Exception {
        ChinookSchema.Prepared chinook = ChinookSchema.prepare(engine,
                new ChinookSchema.Fixtures(Path.of(fixtures()), "test"), dir);
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", engine);
        if (!engine.equals("sqlite")) {
            s.put("url", url(engine));
            s.put("user", user(engine));
        }
        s.put("state-dir", dir.resolve("state").toString());
        s.put("migrations", chinook.migrations().toString());
        s.put("pool-size", "0");
        String check = engine.equals("postgres")
                ? "SELECT i.customer_id, i.total, COUNT(*), SUM(il.unit_price * il.quantity), SUM(il.quantity) FROM invoice i "
                        + "JOIN invoice_line il ON il.invoice_id = i.invoice_id WHERE i.invoice_id = 1000001 GROUP BY i.customer_id, i.total"
                : "SELECT i.CustomerId, i.Total, COUNT(*), SUM(il.UnitPrice * il.Quantity), SUM(il.Quantity) FROM Invoice i "
                        + "JOIN InvoiceLine il ON il.InvoiceId = i.InvoiceId WHERE i.InvoiceId = 1000001 GROUP BY i.CustomerId, i.Total";
        List<Object> row = new ArrayList<>();
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build();
                TestDatabase db = p.acquire("chinook.work"); Connection c = db.dataSource().getConnection()) {
            Work.fromFile(chinook.work()).run(c, 1_000_001);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(check)) {
                assertThat(rs.next()).as("invoice 1000001 and its lines").isTrue();
                row.add(rs.getLong(1));
                row.add(rs.getBigDecimal(2));
                row.add(rs.getLong(3));
                row.add(rs.getBigDecimal(4));
                row.add(rs.getLong(5));
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(row.get(0)).isEqualTo(1L + 1_000_001 % 59);
        assertThat((BigDecimal) row.get(1)).isPositive().isEqualByComparingTo((BigDecimal) row.get(3));
        assertThat(row.get(2)).as("lines").isEqualTo(2L);
        assertThat(row.get(4)).as("tracks bought").isEqualTo(3L);
    }

    private static String url(String engine) {
        return engine.equals("postgres") ? PG_URL : MARIADB_URL;
    }

    private static String user(String engine) {
        return engine.equals("postgres") ? "postgres" : "root";
    }

    private static String fixtures() {
        String fixtures = System.getProperty("pristine.fixtures", "");
        assertThat(fixtures).as("system property pristine.fixtures (set by the fixtures profile: mvn -Pfixtures)")
                .isNotBlank();
        return fixtures;
    }

    /** Runs {@code bench --schema chinook} at tiny sizes and returns its JSON; the exit code must be 0. */
    private JsonNode bench(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--schema", "chinook", "--fixtures", fixtures(), "--tests", "4",
                "--workers", "2", "--rounds", "1", "--warmup", "0", "--work-dir", dir.toString(), "--json"));
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = BenchCommand.execute(args.toArray(new String[0]));
        } finally {
            System.setOut(original);
        }
        assertThat(exit).as("exit code of bench %s", args).isZero();
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }
}
