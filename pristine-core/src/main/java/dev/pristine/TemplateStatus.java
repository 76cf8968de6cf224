package dev.pristine;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A published template, as {@link Pristine#status()} lists it.
 *
 * @param key the template key
 * @param name the engine's name for it
 * @param engine the engine id
 * @param builtAt when it was published
 * @param lastUsed when a process last prepared it
 * @param migrations the migrations location it was last prepared from on this machine, or null when not recorded
 *     (prepared elsewhere, before this was recorded, or with a ready-made migrator)
 */
public record TemplateStatus(String key, String name, String engine, Instant builtAt, Instant lastUsed, Path migrations) {}
