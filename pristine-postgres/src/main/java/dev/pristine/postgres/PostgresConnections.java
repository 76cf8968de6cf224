package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.AdminConnections;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.ServerEngines;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections to one server: the URL of any database on it (the server URL with the database swapped,
 * credentials kept apart), data sources for clones and builds, and a small pool of admin connections
 * to the server's admin database, so that the engine itself never holds more than a few connections
 * however many threads call it ({@code postgres.admin-connections}, default 2).
 *
 * <p>Thread-safe.
 */
final class PostgresConnections implements AutoCloseable {

    static final String APPLICATION_NAME = "pristine";

    private final List<String> hosts;
    private final String adminDatabase;
    private final Map<String, String> parameters;
    private final String user;
    private final String password;
    private final AdminConnections pool;

    /**
     * @param url the server URL, {@code jdbc:postgresql://[user[:password]@]host[:port][,host2…]/database[?params]}
     * @param user the user, or null for the URL's or the driver's default
     * @param password may be null
     */
    PostgresConnections(String url, String user, String password, int adminConnections) {
        ServerEngines.UserInfo info = ServerEngines.splitUserInfo("PostgreSQL", url);
        Properties p = Driver.parseURL(info.url(), new Properties());
        if (p == null) {
            throw new PristineException(ErrorCode.CONFIGURATION, "not a PostgreSQL JDBC URL", url,
                    "write it like jdbc:postgresql://127.0.0.1:5432/postgres");
        }
        String[] h = p.getProperty("PGHOST", "localhost").split(",");
        String[] ports = p.getProperty("PGPORT", "5432").split(",");
        this.hosts = new ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            this.hosts.add(hostPort(h[i], i < ports.length ? ports[i] : "5432"));
        }
        this.adminDatabase = p.getProperty("PGDBNAME", "").isEmpty() ? "postgres" : p.getProperty("PGDBNAME");
        this.user = info.user(user, p.getProperty("user"));
        this.password = info.password(password, p.getProperty("password"));
        Map<String, String> params = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (!k.startsWith("PG") && !k.equals("user") && !k.equals("password")) {
                params.put(k, p.getProperty(k));
            }
        }
        this.parameters = params;
        this.pool = new AdminConnections(adminConnections, () -> open(adminDatabase), PostgresErrors::isConnectionLost,
                location(), () -> new PristineException(ErrorCode.POOL_EXHAUSTED, "no admin connection to PostgreSQL within 60s",
                        location(), "lower the parallelism, or raise pristine.postgres.admin-connections"));
    }

    private static String hostPort(String host, String port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The host names of the URL (without ports or brackets). */
    List<String> hostNames() {
        List<String> out = new ArrayList<>();
        for (String hp : hosts) {
            String h = hp.substring(0, hp.lastIndexOf(':'));
            out.add(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
        }
        return out;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The URL of {@code database}, without credentials. */
    String url(String database) {
        StringBuilder sb = new StringBuilder("jdbc:postgresql://").append(String.join(",", hosts)).append('/')
                .append(database);
        char sep = '?';
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    /** Where this server is, without credentials, for messages and scoping. */
    String location() {
        return "postgresql://" + String.join(",", hosts) + "/" + adminDatabase;
    }

    String adminDatabase() {
        return adminDatabase;
    }

    Coordinates coordinates(String database, String asUser, String asPassword) {
        String first = hosts.get(0);
        int colon = first.lastIndexOf(':');
        return Coordinates.server(url(database), "postgresql", hostNames().get(0), Integer.parseInt(first.substring(colon + 1)),
                database, asUser, asPassword);
    }

    DataSource dataSource(String database, String asUser, String asPassword) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url(database));
        if (asUser != null) {
            ds.setUser(asUser);
        }
        if (asPassword != null) {
            ds.setPassword(asPassword);
        }
        return ds;
    }

    /** A new connection of Pristine's own to {@code database} (not pooled). */
    Connection open(String database) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("connectTimeout", "10");
        // Pristine's own commits (comments, renames) need not wait for the WAL flush: CREATE and DROP DATABASE
        // force a synchronous commit anyway, and a clone whose rename a server crash lost is reaped like any orphan
        props.setProperty("options", "-c synchronous_commit=off");
        return DriverManager.getConnection(url(database), props);
    }

    /** Runs {@code work} on a pooled admin connection (auto-commit on). */
    <T> T admin(AdminConnections.SqlWork<T> work) throws SQLException {
        return pool.admin(work);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        pool.close();
    }
}
