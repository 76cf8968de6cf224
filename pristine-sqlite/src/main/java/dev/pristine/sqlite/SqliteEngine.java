package dev.pristine.sqlite;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.ProcessFileLock;
import dev.pristine.spi.FileEngines;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.DatabaseEntry;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.NameTakenException;
import dev.pristine.spi.TemplateEntry;
import dev.pristine.spi.TemplateUses;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: a template is a file built under a temporary name in {@code builds/}, checkpointed, and
 * moved atomically into {@code templates/}; a clone is a create-new copy of that file in
 * {@code clones/}; owners live in {@code .owner} sidecars, never in the database.
 */
final class SqliteEngine implements Engine {

    private final SqliteFiles files;
    private final SqliteConnections connections;
    private final String identity;

    SqliteEngine(EngineSettings settings) {
        this.files = new SqliteFiles(settings.stateDir().resolve("sqlite"));
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
    public String location() {
        return files.root.toString();
    }

    @Override
    public int maxNameLength() {
        return 120;
    }

    @Override
    public AutoCloseable lockBuild(String key, Duration timeout) throws IOException {
        files.create();
        return ProcessFileLock.acquire(files.locks.resolve(FileEngines.checkKey(key) + ".lock"), timeout);
    }

    @Override
    public Optional<TemplateEntry> findTemplate(String key) {
        Path db = files.template(key);
        if (!Files.isRegularFile(db)) {
            return Optional.empty();
        }
        return Optional.of(entry(key, db));
    }

    private TemplateEntry entry(String key, Path db) {
        Instant built = FileEngines.modified(db);
        Instant used = FileEngines.modified(files.used(key));
        return new TemplateEntry(key, db.toString(), built, used.isAfter(built) ? used : built);
    }

    @Override
    public List<TemplateEntry> templates() throws IOException {
        List<TemplateEntry> out = new ArrayList<>();
        if (!Files.isDirectory(files.templates)) {
            return out; // nothing built here yet; reading creates nothing
        }
        try (Stream<Path> s = Files.list(files.templates)) {
            for (Path p : s.sorted().toList()) {
                String f = p.getFileName().toString();
                if (f.endsWith(SqliteFiles.DB) && f.length() == 64 + SqliteFiles.DB.length()) {
                    out.add(entry(f.substring(0, 64), p));
                }
            }
        }
        return out;
    }

    @Override
    public String createBuild(String key, String marker) throws IOException {
        FileEngines.checkKey(key);
        files.create();
        for (int attempt = 0; ; attempt++) {
            String name = "pristine_build_" + key.substring(0, 16) + "_" + FileEngines.suffix();
            if (FileEngines.createSidecar(files.builds.resolve(name + SqliteFiles.OWNER), marker)) {
                return name;
            }
            if (attempt > 10) {
                throw new IOException("no free build name in " + files.builds);
            }
        }
    }

    @Override
    public TemplateEntry publish(String key, String buildName) throws IOException, SQLException {
        Path build = files.builds.resolve(FileEngines.checkName(buildName) + SqliteFiles.DB);
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
        if (SqliteFiles.hasCompanions(build)) {
            Files.deleteIfExists(build.resolveSibling(build.getFileName() + "-shm"));
            Path wal = build.resolveSibling(build.getFileName() + "-wal");
            if (Files.exists(wal) && Files.size(wal) > 0) {
                throw new IOException("the template build still has a WAL file after checkpointing: " + wal
                        + "; a connection to the build was left open by the migrator");
            }
            Files.deleteIfExists(wal);
            Files.deleteIfExists(build.resolveSibling(build.getFileName() + "-journal"));
        }
        try (FileChannel ch = FileChannel.open(build, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path target = files.template(key);
        Files.move(build, target, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(files.builds.resolve(buildName + SqliteFiles.OWNER));
        touchTemplate(key);
        return entry(key, target);
    }

    @Override
    public List<DatabaseEntry> builds() throws IOException {
        return FileEngines.list(files.builds, SqliteFiles.OWNER);
    }

    @Override
    public void dropBuild(String buildName) throws IOException {
        SqliteFiles.deleteDatabase(files.builds, FileEngines.checkName(buildName));
    }

    @Override
    public void touchTemplate(String key) throws IOException {
        Path used = files.used(key);
        try {
            Files.setLastModifiedTime(used, FileTime.from(Instant.now()));
        } catch (NoSuchFileException e) {
            try {
                Files.createFile(used);
            } catch (FileAlreadyExistsException ignored) {
                // created by a concurrent caller: its time is as good as ours
            }
        }
    }

    @Override
    public TemplateUses templateUses() {
        return FileEngines.templateUses(files.locks, files::create);
    }

    @Override
    public void dropTemplate(String key) throws IOException {
        Files.deleteIfExists(files.template(key));
        Files.deleteIfExists(files.used(key));
    }

    @Override
    public void createClone(String key, String name, String marker) throws IOException, NameTakenException {
        files.create();
        Path owner = files.clones.resolve(FileEngines.checkName(name) + SqliteFiles.OWNER);
        if (!FileEngines.createSidecar(owner, marker)) {
            throw new NameTakenException(name);
        }
        try {
            Files.copy(files.template(key), files.clones.resolve(name + SqliteFiles.DB));
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(owner);
            throw new NameTakenException(name);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(owner);
            if (e instanceof NoSuchFileException) {
                throw new PristineException(ErrorCode.UNEXPECTED, "the template file vanished", files.template(key),
                        "a gc of another process dropped it; prepare again", e);
            }
            throw e;
        }
    }

    @Override
    public String relabelClone(String name, String newName, String marker) throws IOException, NameTakenException {
        Path newOwner = files.clones.resolve(FileEngines.checkName(newName) + SqliteFiles.OWNER);
        if (!FileEngines.createSidecar(newOwner, marker)) {
            throw new NameTakenException(newName);
        }
        try {
            // The new sidecar reserved the name; the rename itself is atomic.
            Files.move(files.clones.resolve(FileEngines.checkName(name) + SqliteFiles.DB),
                    files.clones.resolve(newName + SqliteFiles.DB), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(newOwner);
            throw e;
        }
        Files.deleteIfExists(files.clones.resolve(name + SqliteFiles.OWNER));
        return newName;
    }

    @Override
    public void markClone(String name, String marker) throws IOException {
        FileEngines.replaceSidecar(files.clones.resolve(FileEngines.checkName(name) + SqliteFiles.OWNER), marker);
    }

    @Override
    public List<DatabaseEntry> clones() throws IOException {
        return FileEngines.list(files.clones, SqliteFiles.OWNER);
    }

    @Override
    public boolean exists(String name) {
        FileEngines.checkName(name);
        return Files.exists(files.clones.resolve(name + SqliteFiles.DB)) || Files.exists(files.builds.resolve(name + SqliteFiles.DB));
    }

    @Override
    public void dropClone(String name) throws IOException {
        SqliteFiles.deleteDatabase(files.clones, FileEngines.checkName(name));
    }

    @Override
    public Coordinates coordinates(String name) {
        return new Coordinates(connections.url(path(name)), null, null);
    }

    @Override
    public DataSource dataSource(String name) {
        return connections.dataSource(path(name));
    }

    private Path path(String name) {
        FileEngines.checkName(name);
        if (Files.exists(files.builds.resolve(name + SqliteFiles.OWNER))) {
            return files.builds.resolve(name + SqliteFiles.DB);
        }
        return files.clones.resolve(name + SqliteFiles.DB);
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
