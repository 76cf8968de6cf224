package dev.pristine.flyway;

import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
import dev.pristine.spi.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Provides the Flyway migrator ({@code flyway}) to {@code Pristine.builder().migrations(dir)}: the directory
 * becomes a {@code filesystem:} location, {@code flyway.conf} / {@code flyway.toml} in it are read, and
 * {@code pristine.flyway.*} settings go on top (see the module README for the list).
 *
 * <p>Detection: a directory holding {@code flyway.conf} or {@code flyway.toml} scores 20 (above the plain SQL
 * migrator's 10); any other location scores 0, so plain directories stay with the {@code sql} migrator unless
 * the user names {@code --migrator flyway}.
 *
 * <p>Thread-safe (stateless). Found with {@link java.util.ServiceLoader}.
 */
public final class FlywayMigratorProvider implements MigratorProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public FlywayMigratorProvider() {}

    @Override
    public String id() {
        return "flyway";
    }

    @Override
    public int detect(Path location) {
        if (Files.isDirectory(location)) {
            return FlywaySettings.hasConfigFile(location) ? 20 : 0;
        }
        return Files.isRegularFile(location) && FlywaySettings.isConfigFile(location) ? 20 : 0;
    }

    @Override
    public Migrator create(Path location, Map<String, String> properties) {
        return new FlywayMigrator(FlywaySettings.forDirectory(location, properties));
    }

    @Override
    public List<Setting<?>> settings() {
        return FlywaySettings.SETTINGS;
    }
}
