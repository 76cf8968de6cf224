package dev.pristine.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A clone or an unfinished template build as an engine lists it.
 *
 * @param name the database name (the clone id), not null
 * @param marker the owner marker stored with it, or null when none could be read
 * @param createdAt when it was created, not null
 */
public record DatabaseEntry(String name, String marker, Instant createdAt) {
    public DatabaseEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
