package dev.pristine;

import dev.pristine.internal.ClonePool;
import dev.pristine.internal.OwnerMarker;
import dev.pristine.internal.Reaper;
import dev.pristine.internal.Retry;
import dev.pristine.internal.TemplateOrigins;
import dev.pristine.internal.TemplateStore;
import dev.pristine.spi.DatabaseNames;
import dev.pristine.spi.Engine;
import dev.pristine.spi.Migrator;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives out fresh, fully-migrated, isolated databases: builds the template once per key, keeps a pool
 * of clones warm in the background, and leases one clone per test.
 *
 * <pre>{@code
 * try (Pristine pristine = Pristine.builder().migrations(Path.of("db/migration")).build();
 *      TestDatabase db = pristine.acquire("OrderTest.placesOrder")) {
 *     DataSource ds = db.dataSource();
 * }
 * }</pre>
 *
 * <p>Thread-safe: one instance serves many threads, and many processes may share a state directory
 * or server. Close it when done; clones it still holds are dropped, and if the process dies first,
 * the reaper of the next start-up or {@code gc} drops them.
 */
public final class Pristine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pristine.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** How long a JVM shutdown (SIGTERM, System.exit) may spend dropping this instance's clones. */
    private static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(10);

    private final PristineConfig config;
    private final Engine engine;
    private final Migrator migrator;
    private final Retry retry;
    private final TemplateStore store;
    private final Reaper reaper;
    private final ExecutorService background;
    /** Drops run on their own thread: queued behind slow clone creations they would hold permits and starve acquire. */
    private final ExecutorService dropper;
    private final Semaphore capacity;
    private final Object poolLock = new Object();
    private volatile ClonePool pool;
    /** This process's use of the template, which keeps any gc from dropping it (see {@link Engine#templateUses}). */
    private AutoCloseable templateUse;
    /** Which migrations location each template was prepared from, for {@code gc --migrations}. */
    private final TemplateOrigins origins;
    private volatile boolean closed;
    /** Drops this instance's clones when the JVM shuts down without {@link #close()} (SIGTERM, System.exit). */
    private final Thread shutdownHook;

    Pristine(PristineConfig config) {
        this.config = config;
        this.engine = config.engine();
        this.migrator = config.migrator();
        this.retry = new Retry(engine, config.retryFor());
        this.store = new TemplateStore(engine, migrator, retry, config.lockTimeout());
        this.origins = new TemplateOrigins(config.stateDir(), engine.id());
        this.reaper = new Reaper(engine, retry, config.templateRetention(), origins);
        this.capacity = new Semaphore(config.maxClones());
        int n = INSTANCES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "pristine-" + n + "-bg-" + threads.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        };
        this.background = Executors.newFixedThreadPool(config.backgroundThreads(), factory);
        this.dropper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pristine-" + n + "-drop");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        if (config.reapOnStart()) {
            try {
                GcReport report = reaper.reap(false, true);
                if (!report.dropped().isEmpty()) {
                    LOG.info("Start-up reaper dropped {} orphan(s): {}", report.dropped().size(), report.dropped());
                }
            } catch (PristineException e) {
                engine.close();
                background.shutdownNow();
                dropper.shutdownNow();
                throw e;
            }
        }
        this.shutdownHook = new Thread(this::closeOnShutdown, "pristine-" + n + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A builder, reading unset options from {@link PristineSettings#standard()}. */
    public static PristineBuilder builder() {
        return new PristineBuilder();
    }

    /** The template key: any change to the migrations or the engine gives a new key. */
    public String key() {
        return store.key();
    }

    /** The engine id, e.g. {@code sqlite}. */
    public String engineId() {
        return engine.id();
    }

    /** A human description of the engine location and the migrator, without passwords. */
    public String describe() {
        return Redact.mask(engine.id() + " at " + engine.location() + " with " + migrator.describe());
    }

    /**
     * Builds the template unless it exists (in this or any process), and starts warming the pool.
     *
     * @throws PristineException with {@code MIGRATION_FAILED} when a migration fails (nothing is published)
     */
    public PreparedTemplate prepare() {
        ensureOpen();
        useTemplate();
        PreparedTemplate t = store.prepare(config.listener());
        if (config.migrations() != null) {
            origins.record(store.key(), config.migrations());
        }
        startPool();
        return t;
    }

    /** Records this process's use of the template before it is looked up, so that no gc drops it from under us. */
    private void useTemplate() {
        synchronized (poolLock) {
            if (templateUse == null && !closed) {
                templateUse = retry.get("recording the use of the template", store.key(),
                        () -> engine.templateUses().use(store.key()));
            }
        }
    }

    /** {@link #prepare()} in the background: the pool warms while the caller goes on (e.g. parses features). */
    public CompletableFuture<PreparedTemplate> prepareAsync() {
        ensureOpen();
        return CompletableFuture.supplyAsync(this::prepare, background);
    }

    /** Leases a clone for {@code test}, waiting up to the configured acquire timeout. */
    public TestDatabase acquire(String test) {
        return acquire(test, config.acquireTimeout());
    }

    /**
     * Leases a fresh clone named after {@code test}; prepares the template first when needed.
     *
     * @param test the test name, used in the database name, may be null
     * @param timeout how long to wait when the global cap of clones is reached, not null
     * @throws PristineException with {@code POOL_EXHAUSTED} when none could be had in time
     */
    public TestDatabase acquire(String test, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ensureOpen();
        ClonePool p = pool;
        if (p == null) {
            prepare();
            p = pool;
        }
        String name = test == null ? "" : test;
        try {
            return p.acquire(name, timeout);
        } catch (PristineException e) {
            if (closed || retry.get("looking up the template", store.key(), () -> engine.findTemplate(store.key())).isPresent()) {
                throw e;
            }
            // dropped from under us (by hand, or by a gc that cannot see this process's use): build it again
            LOG.warn("Template {} vanished; building it again", store.key().substring(0, 12));
            prepare();
            return p.acquire(name, timeout);
        }
    }

    /**
     * Drops a clone by its lease id, whoever leased it (the CLI's {@code release}). Only clones that
     * Pristine created are considered.
     *
     * @return whether a clone of that id existed and was dropped; false when no database of that name exists
     * @throws PristineException with {@code UNSAFE_TARGET} when the id is not a Pristine name, or names a database
     *     that is not one of Pristine's clones (someone else's, or a template or build)
     */
    public boolean release(String id) {
        ensureOpen();
        if (!DatabaseNames.isName(id)) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET, "not a database Pristine created", id,
                    "use an id printed by lease or status (they start with pristine_)");
        }
        boolean exists = retry.get("listing clones", engine.location(), engine::clones).stream()
                .anyMatch(c -> c.name().equals(id));
        if (exists) {
            retry.run("dropping a clone", id, () -> engine.dropClone(id));
        } else if (retry.get("looking for the database", id, () -> engine.exists(id))) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET, "refusing to release a database that is not a clone Pristine made",
                    id, "release only ids printed by 'pristine lease' or 'pristine status'; Pristine never drops anything else");
        }
        return exists;
    }

    /** Every template and clone on the engine, with orphans marked. */
    public Status status() {
        ensureOpen();
        return new Status(reaper.templates(), reaper.clones());
    }

    /**
     * Drops orphan clones, abandoned builds and templates unused for the retention period.
     *
     * @param dryRun only report what would be dropped
     */
    public GcReport gc(boolean dryRun) {
        ensureOpen();
        return reaper.reap(dryRun, true);
    }

    /**
     * Drops orphan clones, abandoned builds and the templates {@code templates} selects, whatever the retention
     * period; a template that a live process uses (or that a live clone was made from) is kept.
     *
     * @param dryRun only report what would be dropped
     * @param templates which templates to drop, not null
     */
    public GcReport gc(boolean dryRun, Predicate<TemplateStatus> templates) {
        Objects.requireNonNull(templates, "templates");
        ensureOpen();
        return reaper.reap(dryRun, templates);
    }

    /**
     * The pool's counters and moving averages, for metrics and benchmarks; empty until the pool starts
     * (the first {@link #prepare()} or {@link #acquire}).
     */
    public Optional<PoolStats> poolStats() {
        ClonePool p = pool;
        return p == null ? Optional.empty() : Optional.of(p.stats());
    }

    /** The pool's state, for diagnostics: {@link PoolStats#toString()}, or {@code (pool not started)}. */
    public String poolState() {
        return poolStats().map(PoolStats::toString).orElse("(pool not started)");
    }

    private void startPool() {
        if (pool != null) {
            return;
        }
        synchronized (poolLock) {
            if (pool == null && !closed) {
                Duration ttl = config.leaseTtl();
                String key = store.key();
                Function<String, OwnerMarker> owner = ttl == null
                        ? test -> OwnerMarker.ofThisProcess(key, test)
                        : test -> OwnerMarker.expiringAt(key, Instant.now().plus(ttl), test);
                ClonePool p = new ClonePool(engine, retry, key, config.poolSize(), capacity, config.maxClones(),
                        background, dropper, owner, ttl == null);
                p.start();
                pool = p;
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new PristineException(ErrorCode.CONFIGURATION, "this Pristine is closed", describe(),
                    "build a new one with Pristine.builder()");
        }
    }

    /** Drops idle clones and clones still leased by this process, and releases the engine. */
    @Override
    public void close() {
        shutDown(config.acquireTimeout());
        try {
            // only now: a SIGTERM during the work above runs the hook, which waits for this close to finish
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook finds this instance closed
        }
    }

    /** The shutdown hook: the same as {@link #close()}, within {@link #SHUTDOWN_BUDGET}, said in one log line. */
    private void closeOnShutdown() {
        long t0 = System.nanoTime();
        ClonePool.Drained d = shutDown(SHUTDOWN_BUDGET);
        if (d != null) {
            LOG.info("JVM shutting down: dropped {} clone(s) of {} ({} leased, {} idle) in {} ms{}", d.dropped(),
                    describe(), d.leased(), d.idle(), (System.nanoTime() - t0) / 1_000_000,
                    d.left() == 0 ? "" : "; " + d.left() + " left for the next gc");
        }
    }

    /**
     * Closes once: waits up to {@code budget} for background work, drops clones, releases the engine; null if
     * closed already. A second caller (the shutdown hook during a close) waits until the first is done.
     */
    private ClonePool.Drained shutDown(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        synchronized (poolLock) {
            if (closed) {
                return null;
            }
            closed = true;
            ClonePool p = pool;
            background.shutdown();
            dropper.shutdown();
            try {
                if (!background.awaitTermination(budget.toMillis(), TimeUnit.MILLISECONDS)
                        || !dropper.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("Background work did not finish in time; the reaper will clean up what is left");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ClonePool.Drained drained = p == null ? new ClonePool.Drained(0, 0, 0) : p.close(deadline);
            if (templateUse != null) {
                try {
                    templateUse.close();
                } catch (Exception e) {
                    LOG.debug("Ending the use of template {} failed: {}", store.key().substring(0, 12),
                            Redact.mask(e.toString()));
                }
            }
            engine.close();
            return drained;
        }
    }

    @Override
    public String toString() {
        return "Pristine[" + describe() + "]";
    }
}
