package dev.pristine.examples.bookstore.steps;

import dev.pristine.cucumber.PristineHooks;
import dev.pristine.cucumber.ScenarioDatabase;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The benchmark's baseline, not how to use Pristine: with {@code -Dbookstore.database=migrate} each
 * scenario gets a new database migrated by Flyway (what suites do without templates) — a SQLite file with
 * the connection settings Pristine gives its clones, or, with {@code -Dbookstore.engine=postgres}, a
 * database created on the server of the run's (otherwise unused) Pristine lease. Otherwise it does nothing.
 *
 * <p>One per scenario (made by the object factory); used by the scenario's thread.
 */
public final class MigratePerScenario {

    private static final String SQLITE_SETTINGS = "?foreign_keys=true&busy_timeout=5000&synchronous=OFF";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Path file;
    private String adminUrl;
    private String database;
    private String user;
    private String password;
    private DataSource dataSource;

    /** Whether this run migrates a database per scenario. */
    public static boolean enabled() {
        return "migrate".equals(System.getProperty("bookstore.database"));
    }

    private static boolean postgres() {
        return "postgres".equals(System.getProperty("bookstore.engine"));
    }

    @Before(order = PristineHooks.ORDER + 1)
    public void migrate() throws IOException, SQLException {
        if (!enabled()) {
            return;
        }
        String location;
        if (postgres()) {
            ScenarioDatabase server = ScenarioDatabase.current();
            adminUrl = server.jdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1postgres");
            user = server.user();
            password = server.password();
            database = "bench_migrate_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
            admin("CREATE DATABASE " + database);
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(adminUrl.replaceFirst("/postgres(\\?|$)", "/" + database + "$1"));
            ds.setUser(user);
            ds.setPassword(password);
            dataSource = ds;
            location = "filesystem:src/main/resources/db/postgres";
        } else {
            Path dir = Path.of(System.getProperty("bookstore.migrate.dir", "target/migrate-per-scenario"));
            Files.createDirectories(dir);
            file = Files.createTempFile(dir.toAbsolutePath(), "scenario-", ".db");
            SQLiteDataSource ds = new SQLiteDataSource();
            ds.setUrl("jdbc:sqlite:" + file + SQLITE_SETTINGS);
            dataSource = ds;
            location = "filesystem:../bookstore-schema";
        }
        Flyway.configure().dataSource(dataSource).locations(location).load().migrate();
    }

    @After(order = PristineHooks.ORDER + 1)
    public void delete() throws IOException, SQLException {
        if (database != null) {
            admin("DROP DATABASE " + database + " WITH (FORCE)");
        }
        if (file != null) {
            for (String suffix : new String[] {"-journal", "-wal", "-shm", ""}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The scenario's migrated database, or null when the benchmark's baseline is off. */
    DataSource dataSource() {
        return dataSource;
    }
}
