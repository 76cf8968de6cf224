package dev.pristine.internal;

import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
import dev.pristine.spi.Setting;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Provides the plain SQL migrator ({@code sql}), the default for a directory. Reads {@code pristine.encoding},
 * the encoding of the files (default UTF-8).
 */
public final class SqlDirectoryMigratorProvider implements MigratorProvider {

    /** {@code pristine.encoding}. */
    static final Setting<Charset> ENCODING = Setting.of("encoding", Charset.class, StandardCharsets.UTF_8,
            SqlMigrationFiles::encoding, "encoding of plain SQL migration files (e.g. windows-1252)");

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
        return SqlDirectoryMigrator.of(location, ENCODING.get(properties));
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(ENCODING);
    }
}
