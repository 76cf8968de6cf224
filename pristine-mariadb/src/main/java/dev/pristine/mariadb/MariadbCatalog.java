package dev.pristine.mariadb;

import dev.pristine.spi.DatabaseNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pristine's record of the databases it created on a server: the table {@code pristine_catalog.databases_v1},
 * one row per database, outside every user schema. MariaDB and MySQL cannot rename a database, and MySQL
 * has no database comments, so the row is the marker: a row is written <em>before</em> its database is
 * created (its primary key gives create-new semantics), a template is published by turning its row's
 * kind from {@code build} to {@code template} (one row update, written last), and a database is dropped
 * before its row is deleted. Pristine lists, alters and drops only databases with a row of its own, so a
 * {@code pristine_…} database that someone else created is never touched.
 *
 * <p>Kinds: {@code build} (a template being built, or left by a crash), {@code template} (published),
 * {@code clone}, {@code dropping} (a template being dropped; listed as a build so the reaper finishes it).
 */
final class MariadbCatalog {

    static final String SCHEMA = "pristine_catalog";
    static final String TABLE = "`" + SCHEMA + "`.`databases_v1`";
    static final String TEMPLATE_PREFIX = "pristine_tpl_";


    /** One row of the catalog. */
    record Row(String name, String kind, String key, String marker, Instant createdAt, Instant builtAt, Instant usedAt) {}

    private MariadbCatalog() {}

    /** Creates the catalog schema and table when absent (idempotent, safe under concurrency). */
    static void ensure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + SCHEMA + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "name VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY, "
                    + "kind VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, "
                    + "template_key CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL, "
                    + "marker TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL, "
                    + "created_at BIGINT NOT NULL, built_at BIGINT NULL, used_at BIGINT NULL, "
                    + "KEY kind_key (kind, template_key)) ENGINE=InnoDB "
                    + "COMMENT='Databases Pristine created on this server; see pristine-mariadb README'");
        }
    }

    static String templateName(String key) {
        return TEMPLATE_PREFIX + checkKey(key).substring(0, 16);
    }

    /**
     * Inserts a row; false when a row of that name exists already.
     */
    static boolean insert(Connection c, String name, String kind, String key, String marker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                + " (name, kind, template_key, marker, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, checkName(name));
            ps.setString(2, kind);
            ps.setString(3, key);
            ps.setString(4, marker);
            ps.setLong(5, System.currentTimeMillis());
            ps.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException e) {
            return false;
        } catch (SQLException e) {
            if (e.getErrorCode() == MariadbErrors.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    static Optional<Row> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select() + " WHERE name = ?")) {
            ps.setString(1, name);
            List<Row> rows = rows(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    static List<Row> list(Connection c, String kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select() + " WHERE kind = ? ORDER BY name")) {
            ps.setString(1, kind);
            return rows(ps);
        }
    }

    /** Changes a row's kind (and marker, times) when it has the expected kind; false when no such row. */
    static boolean update(Connection c, String name, String fromKind, String toKind, String marker, Long builtAt, Long usedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
                + " SET kind = ?, marker = ?, built_at = COALESCE(?, built_at), used_at = COALESCE(?, used_at) "
                + "WHERE name = ? AND kind = ?")) {
            ps.setString(1, toKind);
            ps.setString(2, marker);
            ps.setObject(3, builtAt);
            ps.setObject(4, usedAt);
            ps.setString(5, name);
            ps.setString(6, fromKind);
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces a clone's marker; false when there is no such clone. */
    static boolean mark(Connection c, String name, String marker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET marker = ? WHERE name = ? AND kind = 'clone'")) {
            ps.setString(1, marker);
            ps.setString(2, name);
            return ps.executeUpdate() == 1;
        }
    }

    /** Records a use of a template, at most once a minute. */
    static void touch(Connection c, String name, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
                + " SET used_at = ? WHERE name = ? AND kind = 'template' AND (used_at IS NULL OR used_at < ?)")) {
            ps.setLong(1, now);
            ps.setString(2, name);
            ps.setLong(3, now - 60_000);
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    /** The names of every database with Pristine's prefix that exists on the server. */
    static Set<String> existing(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'pristine\\_%'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String select() {
        return "SELECT name, kind, template_key, marker, created_at, built_at, used_at FROM " + TABLE;
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)), instant(rs, 6), instant(rs, 7)));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** Refuses a name that Pristine could not have made, so a database of anyone else is never touched. */
    static String checkName(String name) {
        return DatabaseNames.checkName(name, 64, SCHEMA);
    }

    static String checkKey(String key) {
        return DatabaseNames.checkKey(key);
    }

    /** A quoted identifier. */
    static String ident(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
