package dev.pristine.cucumber;

import dev.pristine.ErrorCode;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.RunFailure;
import dev.pristine.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cucumber run's {@link Pristine}: created on first use (or while the JUnit Platform discovers
 * features), building the template in the background at once, and closed by the glue's
 * {@code @AfterAll} hook, at the end of the launcher's test plan, or at JVM shutdown. A failed start
 * (bad configuration, failing migration) is remembered, so every scenario reports it without building again.
 *
 * <p>Thread-safe; one run at a time per JVM (as Cucumber itself).
 */
final class PristineRun {

    private static final Logger LOG = LoggerFactory.getLogger(PristineRun.class);
    private static final Object LOCK = new Object();
    private static final String RUN_SCOPE = "(run)";
    private static PristineRun current; // guarded by LOCK
    private static boolean shutdownHookAdded; // guarded by LOCK

    private volatile RunConfig config;
    private final Pristine pristine;
    private final CompletableFuture<PreparedTemplate> prepared;
    private final PristineException failure;
    private final RunFailure startFailure;
    private final AtomicReference<RunFailure> buildFailure = new AtomicReference<>();
    private final ConcurrentMap<String, SharedLease> shared = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private PristineRun(RunConfig config, Pristine pristine, CompletableFuture<PreparedTemplate> prepared,
            PristineException failure) {
        this.config = config;
        this.pristine = pristine;
        this.prepared = prepared;
        this.failure = failure;
        this.startFailure = failure == null ? null : RunFailure.of(failure);
    }

    /** The current run, started from the class path, system properties and environment when there is none. */
    static PristineRun get() {
        synchronized (LOCK) {
            if (current == null) {
                current = start(null);
            }
            return current;
        }
    }

    /**
     * Starts the run the JUnit Platform is discovering, with the launcher's parameters: the template build
     * begins while Cucumber parses features. Keeps the current run when it has the same configuration.
     * Never throws: a run that cannot start reports why from each of its scenarios.
     */
    static void warmUp(Supplier<RunConfig> source) {
        RunConfig config;
        try {
            config = source.get();
        } catch (PristineException e) {
            replace(failed(null, e));
            return;
        } catch (RuntimeException e) {
            LOG.warn("Could not read the pristine.* configuration while discovering features: {}", e.toString());
            return;
        }
        PristineRun old;
        synchronized (LOCK) {
            old = current;
            if (old != null && old.config != null && old.failure == null && old.config.samePristine(config)
                    && old.shared.isEmpty()) {
                old.config = config; // same Pristine; only the glue's own settings may differ
                return;
            }
        }
        try {
            replace(start(config));
        } catch (LinkageError e) {
            // a broken class path must not break the discovery; the first scenario starts the run again and reports it
            LOG.warn("Could not start Pristine while discovering features: {}", e.toString());
        }
    }

    private static void replace(PristineRun run) {
        PristineRun old;
        synchronized (LOCK) {
            old = current;
            current = run;
        }
        if (old != null) {
            old.close();
        }
    }

    /** Closes the current run, if any: releases shared databases and closes the {@code Pristine}. */
    static void closeCurrent() {
        PristineRun old;
        synchronized (LOCK) {
            old = current;
            current = null;
        }
        if (old != null) {
            old.close();
        }
    }

    /** Releases the database shared by the feature {@code featureKey}, if any (its last scenario has finished). */
    static void featureFinished(String featureKey) {
        PristineRun run;
        synchronized (LOCK) {
            run = current;
        }
        if (run != null) {
            SharedLease lease = run.shared.remove(featureKey);
            if (lease != null) {
                lease.release(run.config.cleanup(), run.config.keepFor());
            }
        }
    }

    private static PristineRun start(RunConfig given) {
        addShutdownHook();
        RunConfig config = null;
        try {
            config = given != null ? given : RunConfig.fromEnvironment();
            config.requireMigrations();
            Pristine p = Pristine.builder().settings(config.settings()).build();
            CompletableFuture<PreparedTemplate> prepared;
            try {
                prepared = p.prepareAsync();
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
            LOG.info("Pristine for this Cucumber run: {}, isolation {}, cleanup {}", p.describe(),
                    config.isolation().name().toLowerCase(Locale.ROOT), config.cleanup().name().toLowerCase(Locale.ROOT));
            return new PristineRun(config, p, prepared, null);
        } catch (PristineException e) {
            return failed(config, e);
        } catch (RuntimeException e) {
            return failed(config, new PristineException(ErrorCode.UNEXPECTED, "could not start Pristine for this Cucumber run",
                    e.toString(), "see the cause; check the engine and migrator dependencies", e));
        }
    }

    private static PristineRun failed(RunConfig config, PristineException e) {
        LOG.debug("This Cucumber run cannot start; its scenarios will say why: {}", e.getMessage());
        return new PristineRun(config, null, null, e);
    }

    private static void addShutdownHook() {
        if (!shutdownHookAdded) {
            shutdownHookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(PristineRun::closeCurrent, "pristine-cucumber-shutdown"));
        }
    }

    /** The current run without starting one, or null (for tests). */
    static PristineRun peek() {
        synchronized (LOCK) {
            return current;
        }
    }

    /** The background template build, or null when the run could not start (for tests). */
    CompletableFuture<PreparedTemplate> prepared() {
        return prepared;
    }

    /** The run's Pristine, or null when it could not start (for tests). */
    Pristine pristine() {
        return pristine;
    }

    RunConfig config() {
        return config;
    }

    /**
     * Leases a database for one scenario, waiting for the template when it is still being built.
     *
     * @throws PristineException when the run could not start, or no database could be had
     */
    TestDatabase acquire(String name) {
        ready();
        return pristine.acquire(name);
    }

    /** The database shared by {@code scope} (a feature, or the run when null), leased by its first scenario. */
    SharedLease shared(String scope, String name) {
        ready();
        String key = scope == null ? RUN_SCOPE : scope;
        return shared.computeIfAbsent(key, k -> new SharedLease(pristine.acquire(name), k));
    }

    private void ready() {
        if (startFailure != null) {
            throw startFailure.next();
        }
        try {
            prepared.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PristineException pe) {
                // every scenario sees the same failed future: one RunFailure reports it in full once
                buildFailure.compareAndSet(null, RunFailure.of(pe));
                throw buildFailure.get().next();
            }
            throw new IllegalStateException("preparing the template failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the template was being built", e);
        }
    }

    private void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<SharedLease> leases = new ArrayList<>(shared.values());
        shared.clear();
        try {
            for (SharedLease lease : leases) {
                lease.release(config.cleanup(), config.keepFor());
            }
        } finally {
            if (pristine != null) {
                pristine.close();
            }
        }
    }
}
