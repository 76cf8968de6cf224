package dev.pristine.spi;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a {@link FileEngine} keeps its files, below its root in the state directory:
 * {@code templates/<key><suffix>} (with a {@code <key>.used} file whose time is the last use),
 * {@code builds/<name><suffix>}, {@code clones/<name><suffix>}, each build and clone with an {@code .owner}
 * sidecar holding its marker, and {@code locks/<key>.lock}. Names never contain a dot, so every file that
 * starts with {@code <name>.} belongs to that database.
 *
 * <p>A subclass provides the database file's suffix and says which companion files the engine leaves
 * beside a database ({@link #companions}). Thread-safe.
 */
public abstract class FileLayout {

    /** The suffix of the sidecar that holds a build's or clone's marker. */
    public static final String OWNER = ".owner";

    private final Path root;
    private final Path builds;
    private final Path clones;
    /** Read by {@link FileEngine} only, like {@link #templates} and {@link #locks}. */
    final String suffix;
    final Path templates;
    final Path locks;
    private volatile boolean created;

    /**
     * @param root the engine's directory in the state directory, not null; created only by {@link #create}
     * @param suffix the database file's suffix, with its dot ({@code .db})
     */
    protected FileLayout(Path root, String suffix) {
        this.root = root;
        this.suffix = suffix;
        this.templates = root.resolve("templates");
        this.builds = root.resolve("builds");
        this.clones = root.resolve("clones");
        this.locks = root.resolve("locks");
    }

    /** The engine's directory. */
    public final Path root() {
        return root;
    }

    /** Where templates are built. */
    public final Path builds() {
        return builds;
    }

    /** Where clones live. */
    public final Path clones() {
        return clones;
    }

    /**
     * Creates the directories, once; called before the first write (a build lock, a build, a clone), never by
     * reading, so {@code status} on a state directory that does not exist changes nothing.
     *
     * @throws PristineException with {@code CONFIGURATION} when a directory cannot be created
     */
    final void create() {
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

    /** The published template file of {@code key} (which must be a template key). */
    public final Path template(String key) {
        return templates.resolve(DatabaseNames.checkKey(key) + suffix);
    }

    /** The file whose modification time is the last use of the template of {@code key}. */
    final Path used(String key) {
        return templates.resolve(DatabaseNames.checkKey(key) + ".used");
    }

    /** The database file of {@code name} in {@code dir} (builds or clones). */
    public final Path database(Path dir, String name) {
        return dir.resolve(name + suffix);
    }

    /** The owner sidecar of {@code name} in {@code dir} (builds or clones). */
    public final Path owner(Path dir, String name) {
        return dir.resolve(name + OWNER);
    }

    /**
     * The files the engine may leave beside the database {@code name} in {@code dir} (journals, locks, traces),
     * without the database file and its sidecar. Paths that do not exist may be included.
     */
    public abstract List<Path> companions(Path dir, String name) throws IOException;

    /** Deletes a database file, its companions, and then its sidecar, so a crash at any step leaves the sidecar. */
    public final void deleteDatabase(Path dir, String name) throws IOException {
        for (Path p : companions(dir, name)) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(database(dir, name));
        try {
            Files.deleteIfExists(owner(dir, name));
        } catch (NoSuchFileException ignored) {
            // deleted by a concurrent reaper
        }
    }
}
