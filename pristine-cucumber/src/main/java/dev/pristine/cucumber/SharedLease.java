package dev.pristine.cucumber;

import dev.pristine.Cleanup;
import dev.pristine.Redact;
import dev.pristine.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database shared by the scenarios of one feature ({@value ScenarioDatabase#SHARED_TAG}) or of the whole
 * run: released when the feature (or run) ends, and kept on request when any of its scenarios failed.
 *
 * <p>Thread-safe.
 */
final class SharedLease {

    private static final Logger LOG = LoggerFactory.getLogger(SharedLease.class);

    private final TestDatabase database;
    private final String scope;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    SharedLease(TestDatabase database, String scope) {
        this.database = database;
        this.scope = scope;
    }

    TestDatabase database() {
        return database;
    }

    void scenarioFinished(boolean scenarioFailed) {
        if (scenarioFailed) {
            failed.set(true);
        }
    }

    /** Drops the database, or keeps it as {@code cleanup} says. Does nothing the second time. */
    void release(Cleanup cleanup, Duration keepFor) {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            if (cleanup.keeps(failed.get())) {
                database.keep(keepFor);
                LOG.info("Kept shared database {} of {} ({}, cleanup {}) until {}: {}; `pristine release {}` drops it sooner",
                        database.id(), scope, failed.get() ? "a scenario failed" : "all passed", cleanup,
                        Instant.now().plus(keepFor), Redact.mask(database.jdbcUrl()), database.id());
            }
        } finally {
            database.close();
        }
    }
}
