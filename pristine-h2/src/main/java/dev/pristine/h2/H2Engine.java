package dev.pristine.h2;

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
import java.nio.file.StandardOpenOption;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * H2 embedded: a template is a file built under a temporary name in {@code builds/}, closed with
 * {@code SHUTDOWN COMPACT} (so the file is complete and consistent, with no open store and no journal),
 * and moved atomically into {@code templates/}; a clone is a create-new copy of that file in
 * {@code clones/} (or, with {@code h2.clones=memory}, a database in H2's in-memory file system kept open
 * in this JVM: see {@link H2MemoryClones}); owners live in {@code .owner} sidecars, never in the database.
 *
 * <p>File clone URLs carry {@code IFEXISTS=TRUE} (a released clone is never silently recreated empty),
 * {@code DB_CLOSE_DELAY=0} (the database closes with its last connection, so a released clone's file can be
 * deleted and no H2 database lingers in the test's JVM) and {@code MAX_COMPACT_TIME=0} (no compaction of a
 * throw-away database when it closes). The price: H2 opens the database again whenever a test's connection count
 * goes from 0 to 1, which reads its catalogue and re-creates every object (tens of ms for the bookstore schema);
 * a connection pool in the test, or {@code h2.clones=memory}, avoids it. No {@code AUTO_SERVER}: a clone belongs to one test in one JVM, and H2's mixed mode would open a
 * TCP port per clone; add {@code AUTO_SERVER=TRUE} to {@code h2.settings} to look into a kept clone from
 * another process while its test runs.
 */
final class H2Engine implements Engine {

    /** H2 error codes that mean "busy, try again" (see {@link org.h2.api.ErrorCode}). */
    private static final Set<Integer> TRANSIENT = Set.of(org.h2.api.ErrorCode.LOCK_TIMEOUT_1,
            org.h2.api.ErrorCode.DEADLOCK_1, org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1,
            org.h2.api.ErrorCode.CONCURRENT_UPDATE_1, org.h2.api.ErrorCode.DATABASE_IS_IN_EXCLUSIVE_MODE);

    private final H2Files files;
    private final H2Connections connections;
    private final H2MemoryClones memory;
    private final String identity;

    H2Engine(EngineSettings settings) {
        this.files = new H2Files(settings.stateDir().resolve("h2"));
        this.connections = new H2Connections(settings);
        String clones = H2Connections.CLONES.get(settings).toLowerCase(Locale.ROOT);
        if (!clones.equals("file") && !clones.equals("memory")) {
            throw new PristineException(ErrorCode.CONFIGURATION, "unknown kind of H2 clone", "h2.clones=" + clones,
                    "use file (the default: clones are files, usable from any process) or memory (clones live in this JVM)");
        }
        this.memory = clones.equals("memory") ? new H2MemoryClones(connections, files.root) : null;
        String semantic = connections.identity();
        this.identity = "h2 " + readVersion() + (semantic.isEmpty() ? "" : " " + semantic);
    }

    private static String readVersion() {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT H2VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new PristineException(ErrorCode.ENGINE_UNREACHABLE, "the H2 driver does not load", e.getMessage(),
                    "check that com.h2database:h2 is on the class path", e);
        }
    }

    @Override
    public String id() {
        return "h2";
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
                if (f.endsWith(H2Files.DB) && f.length() == 64 + H2Files.DB.length()) {
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
            if (FileEngines.createSidecar(files.builds.resolve(name + H2Files.OWNER), marker)) {
                return name;
            }
            if (attempt > 10) {
                throw new IOException("no free build name in " + files.builds);
            }
        }
    }

    @Override
    public TemplateEntry publish(String key, String buildName) throws IOException, SQLException {
        String name = FileEngines.checkName(buildName);
        Path build = files.builds.resolve(name + H2Files.DB);
        // Opens the build (creating it when the migrator never connected) and closes the database for good:
        // SHUTDOWN closes every session still open and writes the store out completely, COMPACT makes the
        // file small, so every clone copies less.
        try (Connection c = connections.dataSource(buildUrl(name)).getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        for (Path companion : H2Files.companions(files.builds, name)) {
            if (companion.getFileName().toString().endsWith(".trace.db")) {
                Files.deleteIfExists(companion); // errors the migrator saw, not part of the database
            } else if (!companion.getFileName().toString().endsWith(H2Files.OWNER)) {
                throw new IOException("the template build still has " + companion.getFileName()
                        + " after SHUTDOWN; another process has the build open");
            }
        }
        try (FileChannel ch = FileChannel.open(build, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path target = files.template(key);
        Files.move(build, target, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(files.builds.resolve(name + H2Files.OWNER));
        touchTemplate(key);
        return entry(key, target);
    }

    @Override
    public List<DatabaseEntry> builds() throws IOException {
        return FileEngines.list(files.builds, H2Files.OWNER);
    }

    @Override
    public void dropBuild(String buildName) throws IOException {
        H2Files.deleteDatabase(files.builds, FileEngines.checkName(buildName));
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
        if (memory != null) {
            memory.forget(key);
        }
    }

    @Override
    public void createClone(String key, String name, String marker) throws IOException, SQLException, NameTakenException {
        files.create();
        Path owner = files.clones.resolve(FileEngines.checkName(name) + H2Files.OWNER);
        if (!FileEngines.createSidecar(owner, marker)) {
            throw new NameTakenException(name);
        }
        try {
            if (memory != null) {
                memory.create(key, files.template(key), name);
            } else {
                Files.copy(files.template(key), files.clones.resolve(name + H2Files.DB));
            }
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(owner);
            throw new NameTakenException(name);
        } catch (IOException | SQLException | RuntimeException e) {
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
        if (memory != null && memory.exists(FileEngines.checkName(name))) {
            // an open in-memory database cannot be renamed: only its owner changes
            markClone(name, marker);
            return name;
        }
        Path newOwner = files.clones.resolve(FileEngines.checkName(newName) + H2Files.OWNER);
        if (!FileEngines.createSidecar(newOwner, marker)) {
            throw new NameTakenException(newName);
        }
        try {
            // The new sidecar reserved the name; the rename itself is atomic. Nobody has a pooled clone open.
            Files.move(files.clones.resolve(FileEngines.checkName(name) + H2Files.DB),
                    files.clones.resolve(newName + H2Files.DB), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(newOwner);
            throw e;
        }
        Files.deleteIfExists(files.clones.resolve(name + H2Files.OWNER));
        return newName;
    }

    @Override
    public void markClone(String name, String marker) throws IOException {
        FileEngines.replaceSidecar(files.clones.resolve(FileEngines.checkName(name) + H2Files.OWNER), marker);
    }

    @Override
    public List<DatabaseEntry> clones() throws IOException {
        return FileEngines.list(files.clones, H2Files.OWNER);
    }

    @Override
    public boolean exists(String name) {
        FileEngines.checkName(name);
        return Files.exists(files.clones.resolve(name + H2Files.DB)) || Files.exists(files.builds.resolve(name + H2Files.DB));
    }

    @Override
    public void dropClone(String name) throws IOException, SQLException {
        FileEngines.checkName(name);
        if (memory != null) {
            memory.drop(name);
        }
        H2Files.deleteDatabase(files.clones, name);
    }

    @Override
    public Coordinates coordinates(String name) {
        return new Coordinates(url(name), connections.user(), connections.password());
    }

    @Override
    public DataSource dataSource(String name) {
        return connections.dataSource(url(name));
    }

    private String url(String name) {
        FileEngines.checkName(name);
        if (Files.exists(files.builds.resolve(name + H2Files.OWNER))) {
            return buildUrl(name);
        }
        if (memory != null && memory.exists(name)) {
            return connections.url(memory.location(name), "IFEXISTS=TRUE");
        }
        return connections.url(files.clones.resolve(name).toString(), "IFEXISTS=TRUE", "DB_CLOSE_DELAY=0", "MAX_COMPACT_TIME=0");
    }

    private String buildUrl(String name) {
        return connections.url(files.builds.resolve(name).toString(), "DB_CLOSE_DELAY=0");
    }

    @Override
    public boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && TRANSIENT.contains(e.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        // nothing held: file databases close with their last connection; in-memory clones are dropped by the pool
    }
}
