package dev.pristine.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

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
    RAW_CLONE,
    /**
     * The Java peer: io.zonky.test embedded-database-spring-test's template + prefetching providers on its
     * own embedded PostgreSQL, used as a library with its defaults (PostgreSQL only).
     */
    ZONKY;

    /** The name used on the command line and in JSON: {@code pristine-nopool}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the mode can run on an engine. */
    boolean runsOn(String engine) {
        return this != ZONKY || engine.equals("postgres");
    }

    /** Every mode an engine runs, in order. */
    static List<Mode> defaultsFor(String engine) {
        return Arrays.stream(values()).filter(m -> m.runsOn(engine)).toList();
    }

    static Mode of(String id) {
        for (Mode m : values()) {
            if (m.id().equals(id.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + id + "'; modes: "
                + Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(", ")));
    }
}
