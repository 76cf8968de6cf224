package dev.pristine.cli;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;

/**
 * The migrator of commands that never build a template ({@code release}, {@code status}, {@code gc}),
 * so they work without any migrations. Its fingerprint is constant; it refuses to migrate.
 *
 * <p>Immutable and thread-safe.
 */
final class NoMigrations implements Migrator {

    static final NoMigrations INSTANCE = new NoMigrations();

    private NoMigrations() {}

    @Override
    public String id() {
        return "none";
    }

    @Override
    public String describe() {
        return "no migrations";
    }

    @Override
    public String fingerprint() {
        return "pristine-cli-no-migrations/1";
    }

    @Override
    public void migrate(MigrationTarget target) {
        throw new PristineException(ErrorCode.UNEXPECTED, "a command without migrations tried to build a template",
                target.engineId(), "report this bug; pass --migrations DIR meanwhile");
    }
}
