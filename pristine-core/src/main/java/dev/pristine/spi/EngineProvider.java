package dev.pristine.spi;

import java.util.List;

/**
 * Makes {@link Engine}s of one kind. Found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface EngineProvider {

    /** The engine id users name: {@code sqlite}, {@code h2}, {@code postgres}, {@code mariadb}. */
    String id();

    /** Whether this engine handles databases at the given JDBC URL (used when only a URL is given). */
    boolean accepts(String jdbcUrl);

    /**
     * Creates an engine. May connect to check the server and refuse an unsafe target.
     *
     * @param settings not null
     * @throws dev.pristine.PristineException with {@code ENGINE_UNREACHABLE}, {@code UNSAFE_TARGET} or
     *     {@code CONFIGURATION} when the engine cannot be used
     */
    Engine create(EngineSettings settings);

    /** The {@code pristine.*} settings this engine reads ({@code postgres.strategy}), each declared once. */
    default List<Setting<?>> settings() {
        return List.of();
    }
}
