package dev.pristine;

/**
 * A clone, as {@link Pristine#status()} lists it.
 *
 * @param id the lease id (the clone's name), usable with {@link Pristine#release(String)}
 * @param name the database name
 * @param key the template key it was cloned from, empty when unknown
 * @param owner who holds it: {@code host:pid}, or the expiry of a TTL-owned lease
 * @param test the test or lease name it was made for
 * @param ageSeconds how long ago it was made
 * @param orphan whether its owner is gone (the next {@code gc} or start-up drops it)
 */
public record CloneStatus(String id, String name, String key, String owner, String test, long ageSeconds,
        boolean orphan) {}
