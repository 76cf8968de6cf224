package dev.pristine.examples.bookstore.steps;

import dev.pristine.cucumber.PristineHooks;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * The benchmark's baseline, not how to use Pristine: with {@code -Dbookstore.database=migrate} each
 * scenario gets a new SQLite file migrated by Flyway (what suites do without templates), with the same
 * connection settings Pristine gives its clones. Otherwise it does nothing.
 *
 * <p>One per scenario (made by the object factory); used by the scenario's thread.
 */
public final class MigratePerScenario {

    private static final String SETTINGS = "?foreign_keys=true&busy_timeout=5000&synchronous=OFF";

    private Path file;
    private SQLiteDataSource dataSource;

    /** Whether this run migrates a database per scenario. */
    public static boolean enabled() {
        return "migrate".equals(System.getProperty("bookstore.database"));
    }

    @Before(order = PristineHooks.ORDER + 1)
    public void migrate() throws IOException {
        if (!enabled()) {
            return;
        }
        Path dir = Path.of(System.getProperty("bookstore.migrate.dir", "target/migrate-per-scenario"));
        Files.createDirectories(dir);
        file = Files.createTempFile(dir.toAbsolutePath(), "scenario-", ".db");
        dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + file + SETTINGS);
        Flyway.configure().dataSource(dataSource).locations("filesystem:src/main/resources/db/migration").load().migrate();
    }

    @After(order = PristineHooks.ORDER + 1)
    public void delete() throws IOException {
        if (file != null) {
            for (String suffix : new String[] {"-journal", "-wal", "-shm", ""}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        }
    }

    /** The scenario's migrated database, or null when the benchmark's baseline is off. */
    DataSource dataSource() {
        return dataSource;
    }
}
