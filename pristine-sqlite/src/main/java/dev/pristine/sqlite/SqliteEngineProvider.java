package dev.pristine.sqlite;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.Setting;
import java.util.List;

/**
 * The SQLite engine ({@code sqlite}), Pristine's embedded default: templates and clones are files in
 * the state directory.
 */
public final class SqliteEngineProvider implements EngineProvider {

    @Override
    public String id() {
        return "sqlite";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public Engine create(EngineSettings settings) {
        if (settings.url() != null) {
            throw new PristineException(ErrorCode.CONFIGURATION,
                    "the sqlite engine keeps its databases in the state directory and takes no URL", settings.url(),
                    "remove --url / pristine.url, and use --state-dir / PRISTINE_STATE_DIR to choose where files go");
        }
        return new SqliteEngine(settings);
    }

    @Override
    public List<Setting<?>> settings() {
        return SqliteConnections.SETTINGS;
    }
}
