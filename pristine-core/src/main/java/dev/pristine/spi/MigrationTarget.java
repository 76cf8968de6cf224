package dev.pristine.spi;

import javax.sql.DataSource;

/**
 * The empty database a {@link Migrator} migrates while a template is built.
 *
 * <p>Thread-safe.
 */
public interface MigrationTarget {

    /** The engine id, e.g. {@code sqlite}. */
    String engineId();

    /** The build database's coordinates. */
    Coordinates coordinates();

    /** A data source for the build database. Close every connection before returning from {@link Migrator#migrate}. */
    DataSource dataSource();
}
