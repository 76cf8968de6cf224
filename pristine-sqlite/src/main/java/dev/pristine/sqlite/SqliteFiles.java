package dev.pristine.sqlite;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.FileEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The state directory's layout: {@code templates/<key>.db}, {@code builds/<name>.db}, {@code clones/<name>.db},
 * each database with an {@code .owner} sidecar holding its marker, and {@code locks/<key>.lock}.
 */
final class SqliteFiles {

    static final String DB = ".db";
    static final String OWNER = ".owner";
    private static final String[] COMPANIONS = {"-wal", "-shm", "-journal"};

    final Path root;
    final Path templates;
    final Path builds;
    final Path clones;
    final Path locks;
    private volatile boolean created;

    SqliteFiles(Path root) {
        this.root = root;
        this.templates = root.resolve("templates");
        this.builds = root.resolve("builds");
        this.clones = root.resolve("clones");
        this.locks = root.resolve("locks");
    }

    /**
     * Creates the directories, once; called before the first write (a build lock, a build, a clone), never by
     * reading, so {@code status} on a state directory that does not exist changes nothing.
     */
    void create() {
        if (created) {
            return;
        }
        try {
            for (Path p : new Path[] {templates, builds, clones, locks}) {
                Files.createDirectories(p);
            }
            created = true;
        } catch (IOException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "cannot create the state directory", root,
                    "make it writable, or choose another with --state-dir / PRISTINE_STATE_DIR", e);
        }
    }



    Path template(String key) {
        return templates.resolve(FileEngines.checkKey(key) + DB);
    }

    Path used(String key) {
        return templates.resolve(FileEngines.checkKey(key) + ".used");
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
