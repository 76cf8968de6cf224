package dev.pristine;

import dev.pristine.spi.Setting;
import java.time.Duration;
import java.util.List;

/**
 * Core's {@code pristine.*} settings, each declared once: what {@link PristineBuilder} reads, and the settings
 * every test-framework adapter shares ({@code cleanup}, {@code keep-for}). The README's configuration table
 * is checked against {@link #ALL}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CoreSettings {

    /** {@code pristine.engine}. */
    public static final Setting<String> ENGINE = Setting.text("engine", null,
            "the engine: sqlite, h2, postgres, mariadb").shownDefault("sqlite (or from the URL)");
    /** {@code pristine.url}. */
    public static final Setting<String> URL = Setting.text("url", null,
            "the JDBC URL of the server; unset: the engine's embedded database or default server").shownDefault("embedded");
    /** {@code pristine.user}. */
    public static final Setting<String> USER = Setting.text("user", null, "the user to connect as")
            .shownDefault("the engine's");
    /** {@code pristine.password}. */
    public static final Setting<String> PASSWORD = Setting.text("password", null, "the password; never logged");
    /** {@code pristine.migrations}. */
    public static final Setting<String> MIGRATIONS = Setting.text("migrations", null,
            "the migrations directory or changelog");
    /** {@code pristine.migrator}. */
    public static final Setting<String> MIGRATOR = Setting.text("migrator", null, "sql, flyway, liquibase")
            .shownDefault("detected");
    /** {@code pristine.state-dir}. */
    public static final Setting<String> STATE_DIR = Setting.text("state-dir", null,
            "where embedded engines keep templates, clones and locks").shownDefault("~/.cache/pristine");
    /** {@code pristine.pool-size}. */
    public static final Setting<Integer> POOL_SIZE = Setting.integer("pool-size", 1, 0, PristineBuilder.MAX_POOL_SIZE,
            "idle clones kept ready in the background").shownDefault("number of CPUs");
    /** {@code pristine.max-clones}. */
    public static final Setting<Integer> MAX_CLONES = Setting.integer("max-clones", 64, 1, PristineBuilder.MAX_CLONES,
            "cap on clones one process holds").shownDefault("64 (or 4 × pool size)");
    /** {@code pristine.background-threads}. */
    public static final Setting<Integer> BACKGROUND_THREADS = Setting.integer("background-threads", 1, 1,
            PristineBuilder.MAX_BACKGROUND_THREADS, "threads making clones in the background")
            .shownDefault("half the CPUs (at least 1)");
    /** {@code pristine.acquire-timeout}. */
    public static final Setting<Duration> ACQUIRE_TIMEOUT = Setting.positiveDuration("acquire-timeout",
            Duration.ofSeconds(30), "how long acquire waits at the cap");
    /** {@code pristine.lock-timeout}. */
    public static final Setting<Duration> LOCK_TIMEOUT = Setting.duration("lock-timeout", Duration.ofMinutes(10),
            "how long to wait for another process building the same template");
    /** {@code pristine.template-retention}. */
    public static final Setting<Duration> TEMPLATE_RETENTION = Setting.duration("template-retention",
            Duration.ofDays(7), "templates unused this long are dropped by gc and at start-up");
    /** {@code pristine.lease-ttl}. */
    public static final Setting<Duration> LEASE_TTL = Setting.positiveDuration("lease-ttl", null,
            "leases are owned by this expiry instead of the process (CLI and server)");
    /** {@code pristine.allow-remote}. */
    public static final Setting<Boolean> ALLOW_REMOTE = Setting.bool("allow-remote", false,
            "permit a server that is not on loopback");
    /** {@code pristine.reap-on-start}. */
    public static final Setting<Boolean> REAP_ON_START = Setting.bool("reap-on-start", true,
            "drop orphans when an instance starts");
    /** {@code pristine.cleanup}: read by every test-framework adapter. */
    public static final Setting<Cleanup> CLEANUP = Setting.choice("cleanup", Cleanup.ALWAYS, "on_success",
            "JUnit/Cucumber: what happens to a database when its test is done");
    /** {@code pristine.keep-for}: read by every test-framework adapter. */
    public static final Setting<Duration> KEEP_FOR = Setting.positiveDuration("keep-for", Duration.ofHours(24),
            "JUnit/Cucumber: how long a kept database lives").shownDefault("24h");

    /** Every setting above, in the README's order. */
    public static final List<Setting<?>> ALL = List.of(ENGINE, URL, USER, PASSWORD, MIGRATIONS, MIGRATOR, STATE_DIR,
            POOL_SIZE, MAX_CLONES, BACKGROUND_THREADS, ACQUIRE_TIMEOUT, LOCK_TIMEOUT, TEMPLATE_RETENTION, LEASE_TTL,
            ALLOW_REMOTE, REAP_ON_START, CLEANUP, KEEP_FOR);

    private CoreSettings() {}
}
