package dev.pristine.h2;

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
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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
    private static final Pattern SAFE_NAME = Pattern.compile("pristine_[a-z0-9_]{1,200}");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    final Path root;
    final Path templates;
    final Path builds;
    final Path clones;
    final Path locks;

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

    /** Eight random lower-case letters and digits. */
    static String suffix() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
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
