package dev.pristine.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Makes {@link Migrator}s of one kind from a location. Found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface MigratorProvider {

    /** The migrator id users name: {@code sql}, {@code flyway}, {@code liquibase}. */
    String id();

    /**
     * How well this migrator fits the location when the user did not name one: 0 for not at all;
     * the highest score wins. The plain SQL migrator scores 10 for a directory.
     */
    int detect(Path location);

    /**
     * Creates a migrator.
     *
     * @param location the migrations directory or changelog file, not null
     * @param properties every {@code pristine.*} setting without the prefix (e.g. {@code flyway.schemas}), not null
     */
    Migrator create(Path location, Map<String, String> properties);

    /** The {@code pristine.*} settings this migrator reads ({@code liquibase.contexts}), each declared once. */
    default List<Setting<?>> settings() {
        return List.of();
    }
}
