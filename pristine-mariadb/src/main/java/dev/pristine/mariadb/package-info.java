/**
 * The MariaDB/MySQL engine. Its classes are package-private; it is found through
 * {@link dev.pristine.spi.EngineProvider} by {@code ServiceLoader}.
 */
package dev.pristine.mariadb;
