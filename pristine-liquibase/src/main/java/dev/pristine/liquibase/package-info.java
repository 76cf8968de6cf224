/**
 * The Liquibase migrator: {@link dev.pristine.liquibase.LiquibaseMigrations} for code, and the
 * {@code liquibase} {@link dev.pristine.spi.MigratorProvider} found by {@code ServiceLoader}, which
 * recognises a changelog file ({@code .xml}, {@code .yaml}, {@code .yml}, {@code .json}, or {@code .sql}
 * starting with {@code --liquibase formatted sql}).
 */
package dev.pristine.liquibase;
