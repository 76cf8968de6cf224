package dev.pristine.internal;

import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Provides the plain SQL migrator ({@code sql}), the default for a directory. Reads {@code pristine.encoding},
 * the encoding of the files (default UTF-8).
 */
public final class SqlDirectoryMigratorProvider implements MigratorProvider {

    @Override
    public String id() {
        return "sql";
    }

    @Override
    public int detect(Path location) {
        if (Files.isDirectory(location)) {
            return 10;
        }
        return location.getFileName() != null
                && location.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql") ? 5 : 0;
    }

    @Override
    public Migrator create(Path location, Map<String, String> properties) {
        return SqlDirectoryMigrator.of(location, SqlMigrationFiles.encoding(properties.get("encoding")));
    }
}
