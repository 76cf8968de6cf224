package dev.pristine.sqlite;

import dev.pristine.spi.EngineSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connection settings: clones get foreign keys on (settable with {@code sqlite.foreign-keys}) and a
 * busy timeout ({@code sqlite.busy-timeout}, ms); template builds also skip fsync and keep their
 * journal in memory, since a build that dies is thrown away anyway.
 */
final class SqliteConnections {

    private final boolean foreignKeys;
    private final int busyTimeoutMillis;

    SqliteConnections(EngineSettings settings) {
        this.foreignKeys = Boolean.parseBoolean(settings.property("sqlite.foreign-keys").orElse("true"));
        this.busyTimeoutMillis = Integer.parseInt(settings.property("sqlite.busy-timeout").orElse("5000"));
    }

    DataSource dataSource(Path file, boolean build) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(foreignKeys);
        config.setBusyTimeout(busyTimeoutMillis);
        if (build) {
            config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
        }
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    Connection open(Path file, boolean build) throws SQLException {
        return dataSource(file, build).getConnection();
    }
}
