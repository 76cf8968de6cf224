package dev.pristine.cucumber;

import dev.pristine.Cleanup;
import dev.pristine.KeptDatabase;
import dev.pristine.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A database shared by the scenarios of one feature ({@value ScenarioDatabase#SHARED_TAG}) or of the whole
 * run: released when the feature (or run) ends, and kept on request when any of its scenarios failed.
 *
 * <p>Thread-safe.
 */
final class SharedLease {

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
                // no scenario to log to at the end of a feature or run: the log, or stderr without a backend
                KeptDatabase.of(database, "shared " + scope, failed.get(), cleanup, Instant.now().plus(keepFor)).log();
            }
        } finally {
            database.close();
        }
    }
}
