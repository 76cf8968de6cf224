package dev.pristine.bench;

import java.util.Locale;

/** How a suite gets its databases. */
enum Mode {
    /** One database for every test, no isolation: the lower bound. */
    SHARED,
    /** One database, each test in a rolled-back transaction (Spring's {@code @Transactional} tests). */
    ROLLBACK,
    /** A fresh database per test, migrated from scratch (Flyway when the files follow its naming). */
    NAIVE,
    /** Pristine with its background pool. */
    PRISTINE,
    /** Pristine cloning on demand (pool size 0). */
    PRISTINE_NOPOOL,
    /** The engine's own clone operation in a loop, no Pristine code: the physical limit of templates. */
    RAW_CLONE;

    /** The name used on the command line and in JSON: {@code pristine-nopool}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Mode of(String id) {
        for (Mode m : values()) {
            if (m.id().equals(id.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + id + "'; modes: shared, rollback, naive, pristine, "
                + "pristine-nopool, raw-clone");
    }
}
