package dev.pristine.testkit;

import dev.pristine.Migrations;
import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * A test migrator provider: the plain SQL migrator of the location, wrapped ({@link WrappedMigrator}); never
 * detected, only chosen by its id. Register a subclass in a test module's own
 * {@code src/test/resources/META-INF/services/dev.pristine.spi.MigratorProvider}.
 */
public abstract class WrappedSqlMigratorProvider implements MigratorProvider {

    private final String id;

    protected WrappedSqlMigratorProvider(String id) {
        this.id = id;
    }

    /** How the migrator describes itself, given the SQL migrator it wraps. */
    protected abstract String describe(Migrator sql);

    /** What it does around the SQL migrator, for the migrations at {@code location}. */
    protected abstract WrappedMigrator.Around around(Path location);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int detect(Path location) {
        return 0;
    }

    @Override
    public final Migrator create(Path location, Map<String, String> properties) {
        Migrator sql = Migrations.sqlDirectory(location);
        return WrappedMigrator.around(sql, id, describe(sql), around(location));
    }
}
