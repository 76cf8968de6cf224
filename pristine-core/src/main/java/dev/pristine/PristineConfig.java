package dev.pristine;

import dev.pristine.spi.Engine;
import dev.pristine.spi.Migrator;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated configuration of one {@link Pristine}; {@code migrations} is the location the migrator was made
 * from, null for a ready-made migrator.
 */
record PristineConfig(Engine engine, Migrator migrator, int poolSize, int maxClones, int backgroundThreads,
        Duration acquireTimeout, Duration lockTimeout, Duration templateRetention, Duration leaseTtl,
        boolean reapOnStart, BuildListener listener, Path stateDir, Path migrations) {

    /** How long one engine operation is retried on transient failures. */
    Duration retryFor() {
        return Duration.ofSeconds(30);
    }
}
