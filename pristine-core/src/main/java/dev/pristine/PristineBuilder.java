package dev.pristine;

import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

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

    /** The engines Pristine ships, each in its module {@code dev.pristine:pristine-<id>}. */
    private static final List<String> SHIPPED_ENGINES = List.of("sqlite", "h2", "postgres", "mariadb");

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
        return set(CoreSettings.ENGINE.name(), engine);
    }

    /** The JDBC URL of the server (server engines), or null for the default. */
    public PristineBuilder url(String url) {
        return set(CoreSettings.URL.name(), url);
    }

    /** The user to connect as. */
    public PristineBuilder user(String user) {
        return set(CoreSettings.USER.name(), user);
    }

    /** The password; never logged. */
    public PristineBuilder password(String password) {
        return set(CoreSettings.PASSWORD.name(), password);
    }

    /** The state directory (default {@code PRISTINE_STATE_DIR} or {@code ~/.cache/pristine}). */
    public PristineBuilder stateDir(Path dir) {
        return set(CoreSettings.STATE_DIR.name(), dir == null ? null : dir.toString());
    }

    /** The migrations location; the migrator is detected unless named with {@link #migrator(String)}. */
    public PristineBuilder migrations(Path location) {
        return set(CoreSettings.MIGRATIONS.name(), location == null ? null : location.toString());
    }

    /** The migrator id: {@code sql}, {@code flyway}, {@code liquibase}. */
    public PristineBuilder migrator(String id) {
        return set(CoreSettings.MIGRATOR.name(), id);
    }

    /** A ready-made migrator; wins over {@link #migrations(Path)}. */
    public PristineBuilder migrator(Migrator migrator) {
        this.migrator = migrator;
        return this;
    }

    /** How many idle clones to keep ready (default: the number of CPUs; 0 makes clones on demand only; at most {@value #MAX_POOL_SIZE}). */
    public PristineBuilder poolSize(int size) {
        return set(CoreSettings.POOL_SIZE.name(), String.valueOf(size));
    }

    /** The most clones this instance holds at once (default: 64, or four times the pool size if larger; at most {@value #MAX_CLONES}). */
    public PristineBuilder maxClones(int max) {
        return set(CoreSettings.MAX_CLONES.name(), String.valueOf(max));
    }

    /** How long {@code acquire} waits when the cap is reached (default 30 s). */
    public PristineBuilder acquireTimeout(Duration timeout) {
        return set(CoreSettings.ACQUIRE_TIMEOUT.name(), timeout == null ? null : timeout.toMillis() + "ms");
    }

    /** How long to wait for another process that builds the same template (default 10 min). */
    public PristineBuilder lockTimeout(Duration timeout) {
        return set(CoreSettings.LOCK_TIMEOUT.name(), timeout == null ? null : timeout.toMillis() + "ms");
    }

    /** Templates not used for this long are dropped by {@code gc} and at start-up (default 7 days). */
    public PristineBuilder templateRetention(Duration retention) {
        return set(CoreSettings.TEMPLATE_RETENTION.name(), retention == null ? null : retention.toMillis() + "ms");
    }

    /** Whether a server that is not on loopback may be used (default false). */
    public PristineBuilder allowRemote(boolean allow) {
        return set(CoreSettings.ALLOW_REMOTE.name(), String.valueOf(allow));
    }

    /** Whether to reap orphans when the instance starts (default true). */
    public PristineBuilder reapOnStart(boolean reap) {
        return set(CoreSettings.REAP_ON_START.name(), String.valueOf(reap));
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
        PristineSettings s = settings.withOverrides(explicit).requireKnown();
        Function<String, Optional<String>> get = s::get;
        int cpus = Runtime.getRuntime().availableProcessors();
        int poolSize = CoreSettings.POOL_SIZE.get(s, cpus);
        int maxClones = CoreSettings.MAX_CLONES.get(s, Math.max(64, 4 * poolSize));
        int threads = CoreSettings.BACKGROUND_THREADS.get(s, Math.max(1, cpus / 2));
        // Zero is refused where it makes no sense: acquire would fail at once at the cap and close() would not wait
        // for background drops; a lease would be expired when handed out. A zero lock timeout (fail at once when
        // another process builds) and retention (drop every unused template) mean what they say.
        Duration acquire = CoreSettings.ACQUIRE_TIMEOUT.get(s);
        Duration lock = CoreSettings.LOCK_TIMEOUT.get(s);
        Duration retention = CoreSettings.TEMPLATE_RETENTION.get(s);
        Duration ttl = leaseTtl != null ? CoreSettings.LEASE_TTL.parse(leaseTtl.toString()) : CoreSettings.LEASE_TTL.get(s);
        boolean reap = CoreSettings.REAP_ON_START.get(s);
        boolean allowRemote = CoreSettings.ALLOW_REMOTE.get(s);
        Path stateDir = Path.of(get.apply(CoreSettings.STATE_DIR.name()).orElseGet(
                () -> System.getProperty("user.home") + "/.cache/pristine")).toAbsolutePath().normalize();
        get.apply(CoreSettings.PASSWORD.name()).ifPresent(Redact::register);

        EngineProvider provider = engineProvider(get);
        Migrator m = migrator != null ? migrator : migrator(get, s.asMap());
        Path location = migrator != null ? null : migrationsLocation(get.apply(CoreSettings.MIGRATIONS.name()).orElseThrow());
        Engine engine = provider.create(new EngineSettings(get.apply(CoreSettings.URL.name()).orElse(null), get.apply(CoreSettings.USER.name()).orElse(null),
                get.apply(CoreSettings.PASSWORD.name()).orElse(null), stateDir, allowRemote, s.asMap()));
        try {
            return new Pristine(new PristineConfig(engine, m, poolSize, maxClones, threads, acquire, lock, retention, ttl,
                    reap, listener, stateDir, location));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static EngineProvider engineProvider(Function<String, Optional<String>> get) {
        List<EngineProvider> providers = Services.load(EngineProvider.class);
        Optional<String> id = get.apply(CoreSettings.ENGINE.name());
        Optional<String> url = get.apply(CoreSettings.URL.name());
        if (id.isPresent()) {
            String wanted = id.get().toLowerCase(Locale.ROOT);
            return providers.stream().filter(p -> p.id().equals(wanted)).findFirst().orElseThrow(
                    () -> new PristineException(ErrorCode.CONFIGURATION, "unknown engine", id.get(),
                            unknownEngineFix(wanted, providers)));
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

    private static Path migrationsLocation(String setting) {
        return Path.of(setting).toAbsolutePath().normalize();
    }

    private static Migrator migrator(Function<String, Optional<String>> get, Map<String, String> all) {
        String location = get.apply(CoreSettings.MIGRATIONS.name()).orElseThrow(() -> new PristineException(ErrorCode.CONFIGURATION,
                "no migrations configured", "pristine.migrations is unset",
                "pass --migrations DIR, set pristine.migrations / PRISTINE_MIGRATIONS, or call migrations(Path)"));
        Path path = migrationsLocation(location);
        if (!path.toFile().exists()) {
            throw new PristineException(ErrorCode.CONFIGURATION, "migrations location does not exist", path,
                    "point pristine.migrations / --migrations at your migrations directory or changelog");
        }
        List<MigratorProvider> providers = Services.load(MigratorProvider.class);
        Optional<String> id = get.apply(CoreSettings.MIGRATOR.name());
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

    /**
     * A typo of an engine (one here, or one Pristine ships in its own module) is answered with that engine; no
     * artifact is made up from the typo.
     */
    private static String unknownEngineFix(String wanted, List<EngineProvider> providers) {
        List<String> here = providers.stream().map(EngineProvider::id).sorted().toList();
        Optional<String> near = Stream.concat(here.stream(), SHIPPED_ENGINES.stream()).distinct()
                .filter(e -> PristineSettings.distance(wanted, e) <= Math.max(1, Math.min(2, e.length() / 3)))
                .min(Comparator.comparingInt(e -> PristineSettings.distance(wanted, e)));
        if (near.isPresent()) {
            return here.contains(near.get()) ? "did you mean " + near.get() + "?"
                    : "did you mean " + near.get() + "? add the dependency dev.pristine:pristine-" + near.get();
        }
        return "use one of " + here + ", or add the module of the engine that provides it";
    }

    private static String ids(List<EngineProvider> providers) {
        return providers.stream().map(EngineProvider::id).toList().toString();
    }

    static Duration parseDuration(String name, String value) {
        return PristineSettings.parseDuration("pristine." + name, value);
    }
}
