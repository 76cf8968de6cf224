package dev.pristine.internal;

import dev.pristine.BuildListener;
import dev.pristine.ErrorCode;
import dev.pristine.PreparedTemplate;
import dev.pristine.PristineException;
import dev.pristine.Redact;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.DatabaseEntry;
import dev.pristine.spi.Engine;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import dev.pristine.spi.TemplateEntry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each template once per key: across threads through one future per key in this JVM, across
 * processes through the engine's build lock. A template is built under a temporary name and published
 * atomically; a failed build is dropped; leftovers of crashed builds of the key are dropped under the
 * lock before a new build starts.
 *
 * <p>Thread-safe.
 */
public final class TemplateStore {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateStore.class);

    /** Pristine's own format version; part of every key. Bump when a template's layout changes. */
    public static final String FORMAT_VERSION = "pristine-template/1";

    /** In-flight and finished preparations, per engine location and key, shared by every instance in this JVM. */
    private static final ConcurrentMap<String, CompletableFuture<TemplateEntry>> PREPARED = new ConcurrentHashMap<>();

    private final Engine engine;
    private final Migrator migrator;
    private final Retry retry;
    private final Duration lockTimeout;
    private final String key;

    public TemplateStore(Engine engine, Migrator migrator, Retry retry, Duration lockTimeout) {
        this.engine = engine;
        this.migrator = migrator;
        this.retry = retry;
        this.lockTimeout = lockTimeout;
        this.key = Hashing.sha256().add(FORMAT_VERSION).add(engine.id()).add(engine.identity())
                .add(migrator.id()).add(migrator.fingerprint()).hex();
    }

    /** The template key: SHA-256 over format version, engine identity and migrator fingerprint. */
    public String key() {
        return key;
    }

    /**
     * Makes sure the template exists, building it if no one has. Concurrent callers in this JVM share
     * one attempt; a failed attempt is forgotten, so the next call tries again.
     */
    public PreparedTemplate prepare(BuildListener listener) {
        long t0 = System.nanoTime();
        String scope = engine.id() + "|" + engine.location() + "|" + key;
        CompletableFuture<TemplateEntry> mine = new CompletableFuture<>();
        CompletableFuture<TemplateEntry> existing = PREPARED.putIfAbsent(scope, mine);
        if (existing != null) {
            TemplateEntry entry = await(existing);
            if (retry.get("looking up the template", key, () -> engine.findTemplate(key)).isPresent()) {
                return new PreparedTemplate(key, entry.name(), false, millisSince(t0));
            }
            // dropped by gc since; forget it and build again
            PREPARED.remove(scope, existing);
            return prepare(listener);
        }
        boolean[] built = {false};
        try {
            TemplateEntry entry = ensure(listener, built);
            mine.complete(entry);
            long millis = millisSince(t0);
            listener.ready(key, built[0], millis);
            return new PreparedTemplate(key, entry.name(), built[0], millis);
        } catch (RuntimeException | Error e) {
            PREPARED.remove(scope, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private TemplateEntry ensure(BuildListener listener, boolean[] built) {
        Optional<TemplateEntry> found = retry.get("looking up the template", key, () -> engine.findTemplate(key));
        if (found.isPresent()) {
            touch();
            return found.get();
        }
        listener.waiting(key);
        AutoCloseable lock = retry.get("taking the build lock", key, () -> engine.lockBuild(key, lockTimeout));
        try {
            found = retry.get("looking up the template", key, () -> engine.findTemplate(key));
            if (found.isPresent()) {
                touch();
                return found.get();
            }
            dropLeftovers();
            listener.building(key, migrator.describe());
            LOG.info("Building template {} with {} on {}", shortKey(), migrator.describe(), engine.location());
            TemplateEntry entry = build();
            built[0] = true;
            LOG.info("Template {} published as {}", shortKey(), entry.name());
            return entry;
        } finally {
            try {
                lock.close();
            } catch (Exception e) {
                LOG.warn("Releasing the build lock of {} failed: {}", shortKey(), Redact.mask(e.toString()));
            }
        }
    }

    private TemplateEntry build() {
        String marker = OwnerMarker.ofThisProcess(key, "(template build)").encode();
        String buildName = retry.get("creating the template build database", key, () -> engine.createBuild(key, marker));
        boolean published = false;
        try {
            try {
                migrator.migrate(new Target(buildName));
            } catch (Exception e) {
                // A full disk is no fault of the migration, whichever migrator met it.
                Optional<PristineException> full = DiskFull.error("building the template", engine.location(),
                        "no template was published for it", e);
                if (full.isPresent()) {
                    throw full.get();
                }
                Optional<String> hint = engine.migrationHint(buildName, e);
                if (e instanceof PristineException p) {
                    throw hint.isEmpty() ? p : new PristineException(p.code(), p.getMessage(), null, hint.get(), p);
                }
                throw new PristineException(ErrorCode.MIGRATION_FAILED, "migration failed: " + e.getMessage(),
                        migrator.describe(), "fix the migration and run again; no template was published for it"
                                + hint.map(h -> ", " + h).orElse(""), e);
            }
            TemplateEntry entry = retry.get("publishing the template", buildName, () -> engine.publish(key, buildName));
            published = true;
            return entry;
        } finally {
            if (!published) {
                try {
                    engine.dropBuild(buildName);
                } catch (Exception e) {
                    LOG.warn("Dropping the failed build {} failed; gc will retry: {}", buildName,
                            Redact.mask(e.toString()));
                }
            }
        }
    }

    private void dropLeftovers() {
        for (DatabaseEntry b : retry.get("listing builds", engine.location(), engine::builds)) {
            Optional<OwnerMarker> owner = OwnerMarker.decode(b.marker());
            if (owner.isPresent() && owner.get().key().equals(key)) {
                LOG.info("Dropping {}, left by a build that did not finish", b.name());
                retry.run("dropping an unfinished build", b.name(), () -> engine.dropBuild(b.name()));
            }
        }
    }

    private void touch() {
        try {
            engine.touchTemplate(key);
        } catch (Exception e) {
            LOG.debug("Could not record the use of template {}: {}", shortKey(), Redact.mask(e.toString()));
        }
    }

    private TemplateEntry await(CompletableFuture<TemplateEntry> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PristineException(ErrorCode.POOL_EXHAUSTED, "interrupted while waiting for the template", key,
                    null, e);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof PristineException p) {
                throw new PristineException(p.code(), p.getMessage(), null, null, p);
            }
            throw new PristineException(ErrorCode.UNEXPECTED, "preparing the template failed: " + e.getCause(), key,
                    null, e.getCause());
        }
    }

    private String shortKey() {
        return key.substring(0, 12);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The database under construction. */
    private final class Target implements MigrationTarget {
        private final String name;

        Target(String name) {
            this.name = name;
        }

        @Override
        public String engineId() {
            return engine.id();
        }

        @Override
        public Coordinates coordinates() {
            return engine.coordinates(name);
        }

        @Override
        public DataSource dataSource() {
            return engine.dataSource(name);
        }
    }
}
