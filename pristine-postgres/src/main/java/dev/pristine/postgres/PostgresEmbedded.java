package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server of one state directory, shared by every JVM that uses that directory (surefire
 * forks, CLI runs): the first one starts it, later ones connect, and the last one out stops it.
 *
 * <p>Layout of {@code <state-dir>/postgres/embedded-<major>/}: {@code pgdata/} (the data directory),
 * {@code server.json} (port, postmaster pid, binaries, version), {@code users/<pid>-<start millis>} (one
 * file per JVM using the server), {@code server.lock} (held while any of these change) and
 * {@code postgres.log}. A JVM that dies without closing leaves its user file behind; the next JVM to
 * come or go sees that its process is gone and deletes it, so a kill -9 never keeps the server up for
 * ever once anyone else uses the directory again. The last JVM out leaves the server running while
 * clones remain on it (CLI leases with a TTL, kept databases): their JDBC URLs must keep working; the
 * next JVM to leave after they are released or reaped stops it.
 *
 * <p>Thread-safe.
 */
final class PostgresEmbedded {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEmbedded.class);
    private static final ConcurrentMap<Path, PostgresEmbedded> SHARED = new ConcurrentHashMap<>();
    private static final Pattern JSON_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"([^\"]*)\"|(\\d+))");
    private static final long START_TOLERANCE_MILLIS = 2000;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresEmbedded::releaseAllAtExit, "pristine-postgres-exit"));
    }

    private final Path dir;
    private final Path data;
    private final Path userFile;
    private int users;
    private int port;

    private PostgresEmbedded(Path dir) {
        this.dir = dir;
        this.data = dir.resolve("pgdata");
        ProcessHandle self = ProcessHandle.current();
        this.userFile = dir.resolve("users").resolve(self.pid() + "-"
                + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /** The server's directory under the state dir, for messages. */
    Path directory() {
        return dir;
    }

    /**
     * Registers this JVM as a user of the embedded server of {@code stateDir}, starting the server when
     * no one runs it. Pair with {@link #release()}.
     *
     * @return the port the server listens on (127.0.0.1)
     */
    static PostgresEmbedded acquire(Path stateDir) {
        PostgresBinaries binaries = PostgresBinaries.get();
        Path dir = stateDir.resolve("postgres").resolve("embedded-" + binaries.major).toAbsolutePath().normalize();
        PostgresEmbedded e = SHARED.computeIfAbsent(dir, PostgresEmbedded::new);
        e.join(binaries);
        return e;
    }

    synchronized int port() {
        return port;
    }

    private synchronized void join(PostgresBinaries binaries) {
        if (users > 0) {
            users++;
            return;
        }
        try {
            Files.createDirectories(dir.resolve("users"));
            try (FileChannel ch = FileChannel.open(dir.resolve("server.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                Optional<Map<String, String>> server = readServer();
                if (server.isPresent() && isRunning(server.get())) {
                    port = Integer.parseInt(server.get().get("port"));
                    LOG.debug("Joining the embedded PostgreSQL on port {} ({})", port, dir);
                } else {
                    port = start(binaries);
                }
                liveUsers(); // forgets JVMs that died without leaving
                Files.writeString(userFile, "pid " + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            }
            users = 1;
        } catch (IOException e) {
            throw new PristineException(ErrorCode.ENGINE_UNREACHABLE, "cannot start the embedded PostgreSQL server", dir,
                    "see " + dir.resolve("postgres.log") + "; or give a server with --url / pristine.url: " + e.getMessage(), e);
        }
    }

    /** Unregisters one use; the last user of the directory (in any JVM) stops the server. */
    synchronized void release() {
        if (users == 0) {
            return;
        }
        if (--users > 0) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir.resolve("server.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
            Files.deleteIfExists(userFile);
            List<String> live = liveUsers();
            int clones = live.isEmpty() ? clonesLeft() : 0;
            if (!live.isEmpty()) {
                LOG.debug("Leaving the embedded PostgreSQL running for {} other JVM(s)", live.size());
            } else if (clones > 0) {
                LOG.info("Leaving the embedded PostgreSQL on port {} running: {} clone(s) remain (leases with a TTL, kept "
                        + "databases, or orphans); the next JVM to leave after they are released or reaped stops it", port,
                        clones);
            } else {
                stop();
            }
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL in {}: {}", dir, e.getMessage());
        }
    }

    /** Clones still on the server (leases that outlive their JVM keep it up); 0 when it cannot be asked. */
    private int clonesLeft() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?ApplicationName="
                + PostgresConnections.APPLICATION_NAME, "postgres", null)) {
            return (int) PostgresCatalog.list(c).stream().filter(PostgresCatalog.Row::isClone).count();
        } catch (SQLException e) {
            LOG.debug("Cannot count the clones left on the embedded server: {}", PostgresErrors.reason(e));
            return 0;
        }
    }

    private static void releaseAllAtExit() {
        for (PostgresEmbedded e : SHARED.values()) {
            synchronized (e) {
                if (e.users > 0) {
                    e.users = 1;
                    e.release();
                }
            }
        }
    }

    private int start(PostgresBinaries binaries) throws IOException {
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            LOG.info("Creating the embedded PostgreSQL {} data directory {}", binaries.version, data);
            binaries.newDataDirectory(data);
        }
        Path log = dir.resolve("postgres.log");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int p = freePort();
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            try {
                // -W and our own polling: pg_ctl's -w polls only every 100 ms
                binaries.run(List.of(binaries.bin("pg_ctl"), "-D", data.toString(), "-l", log.toString(), "-W",
                        "-o", serverOptions(p), "start"), log, 90);
                long pid = awaitReady(log, p, logStart);
                writeServer(p, pid, binaries);
                LOG.info("Started the embedded PostgreSQL {} on 127.0.0.1:{} (pid {}, data {})", binaries.version, p, pid, data);
                return p;
            } catch (IOException e) {
                // a server this attempt started must not outlive it: nobody would know its port, and it would hold
                // postmaster.pid, so that every later start failed
                stopStarted(p);
                last = e;
                if (!logSince(log, logStart).contains("Address already in use")) {
                    break; // only a port taken between probing and binding is worth another port
                }
            }
        }
        throw last;
    }

    /** The postmaster started for {@code port} on this data directory (or the shell or pg_ctl about to become it). */
    private Optional<ProcessHandle> startedFor(int port) {
        // pg_ctl passes -D to the shell quoted, so match the path alone
        String dataArg = data.toString();
        String portArg = "-p " + port + " ";
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(h -> h.info().commandLine()
                .filter(c -> c.contains(dataArg) && c.contains(portArg)).isPresent()).findFirst();
    }

    /** Stops the postmaster that an attempt on {@code port} started, if it still runs, and waits until it is gone. */
    private void stopStarted(int port) {
        Optional<ProcessHandle> started = pidFileFor(port).flatMap(ProcessHandle::of).or(() -> startedFor(port));
        if (started.isEmpty() || !started.get().isAlive()) {
            return;
        }
        ProcessHandle h = started.get();
        LOG.warn("Stopping the embedded PostgreSQL (pid {}) that a failed start left running", h.pid());
        h.destroy(); // SIGTERM: a smart shutdown, and nobody is connected yet
        try {
            h.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            h.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            h.destroyForcibly();
        }
    }

    /** The pid in postmaster.pid when that file is of the postmaster listening on {@code port}. */
    private Optional<Long> pidFileFor(int port) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.size() >= 4 && lines.get(3).trim().equals(String.valueOf(port))
                    ? Optional.of(Long.parseLong(lines.get(0).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What the log got since {@code from} (bytes). */
    private static String logSince(Path log, long from) {
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= from) {
                return "";
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - from, 1 << 20));
            ch.read(buf, from);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Tuned for disposable test data: see the module README. */
    private static String serverOptions(int port) {
        return "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal"
                + " -c max_wal_senders=0 -c checkpoint_timeout=30min -c max_wal_size=2GB";
    }

    private void stop() throws IOException {
        Optional<Map<String, String>> server = readServer();
        Files.deleteIfExists(dir.resolve("server.json"));
        if (server.isEmpty() || !isRunning(server.get())) {
            return;
        }
        String bin = server.get().get("bin");
        PostgresBinaries binaries = PostgresBinaries.get();
        long pid = Long.parseLong(server.get().get("pid"));
        try {
            binaries.run(List.of(bin != null ? bin + "/pg_ctl" : binaries.bin("pg_ctl"), "-D", data.toString(), "-m", "fast",
                    "-W", "stop"), dir.resolve("postgres.log"), 90);
        } catch (IOException e) {
            LOG.warn("pg_ctl stop failed ({}); terminating postmaster {}", e.getMessage(), pid);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.exists(data.resolve("postmaster.pid"))
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            pause();
        }
        // the pid file goes just before the process: give it a moment to be gone for good
        deadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            pause();
        }
        LOG.info("Stopped the embedded PostgreSQL in {}", dir);
    }

    /**
     * Waits until the postmaster started for {@code port} says it is ready (postmaster.pid names that port and
     * says "ready" on line 8); returns its pid. A postmaster.pid of another postmaster is not ours: a server that
     * cannot start because of it (lock file exists) ends, and that ends the wait with the log's last lines.
     */
    private long awaitReady(Path log, int port, long logStart) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<String> lines;
            try {
                lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                lines = List.of();
            }
            if (lines.size() >= 8 && lines.get(3).trim().equals(String.valueOf(port))) {
                long pid = Long.parseLong(lines.get(0).trim());
                if (lines.get(7).trim().equals("ready")) {
                    return pid;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                    throw new IOException("the embedded server exited before it was ready" + PostgresBinaries.tail(log));
                }
            } else if (logSince(log, logStart).contains("FATAL:") && startedFor(port).isEmpty()) {
                // it failed before it wrote postmaster.pid (or removed it on its way out), saying why in the log
                throw new IOException("the embedded server exited before it was ready" + PostgresBinaries.tail(log));
            }
            pause();
        }
        throw new IOException("the embedded server did not become ready within 60s" + PostgresBinaries.tail(log));
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> liveUsers() throws IOException {
        List<String> live = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve("users"))) {
            for (Path f : s.toList()) {
                if (isAlive(f.getFileName().toString())) {
                    live.add(f.getFileName().toString());
                } else {
                    LOG.debug("Forgetting embedded-server user {}: its process is gone", f.getFileName());
                    Files.deleteIfExists(f);
                }
            }
        }
        return live;
    }

    private static boolean isAlive(String user) {
        int dash = user.indexOf('-');
        if (dash < 0) {
            return false;
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(user.substring(0, dash));
            start = Long.parseLong(user.substring(dash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        return start == 0 || p.get().info().startInstant()
                .map(s -> Math.abs(s.toEpochMilli() - start) <= START_TOLERANCE_MILLIS).orElse(true);
    }

    private boolean isRunning(Map<String, String> server) {
        String pidText = server.get("pid");
        String portText = server.get("port");
        if (pidText == null || portText == null) {
            return false;
        }
        long pid = Long.parseLong(pidText);
        if (postmasterPid().filter(p -> p == pid).isEmpty()
                || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(portText)), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Map<String, String>> readServer() {
        try {
            String json = Files.readString(dir.resolve("server.json"), StandardCharsets.UTF_8);
            Map<String, String> m = new java.util.HashMap<>();
            Matcher matcher = JSON_FIELD.matcher(json);
            while (matcher.find()) {
                m.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(4));
            }
            return Optional.of(m);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void writeServer(int port, long pid, PostgresBinaries binaries) throws IOException {
        String json = "{\"port\": " + port + ", \"pid\": " + pid + ", \"version\": \"" + binaries.version + "\", \"bin\": \""
                + binaries.home.resolve("bin").toString().replace("\\", "/").replace("\"", "") + "\", \"startedBy\": "
                + ProcessHandle.current().pid() + "}\n";
        Path tmp = dir.resolve("server.json.tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("server.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
