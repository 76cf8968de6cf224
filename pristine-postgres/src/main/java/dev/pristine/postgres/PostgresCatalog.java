package dev.pristine.postgres;

import dev.pristine.spi.DatabaseNames;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Pristine's databases look on the server, and how they are told apart from everyone else's.
 *
 * <p>Every database Pristine creates has the {@code pristine_} prefix and is <em>tagged</em> in the same
 * statement that creates it: its {@code CONNECTION LIMIT} is set to its creation time in seconds since
 * 2001-09-09 (a number far above any {@code max_connections}, so it limits nothing). The tag makes
 * creation and ownership one atomic step, even though {@code COMMENT ON DATABASE} must follow as a second
 * statement; it also gives the creation time that PostgreSQL does not keep. Comments then say what the
 * database is: a template ({@code pristine-template:v1 key=…&built=…&used=…}), an unfinished build
 * ({@code pristine-build:v1 <owner marker>}) or a clone (the core's owner marker). Pristine only lists,
 * alters or drops databases with the prefix, the tag, and either no comment yet or a Pristine one, that
 * the connecting role may drop: several roles can share a server, each reaping its own.
 */
final class PostgresCatalog {

    static final String PREFIX = "pristine_";
    static final String TEMPLATE_PREFIX = "pristine_tpl_";
    static final String BUILD_PREFIX = "pristine_build_";
    static final String TEMPLATE_COMMENT = "pristine-template:v1 ";
    static final String BUILD_COMMENT = "pristine-build:v1 ";
    /** Above the largest max_connections PostgreSQL accepts (262143): a tag never limits anything. */
    static final int MIN_TAG = 262_144;
    private static final long TAG_EPOCH = 1_000_000_000L;

    private static final Pattern TEMPLATE_NAME = Pattern.compile("pristine_tpl_[0-9a-f]{16}");
    private static final Pattern BUILD_NAME = Pattern.compile("pristine_build_[0-9a-f]{16}_[a-z0-9]{8}");
    private static final Pattern TEMPLATE_FIELDS = Pattern.compile("key=([0-9a-f]{64})&built=(\\d+)&used=(\\d+)");

    /**
     * One database with the prefix, as pg_database shows it.
     *
     * @param mine whether the connecting role may drop it (it owns it, has the owner's privileges, or is superuser)
     */
    record Row(String name, String comment, int connectionLimit, boolean mine) {

        boolean tagged() {
            return connectionLimit >= MIN_TAG;
        }

        Instant createdAt() {
            return Instant.ofEpochSecond(connectionLimit + TAG_EPOCH);
        }

        /** Pristine's: prefix, tag, and no comment yet or a Pristine one. */
        boolean pristines() {
            return name.startsWith(PREFIX) && tagged() && (comment == null || comment.startsWith("pristine"));
        }

        /** Pristine's, and this role's to alter and drop: other roles' databases are theirs to reap. */
        boolean ours() {
            return pristines() && mine;
        }

        boolean isTemplate() {
            return ours() && TEMPLATE_NAME.matcher(name).matches() && comment != null && comment.startsWith(TEMPLATE_COMMENT);
        }

        boolean isBuild() {
            return ours() && BUILD_NAME.matcher(name).matches() && (comment == null || comment.startsWith(BUILD_COMMENT));
        }

        boolean isClone() {
            return ours() && !isTemplate() && !isBuild() && (comment == null
                    || !(comment.startsWith(TEMPLATE_COMMENT) || comment.startsWith(BUILD_COMMENT)));
        }
    }

    /** What a template's comment holds. */
    record TemplateInfo(String key, Instant builtAt, Instant lastUsed) {

        String encode() {
            return TEMPLATE_COMMENT + "key=" + key + "&built=" + builtAt.toEpochMilli() + "&used=" + lastUsed.toEpochMilli();
        }

        static Optional<TemplateInfo> decode(String comment) {
            if (comment == null || !comment.startsWith(TEMPLATE_COMMENT)) {
                return Optional.empty();
            }
            Matcher m = TEMPLATE_FIELDS.matcher(comment.substring(TEMPLATE_COMMENT.length()).trim());
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new TemplateInfo(m.group(1), Instant.ofEpochMilli(Long.parseLong(m.group(2))),
                    Instant.ofEpochMilli(Long.parseLong(m.group(3)))));
        }
    }

    private PostgresCatalog() {}

    /** The tag for a database created now. */
    static int tagNow() {
        return (int) (Instant.now().getEpochSecond() - TAG_EPOCH);
    }

    static String templateName(String key) {
        return TEMPLATE_PREFIX + checkKey(key).substring(0, 16);
    }

    static boolean isBuildName(String name) {
        return BUILD_NAME.matcher(name).matches();
    }

    /** Every database with Pristine's prefix (whether ours or not: callers filter). */
    static List<Row> list(Connection c) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT datname, shobj_description(oid, 'pg_database'), datconnlimit, "
                        + "pg_has_role(datdba, 'USAGE') FROM pg_database WHERE datname LIKE 'pristine\\_%' ORDER BY datname")) {
            while (rs.next()) {
                out.add(new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)));
            }
        }
        return out;
    }

    /** The database of that name, if it exists. */
    static Optional<Row> find(Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT datname, shobj_description(oid, 'pg_database'), datconnlimit, "
                + "pg_has_role(datdba, 'USAGE') FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4)))
                        : Optional.empty();
            }
        }
    }

    /** Refuses a name that Pristine could not have made, so a database of anyone else is never touched. */
    static String checkName(String name) {
        return DatabaseNames.checkName(name, 63);
    }

    static String checkKey(String key) {
        return DatabaseNames.checkKey(key);
    }

    /** A quoted identifier. */
    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A quoted string literal, right whatever standard_conforming_strings says. */
    static String literal(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
