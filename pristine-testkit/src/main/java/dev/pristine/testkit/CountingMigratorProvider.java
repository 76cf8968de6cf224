package dev.pristine.testkit;

import dev.pristine.spi.Migrator;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Migrator {@code counting}: the plain SQL migrator, counting how often it migrates in this JVM, to prove
 * that a template is built once. Not registered here (it would show in every module's list of migrators): a
 * test module that wants it lists {@code dev.pristine.testkit.CountingMigratorProvider} in its own
 * {@code src/test/resources/META-INF/services/dev.pristine.spi.MigratorProvider}.
 */
public final class CountingMigratorProvider extends WrappedSqlMigratorProvider {

    /** How many times any counting migrator migrated; tests reset it before a run. */
    public static final AtomicInteger MIGRATIONS = new AtomicInteger();

    public CountingMigratorProvider() {
        super("counting");
    }

    @Override
    protected String describe(Migrator sql) {
        return "counting " + sql.describe();
    }

    @Override
    protected WrappedMigrator.Around around(Path location) {
        return (target, real) -> {
            MIGRATIONS.incrementAndGet();
            real.migrate(target);
        };
    }
}
