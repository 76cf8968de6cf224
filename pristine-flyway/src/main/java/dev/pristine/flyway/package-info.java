/**
 * Flyway migrations for Pristine: {@link dev.pristine.flyway.FlywayMigrations} for code, and
 * {@link dev.pristine.flyway.FlywayMigratorProvider} ({@code --migrator flyway}) for directories.
 */
package dev.pristine.flyway;
