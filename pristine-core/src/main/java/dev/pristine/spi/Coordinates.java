package dev.pristine.spi;

import dev.pristine.Redact;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a database is: its JDBC URL and credentials, and for tools that do not speak JDBC, a native
 * URL and its parts. {@link #toString()} masks the password; {@link #url()} never holds one.
 *
 * <p>Native URLs: {@code postgresql://user@host:port/database} (libpq), {@code mysql://user@host:port/database}
 * (the MySQL/MariaDB clients and most drivers), {@code sqlite:////absolute/path.db} ({@code sqlite:///} and the
 * absolute path, the SQLAlchemy form). H2 has no native URL: use {@link #path()} or the JDBC URL.
 *
 * @param jdbcUrl the JDBC URL, not null
 * @param user the user, may be null
 * @param password the password, may be null
 * @param url the native URL without a password, or null when the engine has none
 * @param host the server's host (the first one of a multi-host URL), or null for a file engine
 * @param port the server's port, or null for a file engine
 * @param database the database's name on the server, or null for a file engine
 * @param path the database file's absolute path, or null for a server or an in-memory database
 */
public record Coordinates(String jdbcUrl, String user, String password, String url, String host, Integer port,
        String database, Path path) {

    public Coordinates {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** Coordinates with the JDBC URL and credentials only. */
    public Coordinates(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, null, null, null, null, null);
    }

    /**
     * The coordinates of a database on a server; the native URL is {@code scheme://user@host:port/database}.
     *
     * @param jdbcUrl not null
     * @param scheme the native URL's scheme ({@code postgresql}, {@code mysql}), not null
     * @param host not null; an IPv6 literal is bracketed in the URL
     * @param port the port
     * @param database not null
     * @param user may be null (then the URL names none)
     * @param password may be null; never part of the URL
     */
    public static Coordinates server(String jdbcUrl, String scheme, String host, int port, String database, String user,
            String password) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String who = user == null ? "" : URLEncoder.encode(user, StandardCharsets.UTF_8) + "@";
        String url = scheme + "://" + who + h + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        return new Coordinates(jdbcUrl, user, password, url, host, port, database, null);
    }

    /**
     * The coordinates of a database in a file.
     *
     * @param jdbcUrl not null
     * @param path the file, not null; made absolute
     * @param url the native URL, or null when the engine has none
     * @param user may be null
     * @param password may be null
     */
    public static Coordinates file(String jdbcUrl, Path path, String url, String user, String password) {
        return new Coordinates(jdbcUrl, user, password, url, null, null, null, path.toAbsolutePath());
    }

    @Override
    public String toString() {
        return "Coordinates[jdbcUrl=" + Redact.mask(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "null" : Redact.MASK) + ", url=" + url + ", path=" + path + "]";
    }
}
