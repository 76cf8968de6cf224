package dev.pristine;

import dev.pristine.internal.SqlDirectoryMigrator;
import dev.pristine.spi.Migrator;
import java.nio.file.Path;

/** Ready-made migrators of the core. */
public final class Migrations {

    private Migrations() {}

    /**
     * Plain SQL files in a directory (or one file): {@code V1__x.sql}, {@code V2__y.sql} in version
     * order, then other {@code .sql} files by name. Read once, now.
     *
     * @param location not null
     * @throws PristineException with {@code CONFIGURATION} when the location is missing or has no .sql file
     */
    public static Migrator sqlDirectory(Path location) {
        return SqlDirectoryMigrator.of(location);
    }
}
