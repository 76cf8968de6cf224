package dev.pristine.sqlite;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The state directory's layout: {@code templates/<key>.db}, {@code builds/<name>.db}, {@code clones/<name>.db},
 * each database with an {@code .owner} sidecar holding its marker, and {@code locks/<key>.lock}.
 */
final class SqliteFiles {

    static final String DB = ".db";
    static final String OWNER = ".owner";
    private static final String[] COMPANIONS = {"-wal", "-shm", "-journal"};
    private static final Pattern SAFE_NAME = Pattern.compile("pristine_[a-z0-9_]{1,200}");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    final Path root;
    final Path templates;
    final Path builds;
    final Path clones;
    final Path locks;

    SqliteFiles(Path root) {
        this.root = root;
        this.templates = root.resolve("templates");
        this.builds = root.resolve("builds");
        this.clones = root.resolve("clones");
        this.locks = root.resolve("locks");
        try {
            for (Path p : new Path[] {templates, builds, clones, locks}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "cannot create the state directory", root,
                    "make it writable, or choose another with --state-dir / PRISTINE_STATE_DIR", e);
        }
    }

    /** Refuses a name that Pristine could not have made, so a database of anyone else is never touched. */
    static String checkName(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET, "not a Pristine database name", name,
                    "use an id printed by lease or status");
        }
        return name;
    }

    static String checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET, "not a template key", key,
                    "use a key printed by prepare or status");
        }
        return key;
    }

    Path template(String key) {
        return templates.resolve(checkKey(key) + DB);
    }

    Path used(String key) {
        return templates.resolve(checkKey(key) + ".used");
    }

    /** Writes a new sidecar; false when one of that name exists already (create-new). */
    static boolean createOwner(Path owner, String marker) throws IOException {
        try {
            Files.writeString(owner, marker, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Replaces a sidecar atomically. */
    static void replaceOwner(Path owner, String marker) throws IOException {
        Path tmp = owner.resolveSibling(owner.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        Files.writeString(tmp, marker, StandardCharsets.UTF_8);
        Files.move(tmp, owner, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Optional<String> readOwner(Path owner) {
        try {
            return Optional.of(Files.readString(owner, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** Deletes a database file, its journal companions, and then its sidecar. */
    static void deleteDatabase(Path dir, String name) throws IOException {
        Path db = dir.resolve(name + DB);
        for (String c : COMPANIONS) {
            Files.deleteIfExists(db.resolveSibling(name + DB + c));
        }
        Files.deleteIfExists(db);
        try {
            Files.deleteIfExists(dir.resolve(name + OWNER));
        } catch (NoSuchFileException ignored) {
            // deleted by a concurrent reaper
        }
    }

    static boolean hasCompanions(Path db) {
        for (String c : COMPANIONS) {
            if (Files.exists(db.resolveSibling(db.getFileName() + c))) {
                return true;
            }
        }
        return false;
    }
}
