package dev.pristine.sqlite;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.FileEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: a template is a file built under a temporary name in {@code builds/}, checkpointed, and
 * moved atomically into {@code templates/}; a clone is a create-new copy of that file in
 * {@code clones/}; owners live in {@code .owner} sidecars, never in the database.
 */
final class SqliteEngine extends FileEngine {

    private final SqliteConnections connections;
    private final String identity;

    SqliteEngine(EngineSettings settings) {
        super(new SqliteFiles(settings.stateDir().resolve("sqlite")));
        this.connections = new SqliteConnections(settings);
        this.identity = "sqlite " + readVersion() + " (sqlite-jdbc)";
    }

    private static String readVersion() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select sqlite_version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new PristineException(ErrorCode.ENGINE_UNREACHABLE, "the SQLite driver does not load", e.getMessage(),
                    "check that org.xerial:sqlite-jdbc and its native library suit this platform", e);
        }
    }

    @Override
    public String id() {
        return "sqlite";
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    protected void finishBuild(String name, Path build) throws IOException, SQLException {
        if (!Files.isRegularFile(build)) {
            // the migrator never connected: publish an empty database
            try (Connection c = connections.dataSource(build).getConnection()) {
                c.createStatement().close();
            }
        }
        // Fold any WAL into the main file, so the template is one self-contained file.
        try (Connection c = connections.dataSource(build).getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Files.deleteIfExists(build.resolveSibling(build.getFileName() + "-shm"));
        Path wal = build.resolveSibling(build.getFileName() + "-wal");
        if (Files.exists(wal) && Files.size(wal) > 0) {
            throw new IOException("the template build still has a WAL file after checkpointing: " + wal
                    + "; a connection to the build was left open by the migrator");
        }
        Files.deleteIfExists(wal);
        Files.deleteIfExists(build.resolveSibling(build.getFileName() + "-journal"));
    }

    @Override
    public Coordinates coordinates(String name) {
        Path file = path(name).toAbsolutePath();
        return Coordinates.file(connections.url(file), file, "sqlite:///" + file, null, null);
    }

    @Override
    public DataSource dataSource(String name) {
        return connections.dataSource(path(name));
    }

    private Path path(String name) {
        return files().database(isBuild(name) ? files().builds() : files().clones(), name);
    }

    @Override
    public boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException e) {
                SQLiteErrorCode code = e.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                        || code.name().startsWith("SQLITE_BUSY_") || code.name().startsWith("SQLITE_LOCKED_")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        // nothing held: every connection is opened and closed by its user
    }
}
