package dev.pristine.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database on a MariaDB/MySQL server that Pristine did not create (no {@code pristine_} prefix, no
 * catalog row), holding one table {@code keep} with one row: what a migration must never reach. Dropped
 * on {@link #close()}.
 *
 * <p>Not thread-safe.
 */
public final class MariadbDecoy implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final String name;

    private MariadbDecoy(String url, String user, String password, String name) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /**
     * Creates a decoy named {@code <prefix>_<8 random characters>} on the server of {@code url}.
     *
     * @param url a {@code jdbc:mariadb:} server URL, not null
     * @param user the admin user, may be null
     * @param password may be null
     */
    public static MariadbDecoy create(String url, String user, String password, String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        MariadbDecoy d = new MariadbDecoy(url, user, password, name);
        try (Connection c = d.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "`");
            s.execute("CREATE TABLE `" + name + "`.keep (id INT PRIMARY KEY)");
            s.execute("INSERT INTO `" + name + "`.keep VALUES (1)");
        }
        return d;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** What the decoy holds now: its tables and, for {@code keep}, its rows, e.g. {@code [keep=[1]]}; {@code []} when it is gone. */
    public String contents() throws SQLException {
        try (Connection c = connect()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            List<String> out = new ArrayList<>();
            for (String t : tables) {
                if (!t.equals("keep")) {
                    out.add(t);
                    continue;
                }
                List<Integer> ids = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM `" + name + "`.keep ORDER BY id")) {
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                    }
                }
                out.add("keep=" + ids);
            }
            return out.toString();
        }
    }

    /** Whether the database still exists. */
    public boolean exists() throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}
