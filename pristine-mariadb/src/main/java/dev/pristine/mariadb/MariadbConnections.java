package dev.pristine.mariadb;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.AdminConnections;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.ServerEngines;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Connections to one server: the URL of any database on it (the server URL with the database swapped,
 * credentials kept apart), data sources for clones and builds, and a small pool of admin connections,
 * so that the engine never holds more than a few connections however many threads call it
 * ({@code mariadb.admin-connections}, default 4).
 *
 * <p>A {@code jdbc:mysql:} URL is accepted: Pristine talks to the server with MariaDB Connector/J and
 * hands clones out with the user's own scheme, so an application on MySQL Connector/J keeps its driver.
 *
 * <p>Thread-safe.
 */
final class MariadbConnections implements AutoCloseable {

    /** What every admin session runs right after connecting. */
    private static final String SESSION = "SET SESSION lock_wait_timeout = 10, foreign_key_checks = 1";

    private final String scheme;
    private final String authority;
    private final Map<String, String> parameters;
    private final String user;
    private final String password;
    private final List<HostAddress> addresses;
    private final int size;
    private final AdminConnections pool;

    /**
     * @param url {@code jdbc:mariadb://[user[:password]@]host[:port][,host2…]/[database][?params]} or the same with
     *     {@code jdbc:mysql:}
     * @param user the user, or null for the URL's
     * @param password may be null
     * @param adminConnections how many admin connections at most, at least 1
     */
    MariadbConnections(String url, String user, String password, int adminConnections) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:mariadb://") && !lower.startsWith("jdbc:mysql://")) {
            throw new PristineException(ErrorCode.CONFIGURATION, "not a MariaDB or MySQL JDBC URL", url,
                    "write it like jdbc:mariadb://127.0.0.1:3306/ (or jdbc:mysql://127.0.0.1:3306/)");
        }
        this.scheme = lower.startsWith("jdbc:mysql:") ? "jdbc:mysql://" : "jdbc:mariadb://";
        ServerEngines.UserInfo info = ServerEngines.splitUserInfo("MariaDB", url);
        String rest = info.url().substring(scheme.length());
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String path = q < 0 ? rest : rest.substring(0, q);
        int slash = path.indexOf('/');
        this.authority = slash < 0 ? path : path.substring(0, slash);
        Map<String, String> params = new LinkedHashMap<>();
        String urlUser = null;
        String urlPassword = null;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            if (k.equalsIgnoreCase("user")) {
                urlUser = URLDecoder.decode(v, StandardCharsets.UTF_8);
            } else if (k.equalsIgnoreCase("password")) {
                urlPassword = URLDecoder.decode(v, StandardCharsets.UTF_8);
            } else {
                params.put(k, v);
            }
        }
        this.parameters = params;
        this.user = info.user(user, urlUser);
        this.password = info.password(password, urlPassword);
        try {
            this.addresses = Configuration.parse("jdbc:mariadb://" + authority + "/").addresses();
        } catch (SQLException | RuntimeException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "cannot read the hosts of the MariaDB URL", url,
                    "write it like jdbc:mariadb://127.0.0.1:3306/", e);
        }
        if (authority.isEmpty() || addresses.isEmpty()) {
            throw new PristineException(ErrorCode.CONFIGURATION, "the MariaDB URL names no host", url,
                    "write it like jdbc:mariadb://127.0.0.1:3306/");
        }
        this.size = adminConnections;
        this.pool = new AdminConnections(adminConnections, this::open, MariadbErrors::isConnectionLost, location(),
                () -> new PristineException(ErrorCode.POOL_EXHAUSTED, "no admin connection to the server within 60s",
                        location() + " (" + size + " admin connections, all busy)",
                        "lower the parallelism, or raise pristine.mariadb.admin-connections"));
    }

    /** The host names of the URL; a local socket or named pipe counts as {@code localhost}. */
    List<String> hostNames() {
        List<String> out = new ArrayList<>();
        for (HostAddress a : addresses) {
            out.add(a.host == null ? "localhost" : a.host);
        }
        return out;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    int size() {
        return size;
    }

    /** The URL of {@code database} in the user's scheme, without credentials. */
    String url(String database) {
        return url(scheme, database);
    }

    private String url(String withScheme, String database) {
        StringBuilder sb = new StringBuilder(withScheme).append(authority).append('/').append(database == null ? "" : database);
        char sep = '?';
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append(sep).append(e.getKey());
            if (!e.getValue().isEmpty()) {
                sb.append('=').append(e.getValue());
            }
            sep = '&';
        }
        return sb.toString();
    }

    /** Where this server is, without credentials, for messages and scoping. */
    String location() {
        return (scheme.contains("mysql") ? "mysql://" : "mariadb://") + authority;
    }

    Coordinates coordinates(String database) {
        return coordinates(database, user, password);
    }

    /** The coordinates of {@code database} for another user (a build's). */
    Coordinates coordinates(String database, String asUser, String withPassword) {
        HostAddress first = addresses.get(0);
        return Coordinates.server(url(database), "mysql", hostNames().get(0), first.port, database, asUser, withPassword);
    }

    /** A data source on {@code database} with the configured credentials (MariaDB Connector/J). */
    DataSource dataSource(String database) {
        return dataSource(database, user, password);
    }

    /** A data source on {@code database} for another user (a build's). */
    DataSource dataSource(String database, String asUser, String withPassword) {
        try {
            MariaDbDataSource ds = new MariaDbDataSource(url("jdbc:mariadb://", database));
            if (asUser != null) {
                ds.setUser(asUser);
            }
            if (withPassword != null) {
                ds.setPassword(withPassword);
            }
            return ds;
        } catch (SQLException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "MariaDB Connector/J refuses the URL",
                    url(database), "check the parameters of pristine.url", e);
        }
    }

    /** A new connection of Pristine's own, on no database (not pooled). */
    Connection open() throws SQLException {
        MariaDbDataSource ds = new MariaDbDataSource(url("jdbc:mariadb://", "") + (parameters.isEmpty() ? "?" : "&")
                + "connectTimeout=10000");
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        Connection c = ds.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute(SESSION);
        } catch (SQLException e) {
            AdminConnections.closeQuietly(c);
            throw e;
        }
        return c;
    }

    /** Runs {@code work} on a pooled admin connection (auto-commit on); the work may change session settings it restores itself. */
    <T> T admin(AdminConnections.SqlWork<T> work) throws SQLException {
        return pool.admin(work);
    }

    /**
     * Reserves up to {@code max} more admin connections, only as many as are free right now (never waits).
     *
     * @return how many were reserved; run work on each with {@link #onReserved}
     */
    int reserveFree(int max) {
        return pool.reserveFree(max);
    }

    /** Gives back permits reserved with {@link #reserveFree} that were not used. */
    void unreserve(int n) {
        pool.unreserve(n);
    }

    /** Runs {@code work} on an admin connection whose permit the caller reserved with {@link #reserveFree}; releases it. */
    <T> T onReserved(AdminConnections.SqlWork<T> work) throws SQLException {
        return pool.onReserved(work);
    }

    @Override
    public void close() {
        pool.close();
    }
}
