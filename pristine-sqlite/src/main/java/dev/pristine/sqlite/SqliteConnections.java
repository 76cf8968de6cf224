package dev.pristine.sqlite;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.spi.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * How clones are opened, the same through the JDBC URL (the driver reads pragmas from its query
 * string) and through the data source: foreign keys on ({@code sqlite.foreign-keys}, default true),
 * a busy timeout ({@code sqlite.busy-timeout}, a duration such as {@code 5s}; a bare number is milliseconds; default 5s), and {@code synchronous=OFF}
 * ({@code sqlite.synchronous}): a test database is thrown away after the test, so waiting for the
 * disk on every commit buys nothing. Set {@code sqlite.synchronous=FULL} to get SQLite's default back.
 */
final class SqliteConnections {

    private static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> SYNCHRONOUS = Set.of("OFF", "NORMAL", "FULL", "EXTRA");

    private final boolean foreignKeys;
    private final int busyTimeoutMillis;
    private final String synchronous;

    SqliteConnections(EngineSettings settings) {
        this.foreignKeys = Boolean.parseBoolean(settings.property("sqlite.foreign-keys").orElse("true"));
        // a duration like every other (a bare number is milliseconds, as it always was); SQLite takes an int of ms
        this.busyTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.property("sqlite.busy-timeout")
                .map(v -> PristineSettings.parseDuration("pristine.sqlite.busy-timeout", v))
                .orElse(DEFAULT_BUSY_TIMEOUT).toMillis());
        this.synchronous = settings.property("sqlite.synchronous").orElse("OFF").toUpperCase(Locale.ROOT);
        if (!SYNCHRONOUS.contains(synchronous)) {
            throw new PristineException(ErrorCode.CONFIGURATION, "pristine.sqlite.synchronous must be one of " + SYNCHRONOUS,
                    synchronous, "e.g. pristine.sqlite.synchronous=OFF");
        }
    }

    /** The JDBC URL of a database file, carrying the connection settings. */
    String url(Path file) {
        return "jdbc:sqlite:" + file + "?foreign_keys=" + foreignKeys + "&busy_timeout=" + busyTimeoutMillis
                + "&synchronous=" + synchronous;
    }

    DataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(foreignKeys);
        config.setBusyTimeout(busyTimeoutMillis);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous));
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }
}
