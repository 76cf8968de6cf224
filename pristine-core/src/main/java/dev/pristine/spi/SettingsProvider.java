package dev.pristine.spi;

import java.util.List;

/**
 * Declares the {@code pristine.*} settings of a module that is neither an engine nor a migrator (a test-framework
 * adapter, a tool), so that they count as known. Found with {@link java.util.ServiceLoader}; engines and migrators
 * declare theirs with {@link EngineProvider#settings()} and {@link MigratorProvider#settings()}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface SettingsProvider {

    /** The settings this module reads, each declared once. */
    List<Setting<?>> settings();
}
