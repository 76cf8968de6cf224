package dev.pristine.testkit;

import dev.pristine.Migrations;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Migrator {@code counting}: the plain SQL migrator, counting how often it migrates in this JVM, to prove
 * that a template is built once. Not registered here (it would show in every module's list of migrators): a
 * test module that wants it lists {@code dev.pristine.testkit.CountingMigratorProvider} in its own
 * {@code src/test/resources/META-INF/services/dev.pristine.spi.MigratorProvider}.
 */
public final class CountingMigratorProvider implements MigratorProvider {

    /** How many times any counting migrator migrated; tests reset it before a run. */
    public static final AtomicInteger MIGRATIONS = new AtomicInteger();

    @Override
    public String id() {
        return "counting";
    }

    @Override
    public int detect(Path location) {
        return 0;
    }

    @Override
    public Migrator create(Path location, Map<String, String> properties) {
        Migrator sql = Migrations.sqlDirectory(location);
        return new Migrator() {
            @Override
            public String id() {
                return "counting";
            }

            @Override
            public String describe() {
                return "counting " + sql.describe();
            }

            @Override
            public String fingerprint() {
                return sql.fingerprint();
            }

            @Override
            public void migrate(MigrationTarget target) throws Exception {
                MIGRATIONS.incrementAndGet();
                sql.migrate(target);
            }
        };
    }
}
