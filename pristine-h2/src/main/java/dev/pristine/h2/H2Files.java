package dev.pristine.h2;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.FileEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The state directory's layout under {@code h2/}: {@code templates/<key>.mv.db}, {@code builds/<name>.mv.db},
 * {@code clones/<name>.mv.db}, each database with an {@code .owner} sidecar holding its marker, and
 * {@code locks/<key>.lock}. H2 names a database by its path without the {@code .mv.db} suffix and may
 * keep companions next to it ({@code <name>.trace.db}, {@code <name>.lock.db}, {@code <name>.mv.db.tempFile}):
 * every file that starts with {@code <name>.} belongs to that database. Names never contain a dot, so
 * that prefix is unambiguous.
 */
final class H2Files {

    /** The suffix H2's MVStore gives a database file; URLs omit it. */
    static final String DB = ".mv.db";
    static final String OWNER = ".owner";

    final Path root;
    final Path templates;
    final Path builds;
    final Path clones;
    final Path locks;
    private volatile boolean created;

    H2Files(Path root) {
        this.root = root;
        this.templates = root.resolve("templates");
        this.builds = root.resolve("builds");
        this.clones = root.resolve("clones");
        this.locks = root.resolve("locks");
        if (root.toString().contains(";")) {
            throw new PristineException(ErrorCode.CONFIGURATION, "an H2 database path cannot contain ';'", root,
                    "choose a state directory without ';' with --state-dir / PRISTINE_STATE_DIR");
        }
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





    /** The companions H2 left next to a database ({@code <name>.trace.db}, …), without the database file itself. */
    static List<Path> companions(Path dir, String name) throws IOException {
        String prefix = name + ".";
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String f = p.getFileName().toString();
                return f.startsWith(prefix) && !f.equals(name + DB) && !f.equals(name + OWNER);
            }).toList();
        }
    }

    /** Deletes a database file, its companions, and then its sidecar. */
    static void deleteDatabase(Path dir, String name) throws IOException {
        for (Path p : companions(dir, name)) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir.resolve(name + DB));
        try {
            Files.deleteIfExists(dir.resolve(name + OWNER));
        } catch (NoSuchFileException ignored) {
            // deleted by a concurrent reaper
        }
    }
}
