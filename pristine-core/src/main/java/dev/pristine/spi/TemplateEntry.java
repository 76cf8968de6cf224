package dev.pristine.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A published template as an engine lists it.
 *
 * @param key the template key (64 hex digits), not null
 * @param name the database name or file the engine keeps it under, not null
 * @param builtAt when it was published, not null
 * @param lastUsed when a process last prepared it, not null
 */
public record TemplateEntry(String key, String name, Instant builtAt, Instant lastUsed) {
    public TemplateEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(builtAt, "builtAt");
        Objects.requireNonNull(lastUsed, "lastUsed");
    }
}
