/**
 * The service-provider interface engine and migrator authors implement. Implementations are found
 * with {@link java.util.ServiceLoader}: list them in {@code META-INF/services/dev.pristine.spi.EngineProvider}
 * or {@code META-INF/services/dev.pristine.spi.MigratorProvider}.
 */
package dev.pristine.spi;
