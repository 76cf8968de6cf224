package dev.pristine.mariadb;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.ServerEngines;
import dev.pristine.spi.Setting;
import java.sql.SQLException;
import java.util.List;

/**
 * The MariaDB/MySQL engine ({@code mariadb}) on the server of {@code pristine.url} (default
 * {@code jdbc:mariadb://127.0.0.1:3306/}, user {@code root}); a {@code jdbc:mysql:} URL works too.
 *
 * <p>Settings ({@code pristine.} prefix omitted): {@code mariadb.admin-connections} (default 4): how many
 * connections Pristine itself holds at most, however many threads clone at once;
 * {@code mariadb.clone-connections} (default 4): how many of them one clone may use at once when they are free.
 *
 * <p>Thread-safe; has the public no-argument constructor {@link java.util.ServiceLoader} needs.
 */
public final class MariadbEngineProvider implements EngineProvider {

    /** The server used when {@code pristine.url} is not set. */
    public static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/";

    static final Setting<Integer> ADMIN_CONNECTIONS = Setting.integer("mariadb.admin-connections", 4, 1,
            Integer.MAX_VALUE, "the most connections Pristine itself holds (besides build locks)");
    static final Setting<Integer> CLONE_CONNECTIONS = Setting.integer("mariadb.clone-connections", 4, 1,
            Integer.MAX_VALUE, "how many of those one clone may use at once, when they are free");

    @Override
    public String id() {
        return "mariadb";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:");
    }

    @Override
    public Engine create(EngineSettings settings) {
        int adminConnections = ADMIN_CONNECTIONS.get(settings);
        int cloneConnections = CLONE_CONNECTIONS.get(settings);
        String url = settings.url() == null ? DEFAULT_URL : settings.url();
        String user = settings.user() == null && settings.url() == null ? "root" : settings.user();
        MariadbConnections connections = new MariadbConnections(url, user, settings.password(), adminConnections);
        try {
            ServerEngines.checkLoopback("MariaDB", "MariaDB/MySQL", connections.hostNames(),
                    connections.location(), settings.allowRemote());
            MariadbServer server = MariadbServer.inspect(connections);
            try {
                connections.admin(c -> {
                    MariadbCatalog.ensure(c);
                    return null;
                });
            } catch (SQLException e) {
                throw new PristineException(MariadbErrors.classify(e) == ErrorCode.ENGINE_UNREACHABLE
                        ? ErrorCode.ENGINE_UNREACHABLE : ErrorCode.CONFIGURATION,
                        "cannot create Pristine's catalog " + MariadbCatalog.TABLE + ": " + MariadbErrors.reason(e),
                        connections.location() + " as " + connections.user(),
                        "Pristine needs a user that may create and drop databases (e.g. GRANT ALL ON *.* TO the user)", e);
            }
            MariadbCloner cloner = new MariadbCloner(connections, server.mariadb(), cloneConnections);
            return new MariadbEngine(connections, cloner, new MariadbRecycler(connections, cloner, server.mariadb()),
                    server.identity());
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(ADMIN_CONNECTIONS, CLONE_CONNECTIONS);
    }
}
