package dev.pristine.testkit;

import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;

/**
 * A migrator that does something around a real one (count its runs, hold it at a gate, block it mid-build)
 * while keeping the real one's fingerprint, so its templates are the real one's.
 *
 * <p>Thread-safe when {@code around} is.
 */
public final class WrappedMigrator implements Migrator {

    /** What the wrapper does instead of {@code real.migrate(target)}; it calls that itself when it should run. */
    @FunctionalInterface
    public interface Around {
        void migrate(MigrationTarget target, Migrator real) throws Exception;
    }

    private final Migrator real;
    private final String id;
    private final String description;
    private final Around around;

    private WrappedMigrator(Migrator real, String id, String description, Around around) {
        this.real = real;
        this.id = id;
        this.description = description;
        this.around = around;
    }

    /** {@code real} with the same id and description, migrating through {@code around}; none null. */
    public static Migrator around(Migrator real, Around around) {
        return new WrappedMigrator(real, real.id(), real.describe(), around);
    }

    /** {@code real} under another id and description, migrating through {@code around}; none null. */
    public static Migrator around(Migrator real, String id, String description, Around around) {
        return new WrappedMigrator(real, id, description, around);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String fingerprint() {
        return real.fingerprint();
    }

    @Override
    public void migrate(MigrationTarget target) throws Exception {
        around.migrate(target, real);
    }
}
