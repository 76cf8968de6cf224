package dev.pristine.h2;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.FileEngine;
import dev.pristine.spi.FileLayout;
import dev.pristine.spi.NameTakenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
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
final class H2Engine extends FileEngine {

    /** H2 error codes that mean "busy, try again" (see {@link org.h2.api.ErrorCode}). */
    private static final Set<Integer> TRANSIENT = Set.of(org.h2.api.ErrorCode.LOCK_TIMEOUT_1,
            org.h2.api.ErrorCode.DEADLOCK_1, org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1,
            org.h2.api.ErrorCode.CONCURRENT_UPDATE_1, org.h2.api.ErrorCode.DATABASE_IS_IN_EXCLUSIVE_MODE);

    private final H2Connections connections;
    private final H2MemoryClones memory;
    private final String identity;

    H2Engine(EngineSettings settings) {
        super(new H2Files(settings.stateDir().resolve("h2")));
        this.connections = new H2Connections(settings);
        String clones = H2Connections.CLONES.get(settings).toLowerCase(Locale.ROOT);
        if (!clones.equals("file") && !clones.equals("memory")) {
            throw new PristineException(ErrorCode.CONFIGURATION, "unknown kind of H2 clone", "h2.clones=" + clones,
                    "use file (the default: clones are files, usable from any process) or memory (clones live in this JVM)");
        }
        this.memory = clones.equals("memory") ? new H2MemoryClones(connections, files().root()) : null;
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
    protected void finishBuild(String name, Path build) throws IOException, SQLException {
        // Opens the build (creating it when the migrator never connected) and closes the database for good:
        // SHUTDOWN closes every session still open and writes the store out completely, COMPACT makes the
        // file small, so every clone copies less.
        try (Connection c = connections.dataSource(buildUrl(name)).getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        for (Path companion : files().companions(files().builds(), name)) {
            if (companion.getFileName().toString().endsWith(".trace.db")) {
                Files.deleteIfExists(companion); // errors the migrator saw, not part of the database
            } else if (!companion.getFileName().toString().endsWith(FileLayout.OWNER)) {
                throw new IOException("the template build still has " + companion.getFileName()
                        + " after SHUTDOWN; another process has the build open");
            }
        }
    }

    @Override
    public void dropTemplate(String key) throws IOException {
        super.dropTemplate(key);
        if (memory != null) {
            memory.forget(key);
        }
    }

    @Override
    protected void copyTemplate(String key, String name) throws IOException, SQLException {
        if (memory != null) {
            memory.create(key, files().template(key), name);
        } else {
            super.copyTemplate(key, name);
        }
    }

    @Override
    public String relabelClone(String name, String newName, String marker) throws IOException, NameTakenException {
        if (memory != null && memory.exists(checkName(name))) {
            // an open in-memory database cannot be renamed: only its owner changes
            markClone(name, marker);
            return name;
        }
        return super.relabelClone(name, newName, marker);
    }

    @Override
    public void dropClone(String name) throws IOException, SQLException {
        checkName(name);
        if (memory != null) {
            memory.drop(name);
        }
        super.dropClone(name);
    }

    @Override
    public Coordinates coordinates(String name) {
        if (!isBuild(name) && memory != null && memory.exists(name)) {
            return new Coordinates(url(name), connections.user(), connections.password());
        }
        Path file = files().database(isBuild(name) ? files().builds() : files().clones(), name);
        return Coordinates.file(url(name), file, null, connections.user(), connections.password());
    }

    @Override
    public DataSource dataSource(String name) {
        return connections.dataSource(url(name));
    }

    private String url(String name) {
        if (isBuild(name)) {
            return buildUrl(name);
        }
        if (memory != null && memory.exists(name)) {
            return connections.url(memory.location(name), "IFEXISTS=TRUE");
        }
        return connections.url(files().clones().resolve(name).toString(), "IFEXISTS=TRUE", "DB_CLOSE_DELAY=0", "MAX_COMPACT_TIME=0");
    }

    private String buildUrl(String name) {
        return connections.url(files().builds().resolve(name).toString(), "DB_CLOSE_DELAY=0");
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
