package dev.pristine.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a clone or a build, as stored next to it: the key, the owning process (host, pid, start
 * time), or an expiry for leases owned by a TTL (CLI, kept databases), and the test name.
 *
 * @param key the template key
 * @param host the owner's host name
 * @param pid the owner's process id, 0 when the clone is owned by its expiry alone
 * @param startMillis the owner's process start time (epoch millis), 0 when unknown
 * @param expiresMillis when the clone expires (epoch millis), 0 for "while the process lives"
 * @param test the test or lease name, may be empty
 * @param createdMillis when the marker was written (epoch millis): the clone's creation or lease time
 */
public record OwnerMarker(String key, String host, long pid, long startMillis, long expiresMillis, String test,
        long createdMillis) {

    /** A marker written now. */
    public OwnerMarker(String key, String host, long pid, long startMillis, long expiresMillis, String test) {
        this(key, host, pid, startMillis, expiresMillis, test, System.currentTimeMillis());
    }

    private static final String PREFIX = "pristine:v1 ";
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);
    /** This process's id and start time, read once: {@code ProcessHandle.info()} reads several /proc files. */
    private static final long SELF_PID = ProcessHandle.current().pid();
    private static final long SELF_START =
            ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);

    /** A marker for this process. */
    public static OwnerMarker ofThisProcess(String key, String test) {
        return new OwnerMarker(key, Hosts.localName(), SELF_PID, SELF_START, 0, test);
    }

    /** A marker owned by its expiry alone. */
    public static OwnerMarker expiringAt(String key, Instant expires, String test) {
        return new OwnerMarker(key, Hosts.localName(), 0, 0, expires.toEpochMilli(), test);
    }

    /** The same owner, now owned by its expiry alone. */
    public OwnerMarker keptUntil(Instant expires) {
        return new OwnerMarker(key, host, 0, 0, expires.toEpochMilli(), test, createdMillis);
    }

    /** The same owner with another test name. */
    public OwnerMarker withTest(String newTest) {
        return new OwnerMarker(key, host, pid, startMillis, expiresMillis, newTest, createdMillis);
    }

    /** Encodes the marker as one line of text. */
    public String encode() {
        return PREFIX + "key=" + enc(key) + "&host=" + enc(host) + "&pid=" + pid + "&start=" + startMillis
                + "&expires=" + expiresMillis + "&created=" + createdMillis + "&test=" + enc(test);
    }

    /** Decodes a marker; empty when the text is not a Pristine marker. */
    public static Optional<OwnerMarker> decode(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.substring(PREFIX.length()).trim().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        try {
            return Optional.of(new OwnerMarker(fields.getOrDefault("key", ""), fields.getOrDefault("host", ""),
                    Long.parseLong(fields.getOrDefault("pid", "0")), Long.parseLong(fields.getOrDefault("start", "0")),
                    Long.parseLong(fields.getOrDefault("expires", "0")), fields.getOrDefault("test", ""),
                    Long.parseLong(fields.getOrDefault("created", "0"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the owner is alive: an expiring owner until its expiry; a process owner while a process
     * with that pid and start time runs on this host. An owner on another host is assumed alive.
     */
    public boolean isAlive(Instant now) {
        if (expiresMillis > 0) {
            return now.toEpochMilli() < expiresMillis;
        }
        if (!host.equals(Hosts.localName())) {
            return true;
        }
        if (pid == SELF_PID) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        if (startMillis == 0) {
            return true;
        }
        return process.get().info().startInstant()
                .map(s -> Math.abs(s.toEpochMilli() - startMillis) <= START_TOLERANCE.toMillis())
                .orElse(true);
    }

    /** A short description of the owner for {@code status}: {@code host:pid} or {@code ttl until …}. */
    public String describeOwner() {
        if (expiresMillis > 0) {
            return (pid == 0 ? "" : host + ":" + pid + " ") + "until " + Instant.ofEpochMilli(expiresMillis);
        }
        return host + ":" + pid;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
