package dev.pristine.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Helpers of the engines that keep databases as files in the state directory (see {@link FileEngine}):
 * owner-marker sidecar files with create-new semantics, listings, template uses and random name suffixes.
 *
 * <p>Stateless and thread-safe.
 */
public final class FileEngines {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private FileEngines() {}

    /**
     * Uses of templates recorded as shared locks on {@code <locks>/<key>.use} (see {@link Engine#templateUses}).
     *
     * @param createDirectories creates the state directories before the first use is recorded (a write)
     */
    public static TemplateUses templateUses(Path locks, Runnable createDirectories) {
        return TemplateUses.of(key -> {
            createDirectories.run();
            return ProcessFileLock.share(locks.resolve(DatabaseNames.checkKey(key) + ".use"));
        }, key -> ProcessFileLock.isShared(locks.resolve(DatabaseNames.checkKey(key) + ".use")));
    }

    /** Eight random lower-case letters and digits; uniqueness comes from create-new, not from the randomness. */
    public static String suffix() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** Writes a new sidecar; false when one of that name exists already (create-new). */
    public static boolean createSidecar(Path sidecar, String marker) throws IOException {
        try {
            Files.writeString(sidecar, marker, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Replaces a sidecar atomically (write beside it, then move over it). */
    public static void replaceSidecar(Path sidecar, String marker) throws IOException {
        Path tmp = sidecar.resolveSibling(sidecar.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        Files.writeString(tmp, marker, StandardCharsets.UTF_8);
        Files.move(tmp, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A sidecar's marker, or empty when it cannot be read (e.g. deleted meanwhile). */
    public static Optional<String> readSidecar(Path sidecar) {
        try {
            return Optional.of(Files.readString(sidecar, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The databases in {@code dir} that Pristine owns: those with an owner sidecar ({@code <name><ownerSuffix>}).
     * Pristine writes the sidecar (create-new) before the database file exists and deletes it after every
     * file of the database, so a crash at any step, a half-built template included, leaves the sidecar;
     * a {@code pristine_*} file without one was made by someone else and is never listed, so never dropped.
     * A missing {@code dir} has no databases (reading never creates it).
     *
     * @return the entries, by name; the marker is the sidecar's text (empty while it is being written)
     */
    public static List<DatabaseEntry> list(Path dir, String ownerSuffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                String f = p.getFileName().toString();
                if (f.endsWith(ownerSuffix) && f.startsWith(DatabaseNames.PREFIX)) {
                    names.add(f.substring(0, f.length() - ownerSuffix.length()));
                }
            });
        }
        List<DatabaseEntry> out = new ArrayList<>();
        for (String name : names) {
            Path owner = dir.resolve(name + ownerSuffix);
            Optional<String> marker = readSidecar(owner);
            if (marker.isPresent()) { // else dropped while we listed
                out.add(new DatabaseEntry(name, marker.get(), modified(owner)));
            }
        }
        return out;
    }

    /** A file's modification time, or the epoch when it cannot be read. */
    public static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
