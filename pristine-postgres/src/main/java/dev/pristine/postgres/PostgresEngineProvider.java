package dev.pristine.postgres;

import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.ServerEngines;
import dev.pristine.spi.Setting;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL engine ({@code postgres}): on the server of {@code pristine.url}, or, when no URL is
 * given, on an embedded server in the state directory that every JVM using that directory shares.
 *
 * <p>Settings ({@code pristine.} prefix omitted): {@code postgres.strategy} ({@code auto}, {@code wal_log},
 * {@code file_copy}), {@code postgres.clone-owner} and {@code postgres.clone-owner-password},
 * {@code postgres.admin-connections} (default 2), {@code postgres.busy-timeout} (a duration such as {@code 5s};
 * a bare number is milliseconds, as it was before units were accepted; default 10s),
 * {@code postgres.build-role} (default true: migrations run as a throwaway role that owns the build database only).
 *
 * <p>Thread-safe; has the public no-argument constructor {@link java.util.ServiceLoader} needs.
 */
public final class PostgresEngineProvider implements EngineProvider {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEngineProvider.class);

    static final Setting<PostgresCloner.Strategy> STRATEGY = Setting.choice("postgres.strategy",
            PostgresCloner.Strategy.AUTO, "auto", "how CREATE DATABASE copies the template: auto, wal_log or file_copy");
    static final Setting<String> CLONE_OWNER = Setting.text("postgres.clone-owner", null,
            "clones are created OWNER this role and leases connect as it");
    static final Setting<String> CLONE_OWNER_PASSWORD = Setting.text("postgres.clone-owner-password", null,
            "that role's password, handed out with the lease");
    static final Setting<Integer> ADMIN_CONNECTIONS = Setting.integer("postgres.admin-connections", 2, 1,
            Integer.MAX_VALUE, "the engine's admin connection pool");
    static final Setting<Duration> BUSY_TIMEOUT = Setting.duration("postgres.busy-timeout", Duration.ofSeconds(10),
            "how long 55006 (the template is in use) is retried");
    static final Setting<Boolean> BUILD_ROLE = Setting.bool("postgres.build-role", true,
            "migrations run as a throwaway role that owns the build database only");

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public Engine create(EngineSettings settings) {
        PostgresCloner.Strategy strategy = STRATEGY.get(settings);
        int adminConnections = ADMIN_CONNECTIONS.get(settings);
        Duration busyTimeout = BUSY_TIMEOUT.get(settings);
        String cloneOwner = CLONE_OWNER.get(settings);
        String cloneOwnerPassword = CLONE_OWNER_PASSWORD.get(settings);
        boolean buildRole = BUILD_ROLE.get(settings);
        PostgresEmbedded embedded = null;
        String url = settings.url();
        String user = settings.user();
        String password = settings.password();
        if (url == null) {
            embedded = PostgresEmbedded.acquire(settings.stateDir());
            url = "jdbc:postgresql://127.0.0.1:" + embedded.port() + "/postgres";
            user = "postgres";
            password = null;
        }
        PostgresConnections connections = null;
        try {
            connections = new PostgresConnections(url, user, password, adminConnections);
            String location = connections.location() + (embedded == null ? "" : " (embedded, " + embedded.directory() + ")");
            if (embedded == null) {
                ServerEngines.checkLoopback("PostgreSQL", "PostgreSQL", connections.hostNames(),
                        connections.location(), settings.allowRemote());
            }
            PostgresServer server = PostgresServer.inspect(connections);
            PostgresCloner cloner = new PostgresCloner(connections, server.versionNum(), strategy, busyTimeout,
                    embedded != null);
            LOG.debug("PostgreSQL engine at {}: {}; clones made with CREATE DATABASE … TEMPLATE …{}", location,
                    server.identity(), cloner.strategyClause());
            return new PostgresEngine(connections, cloner, server.identity(), location, cloneOwner, cloneOwnerPassword,
                    connections.password(), embedded, buildRole);
        } catch (RuntimeException e) {
            if (connections != null) {
                connections.close();
            }
            if (embedded != null) {
                embedded.release();
            }
            throw e;
        }
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(STRATEGY, CLONE_OWNER, CLONE_OWNER_PASSWORD, ADMIN_CONNECTIONS, BUSY_TIMEOUT, BUILD_ROLE);
    }
}
