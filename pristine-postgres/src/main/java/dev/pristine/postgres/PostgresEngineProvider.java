package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.ServerEngines;
import java.time.Duration;
import java.util.Locale;
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
    private static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

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
        PostgresCloner.Strategy strategy = strategy(settings);
        int adminConnections = number(settings, "postgres.admin-connections", 2, 1);
        Duration busyTimeout = settings.property("postgres.busy-timeout")
                .map(v -> PristineSettings.parseDuration("pristine.postgres.busy-timeout", v)).orElse(DEFAULT_BUSY_TIMEOUT);
        String cloneOwner = settings.property("postgres.clone-owner").orElse(null);
        String cloneOwnerPassword = settings.property("postgres.clone-owner-password").orElse(null);
        boolean buildRole = buildRole(settings);
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

    private static PostgresCloner.Strategy strategy(EngineSettings settings) {
        String v = settings.property("postgres.strategy").orElse("auto").trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return PostgresCloner.Strategy.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "pristine.postgres.strategy must be auto, wal_log or file_copy",
                    settings.property("postgres.strategy").orElse(""), "e.g. pristine.postgres.strategy=auto");
        }
    }

    private static boolean buildRole(EngineSettings settings) {
        String v = settings.property("postgres.build-role").orElse("true").trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new PristineException(ErrorCode.CONFIGURATION, "pristine.postgres.build-role must be true or false",
                    settings.property("postgres.build-role").orElse(""), "e.g. pristine.postgres.build-role=true");
        }
        return v.equals("true");
    }

    private static int number(EngineSettings settings, String name, int dflt, int min) {
        String v = settings.property(name).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new PristineException(ErrorCode.CONFIGURATION, "pristine." + name + " must be a whole number >= " + min, v,
                "e.g. pristine." + name + "=" + dflt);
    }
}
