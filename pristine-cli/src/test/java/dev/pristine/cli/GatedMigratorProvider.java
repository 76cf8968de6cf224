package dev.pristine.cli;

import dev.pristine.spi.Migrator;
import dev.pristine.testkit.WrappedMigrator;
import dev.pristine.testkit.WrappedSqlMigratorProvider;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Migrator {@code gated} (tests only): the plain SQL migrator that first waits for the lock on {@code gate.lock}
 * beside the migrations directory, so a test holding that lock makes a build slow for certain, for as long as
 * it wants, without a sleep. It describes itself as the SQL migrator it wraps.
 */
public final class GatedMigratorProvider extends WrappedSqlMigratorProvider {

    public GatedMigratorProvider() {
        super("gated");
    }

    @Override
    protected String describe(Migrator sql) {
        return sql.describe();
    }

    @Override
    protected WrappedMigrator.Around around(Path location) {
        Path gate = location.resolveSibling("gate.lock");
        return (target, real) -> {
            try (FileChannel ch = FileChannel.open(gate, StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                real.migrate(target);
            }
        };
    }
}
