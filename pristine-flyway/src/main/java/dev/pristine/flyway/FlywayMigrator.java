package dev.pristine.flyway;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates template builds with Flyway ({@code flyway}). Holds a private copy of the user's configuration
 * (its data source, URL and credentials are never used); each {@link #migrate} copies it again with the
 * target's data source and {@code cleanDisabled(true)}. Flyway opens its connections from that data source
 * and closes them before {@code migrate()} returns.
 *
 * <p>The locations are scanned once, lazily, on the first {@link #fingerprint()}, {@link #describe()} or
 * {@link #migrate}: that snapshot is both hashed and served to Flyway, so the template is built from exactly
 * the text the key was computed from. See {@link FlywayFingerprint} for what the fingerprint covers.
 *
 * <p>Thread-safe.
 */
final class FlywayMigrator implements Migrator {

    /** The Flyway line this module is built and tested with; its scan uses Flyway internals. */
    static final String BUILT_WITH = "13.12.x";

    private final FluentConfiguration config;
    private final Object lock = new Object();
    private volatile Scanned scanned;

    /** The snapshot and its fingerprint, computed together. */
    private record Scanned(FlywaySnapshot snapshot, String fingerprint) {}

    /**
     * Copies {@code configuration}; later changes to it have no effect.
     *
     * @throws PristineException with {@code CONFIGURATION} when a {@code filesystem:} location does not exist
     *     or a location kind cannot be fingerprinted
     */
    FlywayMigrator(Configuration configuration) {
        this.config = Flyway.configure(configuration.getClassLoader()).configuration(configuration);
        FlywaySnapshot.checkLocations(config);
    }

    @Override
    public String id() {
        return "flyway";
    }

    @Override
    public String describe() {
        Scanned s = scanned();
        int java = s.snapshot().javaClasses().size() + config.getJavaMigrations().length;
        return "Flyway " + FlywayFingerprint.flywayVersion() + " migrations " + locations() + " ("
                + s.snapshot().sqlMigrations() + " SQL" + (java > 0 ? ", " + java + " Java" : "") + ")";
    }

    @Override
    public String fingerprint() {
        return scanned().fingerprint();
    }

    /**
     * Runs Flyway's {@code migrate} against the build database.
     *
     * @throws PristineException with {@code MIGRATION_FAILED} naming the script, line, statement and engine message
     */
    @Override
    public void migrate(MigrationTarget target) {
        Scanned s = scanned();
        FluentConfiguration run = Flyway.configure(config.getClassLoader()).configuration(config)
                .dataSource(target.dataSource())
                .cleanDisabled(true);
        ResourceProvider served = s.snapshot().provider();
        if (served != null) {
            run.resourceProvider(served);
        }
        MigrateResult result;
        try {
            result = run.load().migrate();
        } catch (FlywayException e) {
            throw FlywayErrors.migrationFailed(e, describe());
        }
        if (result != null && !result.success) {
            throw new PristineException(ErrorCode.MIGRATION_FAILED, "Flyway reported an unsuccessful migrate",
                    describe() + (result.warnings == null ? "" : " " + result.warnings), FlywayErrors.FIX);
        }
    }

    private Scanned scanned() {
        Scanned s = scanned;
        if (s == null) {
            synchronized (lock) {
                s = scanned;
                if (s == null) {
                    FlywaySnapshot snapshot;
                    try {
                        snapshot = FlywaySnapshot.scan(config);
                    } catch (LinkageError e) {
                        // the scan uses Flyway internals (Scanner, ResourceNameParser, ChecksumCalculator)
                        throw new PristineException(ErrorCode.CONFIGURATION, "pristine-flyway cannot read migrations with "
                                + "Flyway " + FlywayFingerprint.flywayVersion(), e.toString(),
                                "use flyway-core " + BUILT_WITH + ", the version pristine-flyway is built and tested with", e);
                    }
                    if (snapshot.sqlMigrations() == 0 && snapshot.javaClasses().isEmpty()
                            && config.getJavaMigrations().length == 0 && config.getResolvers().length == 0) {
                        throw new PristineException(ErrorCode.CONFIGURATION, "no Flyway migrations found", locations(),
                                "put migrations named like V1__create_tables.sql in a location, or fix flyway.locations");
                    }
                    s = new Scanned(snapshot, FlywayFingerprint.compute(config, snapshot));
                    scanned = s;
                }
            }
        }
        return s;
    }

    private String locations() {
        return Arrays.stream(config.getLocations()).map(org.flywaydb.core.api.Location::getDescriptor)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String toString() {
        return "FlywayMigrator" + locations();
    }
}
