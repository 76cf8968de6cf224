package dev.pristine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --schema chinook}: the Chinook sample database ({@code <fixtures>/chinook/}, 11 tables, ~15,600 rows) as a
 * migrations directory of one Flyway-named script, plus work that writes and reads an invoice on it. The fixture
 * files are never edited: the database-switching prologue of the PostgreSQL and MySQL scripts is blanked in the
 * copy, keeping every line number of the published file. Stateless; safe from any thread.
 */
final class ChinookSchema {

    /** The system property, then the environment variable, that name the fixtures folder. */
    static final String PROPERTY = "pristine.fixtures";
    static final String ENV = "PRISTINE_FIXTURES";

    private static final String FIX = "pass --fixtures DIR (the folder that holds chinook/) or set " + ENV;
    private static final Pattern VERSION = Pattern.compile("Chinook Database - Version (\\S+)");
    /** {@code DROP DATABASE …;}, {@code CREATE DATABASE …;}, {@code USE …;} and psql's {@code \c …}. */
    private static final Pattern SWITCHING = Pattern.compile("(?im)^[ \\t]*(?:DROP\\s+DATABASE\\b[^;\\r\\n]*;"
            + "|CREATE\\s+DATABASE\\b[^;\\r\\n]*;|USE\\s+\\S+\\s*;|\\\\c(?:onnect)?\\s[^\\r\\n]*)[ \\t]*$");
    private static final Pattern FIRST_TABLE = Pattern.compile("(?im)^[ \\t]*CREATE\\s+TABLE\\b");

    /**
     * Each test's work, on the SQLite and MySQL scripts' names ({@code InvoiceLine.InvoiceId}): an invoice for an
     * existing customer, two lines for existing tracks at their prices, its total, the customer's invoices with
     * their tracks, and the customer's count and sum. {@code :id} starts at 1,000,001, above every Chinook id.
     */
    static final String WORK = """
            INSERT INTO Invoice (InvoiceId, CustomerId, InvoiceDate, BillingAddress, BillingCity, BillingCountry, Total)
              SELECT :id, CustomerId, CURRENT_TIMESTAMP, Address, City, Country, 0 FROM Customer
              WHERE CustomerId = 1 + :id % 59;
            INSERT INTO InvoiceLine (InvoiceLineId, InvoiceId, TrackId, UnitPrice, Quantity)
              SELECT 2 * :id, :id, TrackId, UnitPrice, 1 FROM Track WHERE TrackId = 1 + :id % 3503;
            INSERT INTO InvoiceLine (InvoiceLineId, InvoiceId, TrackId, UnitPrice, Quantity)
              SELECT 2 * :id + 1, :id, TrackId, UnitPrice, 2 FROM Track WHERE TrackId = 1 + 7 * :id % 3503;
            UPDATE Invoice SET Total = (SELECT SUM(UnitPrice * Quantity) FROM InvoiceLine WHERE InvoiceId = :id)
              WHERE InvoiceId = :id;
            SELECT i.InvoiceId, i.InvoiceDate, t.Name, il.Quantity, il.UnitPrice
              FROM Invoice i JOIN InvoiceLine il ON il.InvoiceId = i.InvoiceId JOIN Track t ON t.TrackId = il.TrackId
              WHERE i.CustomerId = 1 + :id % 59 ORDER BY i.InvoiceDate DESC, il.InvoiceLineId;
            SELECT COUNT(*), SUM(Total) FROM Invoice WHERE CustomerId = 1 + :id % 59;
            """;
    /** A PascalCase name; keywords are upper case and aliases lower case, so only Chinook's names match. */
    private static final Pattern PASCAL_NAME = Pattern.compile("\\b[A-Z][a-z]+(?:[A-Z][a-z]+)*\\b");
    private static final Pattern WORD = Pattern.compile("(?<=[a-z])(?=[A-Z])");

    private ChinookSchema() {}

    /** The migrations directory, the work file and the schema's name in the report. */
    record Prepared(Path migrations, Path work, String name) {}

    /** A fixtures folder and where its path came from (for error messages). */
    record Fixtures(Path dir, String from) {}

    /** The fixtures folder: {@code --fixtures}, else {@value #PROPERTY}, else {@value #ENV}, else ../shared/fixtures. */
    static Fixtures locate(Path option) {
        return locate(option, System.getProperty(PROPERTY), System.getenv(ENV), Path.of(""));
    }

    /**
     * The fixtures folder by precedence: the option, the system property, the environment variable, and
     * {@code ../shared/fixtures} relative to {@code workingDir}; blank values count as absent.
     *
     * @param option {@code --fixtures}, or null
     * @param property the system property's value, or null
     * @param env the environment variable's value, or null
     * @param workingDir the directory the default is relative to, non-null
     */
    static Fixtures locate(Path option, String property, String env, Path workingDir) {
        if (option != null) {
            return new Fixtures(option.toAbsolutePath().normalize(), "--fixtures");
        }
        if (property != null && !property.isBlank()) {
            return new Fixtures(Path.of(property.strip()).toAbsolutePath().normalize(), "system property " + PROPERTY);
        }
        if (env != null && !env.isBlank()) {
            return new Fixtures(Path.of(env.strip()).toAbsolutePath().normalize(), "environment variable " + ENV);
        }
        return new Fixtures(workingDir.toAbsolutePath().resolve("../shared/fixtures").normalize(),
                "the default ../shared/fixtures of working directory " + workingDir.toAbsolutePath().normalize());
    }

    /**
     * Writes {@code <workDir>/chinook-<engine>/V1__chinook.sql} and {@code <workDir>/chinook-<engine>-work.sql}.
     *
     * @param engine the engine id, non-null
     * @param fixtures where the fixtures are, non-null
     * @param workDir the bench's work directory, non-null
     * @throws IllegalArgumentException when the engine has no script or the script is not there (a usage error)
     */
    static Prepared prepare(String engine, Fixtures fixtures, Path workDir) throws IOException {
        String script = script(engine);
        if (!Files.isDirectory(fixtures.dir())) {
            throw new IllegalArgumentException("--schema chinook: no fixtures folder at " + fixtures.dir() + " (from "
                    + fixtures.from() + "); " + FIX);
        }
        Path file = fixtures.dir().resolve("chinook").resolve(script);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--schema chinook: no Chinook script for " + engine + " at " + file
                    + " (fixtures folder from " + fixtures.from() + "); " + FIX);
        }
        String sql = Files.readString(file);
        Path migrations = workDir.resolve("chinook-" + engine);
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("V1__chinook.sql"), stripPrologue(sql));
        Path work = workDir.resolve("chinook-" + engine + "-work.sql");
        Files.writeString(work, engine.equals("postgres") ? snakeCase(WORK) : WORK);
        if (engine.equals("mariadb")) {
            // MariaDB notes "Name 'PK_Album' ignored for PRIMARY key" for each of the 11 tables, and Flyway logs
            // every note at WARN: 11 lines per naive test would bury the progress lines.
            System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb.core.internal.proprietaryStubs", "error");
        }
        Matcher v = VERSION.matcher(sql.substring(0, Math.min(sql.length(), 2000)));
        return new Prepared(migrations, work, v.find() ? "chinook " + v.group(1) : "chinook");
    }

    /** The script's file name for an engine; H2 and unknown engines are refused. */
    static String script(String engine) {
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> "Chinook_Sqlite.sql";
            case "postgres" -> "Chinook_PostgreSql.sql";
            case "mariadb" -> "Chinook_MySql.sql";
            case "h2" -> throw new IllegalArgumentException("--schema chinook does not run on h2: no Chinook script "
                    + "runs on H2 2.x as published (in every MODE it refuses their dates such as '1962/2/18', and the "
                    + "SQLite script's [bracketed] names outside MSSQLServer mode); use --engine sqlite, postgres or "
                    + "mariadb, or pass --migrations DIR with a script written for H2");
            default -> throw new IllegalArgumentException("--schema chinook has scripts for sqlite, postgres and "
                    + "mariadb; engine here: " + engine);
        };
    }

    /**
     * The script with its database-switching statements ({@code DROP DATABASE}, {@code CREATE DATABASE},
     * {@code USE}, psql's {@code \c}) blanked, only before the first {@code CREATE TABLE}: Pristine creates and
     * connects to each database itself. Lines stay where they are, so errors name the published line.
     */
    static String stripPrologue(String sql) {
        Matcher table = FIRST_TABLE.matcher(sql);
        int end = table.find() ? table.start() : sql.length();
        return SWITCHING.matcher(sql.substring(0, end)).replaceAll("") + sql.substring(end);
    }

    /** {@link #WORK} on the PostgreSQL script's names: {@code InvoiceLine.InvoiceId} becomes {@code invoice_line.invoice_id}. */
    static String snakeCase(String sql) {
        return PASCAL_NAME.matcher(sql).replaceAll(m -> WORD.matcher(m.group()).replaceAll("_").toLowerCase(Locale.ROOT));
    }
}
