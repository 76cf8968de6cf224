package dev.pristine;

import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Configures a {@link Pristine}. Options set here win over {@code pristine.*} settings, which win over
 * defaults; everything is validated once, in {@link #build()}.
 *
 * <p>Not thread-safe; use one builder per thread.
 */
public final class PristineBuilder {


    /** The most idle clones a pool may keep: more cost databases and disk without making acquire faster. */
    public static final int MAX_POOL_SIZE = 128;
    /** The most clones one instance may hold (leased, idle and in the making). */
    public static final int MAX_CLONES = 1024;
    /** The most background threads making clones; beyond the engine's parallelism they only queue. */
    public static final int MAX_BACKGROUND_THREADS = 64;

    private PristineSettings settings = PristineSettings.standard();
    private final Map<String, String> explicit = new LinkedHashMap<>();
    private Migrator migrator;
    private Duration leaseTtl;
    private BuildListener listener = new BuildListener() {};

    PristineBuilder() {}

    /** Replaces the settings unset options are read from (default: {@link PristineSettings#standard()}). */
    public PristineBuilder settings(PristineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** The engine: {@code sqlite} (default), {@code h2}, {@code postgres}, {@code mariadb}. */
    public PristineBuilder engine(String engine) {
        return set("engine", engine);
    }

    /** The JDBC URL of the server (server engines), or null for the default. */
    public PristineBuilder url(String url) {
        return set("url", url);
    }

    /** The user to connect as. */
    public PristineBuilder user(String user) {
        return set("user", user);
    }

    /** The password; never logged. */
    public PristineBuilder password(String password) {
        return set("password", password);
    }

    /** The state directory (default {@code PRISTINE_STATE_DIR} or {@code ~/.cache/pristine}). */
    public PristineBuilder stateDir(Path dir) {
        return set("state-dir", dir == null ? null : dir.toString());
    }

    /** The migrations location; the migrator is detected unless named with {@link #migrator(String)}. */
    public PristineBuilder migrations(Path location) {
        return set("migrations", location == null ? null : location.toString());
    }

    /** The migrator id: {@code sql}, {@code flyway}, {@code liquibase}. */
    public PristineBuilder migrator(String id) {
        return set("migrator", id);
    }

    /** A ready-made migrator; wins over {@link #migrations(Path)}. */
    public PristineBuilder migrator(Migrator migrator) {
        this.migrator = migrator;
        return this;
    }

    /** How many idle clones to keep ready (default: the number of CPUs; 0 makes clones on demand only; at most {@value #MAX_POOL_SIZE}). */
    public PristineBuilder poolSize(int size) {
        return set("pool-size", String.valueOf(size));
    }

    /** The most clones this instance holds at once (default: 64, or four times the pool size if larger; at most {@value #MAX_CLONES}). */
    public PristineBuilder maxClones(int max) {
        return set("max-clones", String.valueOf(max));
    }

    /** How long {@code acquire} waits when the cap is reached (default 30 s). */
    public PristineBuilder acquireTimeout(Duration timeout) {
        return set("acquire-timeout", timeout == null ? null : timeout.toMillis() + "ms");
    }

    /** How long to wait for another process that builds the same template (default 10 min). */
    public PristineBuilder lockTimeout(Duration timeout) {
        return set("lock-timeout", timeout == null ? null : timeout.toMillis() + "ms");
    }

    /** Templates not used for this long are dropped by {@code gc} and at start-up (default 7 days). */
    public PristineBuilder templateRetention(Duration retention) {
        return set("template-retention", retention == null ? null : retention.toMillis() + "ms");
    }

    /** Whether a server that is not on loopback may be used (default false). */
    public PristineBuilder allowRemote(boolean allow) {
        return set("allow-remote", String.valueOf(allow));
    }

    /** Whether to reap orphans when the instance starts (default true). */
    public PristineBuilder reapOnStart(boolean reap) {
        return set("reap-on-start", String.valueOf(reap));
    }

    /**
     * Makes leases owned by a TTL instead of this process: they outlive it, until released or expired.
     * For the CLI and the HTTP server.
     */
    public PristineBuilder leaseTtl(Duration ttl) {
        this.leaseTtl = ttl;
        return this;
    }

    /** Hears build progress. */
    public PristineBuilder listener(BuildListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Any other {@code pristine.*} setting, e.g. an engine's ({@code sqlite.busy-timeout}). */
    public PristineBuilder property(String name, String value) {
        return set(name, value);
    }

    private PristineBuilder set(String name, String value) {
        explicit.put(PristineSettings.normalize(name), value);
        return this;
    }

    /**
     * Validates the configuration, creates the engine and reaps orphans.
     *
     * @throws PristineException with {@code CONFIGURATION} naming the setting and the fix
     */
    public Pristine build() {
        PristineSettings s = settings.withOverrides(explicit);
        Function<String, Optional<String>> get = s::get;
        int cpus = Runtime.getRuntime().availableProcessors();
        int poolSize = integer(get, "pool-size", cpus, 0, MAX_POOL_SIZE);
        int maxClones = integer(get, "max-clones", Math.max(64, 4 * poolSize), 1, MAX_CLONES);
        int threads = integer(get, "background-threads", Math.max(1, cpus / 2), 1, MAX_BACKGROUND_THREADS);
        // Zero is refused where it makes no sense: acquire would fail at once at the cap and close() would not wait
        // for background drops; a lease would be expired when handed out. A zero lock timeout (fail at once when
        // another process builds) and retention (drop every unused template) mean what they say.
        Duration acquire = get.apply("acquire-timeout").map(v -> PristineSettings.parsePositiveDuration(
                "pristine.acquire-timeout", v)).orElse(Duration.ofSeconds(30));
        Duration lock = duration(get, "lock-timeout", Duration.ofMinutes(10));
        Duration retention = duration(get, "template-retention", Duration.ofDays(7));
        Optional<String> ttlValue = leaseTtl != null ? Optional.of(leaseTtl.toString()) : get.apply("lease-ttl");
        Duration ttl = ttlValue.map(v -> PristineSettings.parsePositiveDuration("pristine.lease-ttl", v)).orElse(null);
        boolean reap = bool(get, "reap-on-start", true);
        boolean allowRemote = bool(get, "allow-remote", false);
        Path stateDir = Path.of(get.apply("state-dir").orElseGet(
                () -> System.getProperty("user.home") + "/.cache/pristine")).toAbsolutePath().normalize();
        get.apply("password").ifPresent(Redact::register);

        EngineProvider provider = engineProvider(get);
        Migrator m = migrator != null ? migrator : migrator(get, s.asMap());
        Engine engine = provider.create(new EngineSettings(get.apply("url").orElse(null), get.apply("user").orElse(null),
                get.apply("password").orElse(null), stateDir, allowRemote, s.asMap()));
        try {
            return new Pristine(new PristineConfig(engine, m, poolSize, maxClones, threads, acquire, lock, retention, ttl,
                    reap, listener));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static EngineProvider engineProvider(Function<String, Optional<String>> get) {
        List<EngineProvider> providers = load(EngineProvider.class);
        Optional<String> id = get.apply("engine");
        Optional<String> url = get.apply("url");
        if (id.isPresent()) {
            String wanted = id.get().toLowerCase(Locale.ROOT);
            return providers.stream().filter(p -> p.id().equals(wanted)).findFirst().orElseThrow(
                    () -> new PristineException(ErrorCode.CONFIGURATION, "unknown engine", id.get(),
                            "use one of " + ids(providers) + ", or add the dependency dev.pristine:pristine-" + wanted));
        }
        if (url.isPresent()) {
            return providers.stream().filter(p -> p.accepts(url.get())).findFirst().orElseThrow(
                    () -> new PristineException(ErrorCode.CONFIGURATION, "no engine accepts the URL", url.get(),
                            "set --engine / pristine.engine; available engines: " + ids(providers)));
        }
        return providers.stream().filter(p -> p.id().equals("sqlite")).findFirst().orElseThrow(
                () -> new PristineException(ErrorCode.CONFIGURATION, "no engine named and the default is missing",
                        "sqlite", "add the dependency dev.pristine:pristine-sqlite or set pristine.engine; available: "
                                + ids(providers)));
    }

    private static Migrator migrator(Function<String, Optional<String>> get, Map<String, String> all) {
        String location = get.apply("migrations").orElseThrow(() -> new PristineException(ErrorCode.CONFIGURATION,
                "no migrations configured", "pristine.migrations is unset",
                "pass --migrations DIR, set pristine.migrations / PRISTINE_MIGRATIONS, or call migrations(Path)"));
        Path path = Path.of(location).toAbsolutePath().normalize();
        if (!path.toFile().exists()) {
            throw new PristineException(ErrorCode.CONFIGURATION, "migrations location does not exist", path,
                    "point pristine.migrations / --migrations at your migrations directory or changelog");
        }
        List<MigratorProvider> providers = load(MigratorProvider.class);
        Optional<String> id = get.apply("migrator");
        MigratorProvider chosen;
        if (id.isPresent() && !id.get().equalsIgnoreCase("detect")) {
            String wanted = id.get().toLowerCase(Locale.ROOT);
            chosen = providers.stream().filter(p -> p.id().equals(wanted)).findFirst().orElseThrow(
                    () -> new PristineException(ErrorCode.CONFIGURATION, "unknown migrator", id.get(),
                            "use one of " + providers.stream().map(MigratorProvider::id).toList()
                                    + ", or add the dependency dev.pristine:pristine-" + wanted));
        } else {
            chosen = providers.stream().filter(p -> p.detect(path) > 0)
                    .max(Comparator.comparingInt(p -> p.detect(path))).orElseThrow(
                            () -> new PristineException(ErrorCode.CONFIGURATION, "no migrator recognises the location",
                                    path, "name one with --migrator / pristine.migrator"));
        }
        return chosen.create(path, all);
    }

    private static <T> List<T> load(Class<T> type) {
        List<T> out = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader cl : new ClassLoader[] {context, PristineBuilder.class.getClassLoader()}) {
            if (cl == null) {
                continue;
            }
            for (T t : ServiceLoader.load(type, cl)) {
                if (out.stream().noneMatch(o -> o.getClass().getName().equals(t.getClass().getName()))) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static String ids(List<EngineProvider> providers) {
        return providers.stream().map(EngineProvider::id).toList().toString();
    }

    private static int integer(Function<String, Optional<String>> get, String name, int dflt, int min, int max) {
        Optional<String> v = get.apply(name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.get().trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PristineException(ErrorCode.CONFIGURATION,
                "pristine." + name + " must be a whole number from " + min + " to " + max, v.get(),
                "e.g. pristine." + name + "=" + Math.min(max, Math.max(min, dflt))
                        + " (every clone is a whole database: more cost disk and server resources, not speed)");
    }

    private static boolean bool(Function<String, Optional<String>> get, String name, boolean dflt) {
        Optional<String> v = get.apply(name);
        if (v.isEmpty()) {
            return dflt;
        }
        String s = v.get().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new PristineException(ErrorCode.CONFIGURATION, "pristine." + name + " must be true or false", v.get(),
                "e.g. pristine." + name + "=" + dflt);
    }

    private static Duration duration(Function<String, Optional<String>> get, String name, Duration dflt) {
        return get.apply(name).map(v -> parseDuration(name, v)).orElse(dflt);
    }

    static Duration parseDuration(String name, String value) {
        return PristineSettings.parseDuration("pristine." + name, value);
    }
}
