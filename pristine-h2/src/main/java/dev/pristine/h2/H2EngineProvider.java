package dev.pristine.h2;

import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.Setting;
import java.util.List;

/**
 * The H2 engine ({@code h2}): H2 embedded, templates and clones are files in the state directory
 * (or, with {@code h2.clones=memory}, clones live in H2's in-memory file system).
 *
 * <p>A {@code jdbc:h2:} URL is accepted for its settings only ({@code ;MODE=PostgreSQL;…}): the databases
 * themselves always live in the state directory. Thread-safe.
 */
public final class H2EngineProvider implements EngineProvider {

    @Override
    public String id() {
        return "h2";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    @Override
    public Engine create(EngineSettings settings) {
        return new H2Engine(settings);
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(H2Connections.MODE, H2Connections.SETTINGS, H2Connections.CLONES);
    }
}
