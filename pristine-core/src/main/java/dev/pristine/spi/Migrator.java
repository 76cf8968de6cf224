package dev.pristine.spi;

/**
 * Turns an empty database into the schema (and seed data) tests need.
 *
 * <p>Implementations must be thread-safe; {@link #fingerprint()} is called before every build and
 * must be cheap to call twice (compute once, or cache).
 */
public interface Migrator {

    /** The migrator id: {@code sql}, {@code flyway}, {@code liquibase}. */
    String id();

    /** A short human description, e.g. {@code SQL directory db/migration (3 files)}. */
    String describe();

    /**
     * A hash of everything that changes the outcome: file names, order and contents, the configuration
     * that matters, the migrator's version. Part of the template key.
     */
    String fingerprint();

    /**
     * Migrates the target. A failing migration throws a {@link dev.pristine.PristineException} with
     * {@code MIGRATION_FAILED} naming the file and line (or changeset); anything else thrown is wrapped.
     */
    void migrate(MigrationTarget target) throws Exception;
}
