package dev.pristine.spi;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Base of the engines that keep each database as one file in the state directory (SQLite, H2), laid out by a
 * {@link FileLayout}: a template is built under a temporary name in {@code builds/}, finished by the engine,
 * and moved atomically into {@code templates/}; a clone is a create-new copy of that file in {@code clones/};
 * owners live in {@code .owner} sidecars written (create-new) before the database file, never in the database;
 * build locks and template uses are OS file locks ({@link ProcessFileLock}).
 *
 * <p>A subclass provides what differs: its {@link #id}, {@link #identity}, how a build is finished
 * ({@link #finishBuild}), its JDBC URL ({@link #coordinates}, {@link #dataSource}), which failures are
 * transient, and {@link #close}. It may override {@link #copyTemplate} to make clones some other way, and
 * {@link #relabelClone}, {@link #dropTemplate} and {@link #dropClone} to add to them (calling these).
 *
 * <p>Thread-safe, as {@link Engine} requires: every step is a single atomic file operation or create-new, and
 * the base keeps no state but the layout; subclasses must keep their own state thread-safe.
 */
public abstract class FileEngine implements Engine {

    /** The longest name accepted: longer than any Pristine makes here ({@link #maxNameLength}), within file-name limits. */
    private static final int LONGEST_NAME = DatabaseNames.PREFIX.length() + 200;

    private final FileLayout files;

    /** @param files the engine's layout, not null */
    protected FileEngine(FileLayout files) {
        this.files = files;
    }

    /** The engine's layout. */
    protected final FileLayout files() {
        return files;
    }

    /**
     * Refuses a name Pristine could not have made here, so a file of anyone else is never touched.
     *
     * @return the name
     * @throws PristineException with {@code UNSAFE_TARGET}
     */
    protected static String checkName(String name) {
        return DatabaseNames.checkName(name, LONGEST_NAME);
    }

    /**
     * Makes a build's database file complete and self-contained, so that a copy of it alone is the database:
     * every connection closed and no journal or WAL left beside it. Called by {@link #publish} under the build
     * lock; the file does not exist yet when the migrator never connected, and must exist afterwards.
     *
     * @param name the build's name (checked)
     * @param file the build's database file
     */
    protected abstract void finishBuild(String name, Path file) throws IOException, SQLException;

    /**
     * Makes the clone {@code name} of the template of {@code key}, failing with
     * {@link FileAlreadyExistsException} when its file exists. Called by {@link #createClone} after the clone's
     * sidecar was created. The default copies the template file into {@code clones/}.
     */
    protected void copyTemplate(String key, String name) throws IOException, SQLException {
        Files.copy(files.template(key), files.database(files.clones(), name));
    }

    /** Whether {@code name} (checked) is a build rather than a clone: its sidecar is in {@code builds/}. */
    protected final boolean isBuild(String name) {
        return Files.exists(files.owner(files.builds(), checkName(name)));
    }

    @Override
    public String location() {
        return files.root().toString();
    }

    @Override
    public int maxNameLength() {
        return 120;
    }

    @Override
    public final AutoCloseable lockBuild(String key, Duration timeout) throws IOException {
        files.create();
        return ProcessFileLock.acquire(files.locks.resolve(DatabaseNames.checkKey(key) + ".lock"), timeout);
    }

    @Override
    public final Optional<TemplateEntry> findTemplate(String key) {
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
    public final List<TemplateEntry> templates() throws IOException {
        List<TemplateEntry> out = new ArrayList<>();
        if (!Files.isDirectory(files.templates)) {
            return out; // nothing built here yet; reading creates nothing
        }
        String suffix = files.suffix;
        try (Stream<Path> s = Files.list(files.templates)) {
            for (Path p : s.sorted().toList()) {
                String f = p.getFileName().toString();
                if (f.endsWith(suffix) && f.length() == 64 + suffix.length()) {
                    out.add(entry(f.substring(0, 64), p));
                }
            }
        }
        return out;
    }

    @Override
    public final String createBuild(String key, String marker) throws IOException {
        DatabaseNames.checkKey(key);
        files.create();
        for (int attempt = 0; ; attempt++) {
            String name = "pristine_build_" + key.substring(0, 16) + "_" + FileEngines.suffix();
            if (FileEngines.createSidecar(files.owner(files.builds(), name), marker)) {
                return name;
            }
            if (attempt > 10) {
                throw new IOException("no free build name in " + files.builds());
            }
        }
    }

    @Override
    public final TemplateEntry publish(String key, String buildName) throws IOException, SQLException {
        String name = checkName(buildName);
        Path build = files.database(files.builds(), name);
        finishBuild(name, build);
        try (FileChannel ch = FileChannel.open(build, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path target = files.template(key);
        Files.move(build, target, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(files.owner(files.builds(), name));
        touchTemplate(key);
        return entry(key, target);
    }

    @Override
    public final List<DatabaseEntry> builds() throws IOException {
        return FileEngines.list(files.builds(), FileLayout.OWNER);
    }

    @Override
    public final void dropBuild(String buildName) throws IOException {
        files.deleteDatabase(files.builds(), checkName(buildName));
    }

    @Override
    public final void touchTemplate(String key) throws IOException {
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
    public final TemplateUses templateUses() {
        return FileEngines.templateUses(files.locks, files::create);
    }

    @Override
    public void dropTemplate(String key) throws IOException {
        Files.deleteIfExists(files.template(key));
        Files.deleteIfExists(files.used(key));
    }

    @Override
    public final void createClone(String key, String name, String marker) throws IOException, SQLException,
            NameTakenException {
        files.create();
        Path owner = files.owner(files.clones(), checkName(name));
        if (!FileEngines.createSidecar(owner, marker)) {
            throw new NameTakenException(name);
        }
        try {
            copyTemplate(key, name);
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
        Path newOwner = files.owner(files.clones(), checkName(newName));
        if (!FileEngines.createSidecar(newOwner, marker)) {
            throw new NameTakenException(newName);
        }
        try {
            // The new sidecar reserved the name; the rename itself is atomic. Nobody has a pooled clone open.
            Files.move(files.database(files.clones(), checkName(name)), files.database(files.clones(), newName),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(newOwner);
            throw e;
        }
        Files.deleteIfExists(files.owner(files.clones(), name));
        return newName;
    }

    @Override
    public final void markClone(String name, String marker) throws IOException {
        FileEngines.replaceSidecar(files.owner(files.clones(), checkName(name)), marker);
    }

    @Override
    public final List<DatabaseEntry> clones() throws IOException {
        return FileEngines.list(files.clones(), FileLayout.OWNER);
    }

    @Override
    public final boolean exists(String name) {
        checkName(name);
        return Files.exists(files.database(files.clones(), name)) || Files.exists(files.database(files.builds(), name));
    }

    @Override
    public void dropClone(String name) throws IOException, SQLException {
        files.deleteDatabase(files.clones(), checkName(name));
    }
}
