package dev.pristine.h2;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.h2.api.ErrorCode;
import org.h2.store.fs.FileUtils;

/**
 * Clones in H2's in-memory file system ({@code h2.clones=memory}): the template's bytes are written to
 * {@code memFS:/pristine-<state dir hash>/<name>.mv.db} and the database is opened there once with
 * {@code DB_CLOSE_DELAY=-1}, so it stays open in this JVM until it is dropped. Opening an H2 database
 * (reading its catalogue and re-creating every table, index and view) is most of what a clone costs; the pool
 * pays it in the background, and a test's first connection finds the database open.
 *
 * <p>Such a clone lives only in the JVM that made it: its owner sidecar stays on disk, so status, gc and
 * the reaper of other processes see it, and dropping it from another process removes the sidecar only
 * (the memory went with its JVM, or goes when that JVM drops it). Thread-safe.
 */
final class H2MemoryClones {

    private final H2Connections connections;
    private final String root;
    /** Template bytes per key; templates never change once published. */
    private final ConcurrentMap<String, byte[]> templates = new ConcurrentHashMap<>();

    H2MemoryClones(H2Connections connections, Path stateRoot) {
        this.connections = connections;
        this.root = "memFS:/pristine-" + shortHash(stateRoot.toAbsolutePath().toString());
        ensureDirectory(root);
    }

    /**
     * Creates the memFS directory once, under a JVM-wide lock: writing a file creates a missing parent, and two
     * threads doing so at once make one of them fail with "a file with this name already exists" (90062).
     */
    private static synchronized void ensureDirectory(String dir) {
        if (!FileUtils.isDirectory(dir)) {
            FileUtils.createDirectories(dir);
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The H2 location of a memory clone (no suffix). */
    String location(String name) {
        return root + "/" + name;
    }

    boolean exists(String name) {
        return FileUtils.exists(location(name) + H2Files.DB);
    }

    /** Loads the template into a new in-memory database {@code name} and opens it. */
    void create(String key, Path templateFile, String name) throws IOException, SQLException {
        byte[] bytes = templates.get(key);
        if (bytes == null) {
            bytes = Files.readAllBytes(templateFile);
            templates.put(key, bytes);
        }
        String file = location(name) + H2Files.DB;
        try (OutputStream out = FileUtils.newOutputStream(file, false)) {
            out.write(bytes);
        }
        try (Connection c = connections.dataSource(connections.url(location(name), "IFEXISTS=TRUE", "DB_CLOSE_DELAY=-1"))
                .getConnection()) {
            c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            FileUtils.tryDelete(file);
            throw e;
        }
    }

    /** Closes and deletes a memory clone of this JVM; nothing happens for one this JVM does not hold. */
    void drop(String name) throws SQLException {
        if (!exists(name)) {
            return;
        }
        try (Connection c = connections.dataSource(connections.url(location(name), "IFEXISTS=TRUE")).getConnection();
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
                throw e;
            }
        }
        for (String f : FileUtils.newDirectoryStream(root)) {
            if (FileUtils.getName(f).startsWith(name + ".")) {
                FileUtils.delete(f);
            }
        }
    }

    void forget(String key) {
        templates.remove(key);
    }
}
