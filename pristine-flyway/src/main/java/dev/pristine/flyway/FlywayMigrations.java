package dev.pristine.flyway;

import dev.pristine.spi.Migrator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Flyway migrators for {@code Pristine.builder().migrator(...)}.
 *
 * <pre>{@code
 * Pristine pristine = Pristine.builder()
 *     .migrator(FlywayMigrations.of(Flyway.configure().locations("classpath:db/migration")))
 *     .build();
 * }</pre>
 *
 * <p>The template key covers every resource in the locations (names, Flyway's reading of them, checksums
 * and text), the settings that change the outcome (placeholders, schemas, table, baseline, target, naming,
 * encoding, {@code initSql}, …), the bytes of Java migrations, callbacks and resolvers, and the Flyway
 * version; see the module README. Connection settings in the configuration are ignored: each template
 * build gets its own database.
 *
 * <p>Thread-safe (stateless); the migrators it returns are thread-safe.
 */
public final class FlywayMigrations {

    private FlywayMigrations() {}

    /**
     * A migrator for the user's Flyway configuration (a {@code FluentConfiguration} from
     * {@code Flyway.configure()}, or a {@code ClassicConfiguration}), copied now: later changes to it have no
     * effect. Its data source, URL and credentials are never used.
     *
     * @param configuration not null
     * @throws dev.pristine.PristineException with {@code CONFIGURATION} when a {@code filesystem:} location is
     *     missing or a location is not {@code classpath:} / {@code filesystem:}
     */
    public static Migrator of(Configuration configuration) {
        return new FlywayMigrator(Objects.requireNonNull(configuration, "configuration"));
    }

    /**
     * A migrator with Flyway's defaults and these locations, e.g. {@code classpath:db/migration} or
     * {@code filesystem:src/main/resources/db/migration}.
     *
     * @param locations at least one, not null
     */
    public static Migrator locations(String... locations) {
        if (locations == null || locations.length == 0) {
            throw new IllegalArgumentException("locations: name at least one, e.g. classpath:db/migration");
        }
        return of(Flyway.configure().locations(locations));
    }

    /**
     * A migrator for a directory, as {@code --migrations DIR --migrator flyway} makes it: the directory is the
     * location, and {@code flyway.conf} / {@code flyway.toml} in it are read.
     *
     * @param directory not null
     */
    public static Migrator directory(Path directory) {
        return new FlywayMigrator(FlywaySettings.forDirectory(Objects.requireNonNull(directory, "directory"), Map.of()));
    }
}
