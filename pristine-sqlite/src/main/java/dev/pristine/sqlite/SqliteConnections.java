package dev.pristine.sqlite;

import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /** SQLite's {@code synchronous} pragma values. */
    enum Synchronous { OFF, NORMAL, FULL, EXTRA }

    static final Setting<Boolean> FOREIGN_KEYS = Setting.bool("sqlite.foreign-keys", true, "enforce foreign keys");
    static final Setting<Duration> BUSY_TIMEOUT = Setting.duration("sqlite.busy-timeout", Duration.ofSeconds(5),
            "how long a connection waits for a lock before SQLITE_BUSY");
    static final Setting<Synchronous> SYNCHRONOUS = Setting.choice("sqlite.synchronous", Synchronous.OFF, "OFF",
            "clones are disposable, so commits do not wait for the disk");
    /** Every setting above. */
    static final List<Setting<?>> SETTINGS = List.of(FOREIGN_KEYS, BUSY_TIMEOUT, SYNCHRONOUS);

    private final boolean foreignKeys;
    private final int busyTimeoutMillis;
    private final String synchronous;

    SqliteConnections(EngineSettings settings) {
        this.foreignKeys = FOREIGN_KEYS.get(settings);
        // SQLite takes an int of milliseconds
        this.busyTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, BUSY_TIMEOUT.get(settings).toMillis());
        this.synchronous = SYNCHRONOUS.get(settings).name();
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
