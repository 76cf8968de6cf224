package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.Redact;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The throwaway role a template build runs as: a {@code LOGIN} role named like the build database
 * ({@code pristine_build_<key16>_<suffix>}), {@code NOSUPERUSER NOCREATEDB NOCREATEROLE}, with a random password
 * (registered with the redaction, never printed), owner of the build database and of nothing else. The migrator
 * connects as it, so {@code DROP}/{@code ALTER DATABASE} of another database, {@code CREATE DATABASE},
 * {@code CREATE ROLE}, {@code COPY … PROGRAM} and untrusted extensions fail on the server, whatever the migrator's
 * parser saw. Before publishing, everything it owns goes back to Pristine's role ({@code REASSIGN OWNED}, its default
 * privileges re-granted for that role, {@code DROP OWNED}), so a template looks as if Pristine's role had migrated
 * it, and the role is dropped; a failed or reaped build drops it with the database. Its {@code COMMENT ON ROLE}
 * ({@code pristine-build-role:v1 <owner marker>}) tells Pristine's roles from everyone else's.
 *
 * @param name the role name, the build database's name
 * @param password the random password
 */
record PostgresBuildRole(String name, String password) {

    static final String COMMENT = "pristine-build-role:v1 ";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** pg_default_acl.defaclobjtype → the object kind of ALTER DEFAULT PRIVILEGES. */
    private static final Map<String, String> DEFAULT_KINDS = Map.of("r", "TABLES", "S", "SEQUENCES", "f", "FUNCTIONS",
            "T", "TYPES", "n", "SCHEMAS");

    @Override
    public String toString() {
        return "PostgresBuildRole[" + name + "]";
    }

    /** Whether the connecting role may create the build role: a superuser, or a role with CREATEROLE. */
    static boolean mayCreate(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * Creates the role of the build database {@code database} and makes it the database's owner, in one transaction
     * (a crash leaves either nothing or a role the build's reaping drops). Pristine's role becomes a member, so that it
     * may hand the objects back and drop the role.
     */
    static PostgresBuildRole create(Connection c, String database, String marker) throws SQLException {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Redact.register(password);
        String role = PostgresCatalog.ident(checkName(database));
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD "
                    + PostgresCatalog.literal(password));
            s.execute("COMMENT ON ROLE " + role + " IS " + PostgresCatalog.literal(COMMENT + marker));
            s.execute("GRANT " + role + " TO CURRENT_USER");
            s.execute("ALTER DATABASE " + role + " OWNER TO " + role);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        return new PostgresBuildRole(database, password);
    }

    /**
     * Gives everything the role owns in the build database (the database included) to Pristine's role, moves its
     * default privileges to that role, and drops what is left of it: its privileges, then the role.
     */
    static void handBack(PostgresConnections connections, PostgresBuildRole role) throws SQLException {
        String ident = PostgresCatalog.ident(role.name());
        try (Connection c = connections.open(role.name())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String grant : defaultPrivileges(c, role.name())) {
                    s.execute(grant);
                }
                s.execute("REASSIGN OWNED BY " + ident + " TO CURRENT_USER");
                s.execute("DROP OWNED BY " + ident);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        connections.admin(c -> {
            drop(c, role.name());
            return null;
        });
    }

    /**
     * The {@code ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER …} statements that give Pristine's role the default
     * privileges the migrations set for the build role ({@code REASSIGN OWNED} leaves those behind, and {@code DROP
     * OWNED} deletes them). A global entry replaces the built-in defaults, so it is rebuilt from scratch.
     */
    private static List<String> defaultPrivileges(Connection c, String role) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT d.defaclobjtype::text, n.nspname, a.grantee = d.defaclrole, "
                + "CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(a.grantee::regrole::text) END, a.privilege_type, "
                + "a.is_grantable, quote_ident(current_user) FROM pg_default_acl d "
                + "LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace LEFT JOIN LATERAL aclexplode(d.defaclacl) WITH ORDINALITY a ON true "
                + "WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = ?) ORDER BY 1, 2 NULLS FIRST, a.ordinality")) {
            ps.setString(1, role);
            String reset = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = DEFAULT_KINDS.get(rs.getString(1));
                    String schema = rs.getString(2);
                    String me = rs.getString(7);
                    String prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE " + me
                            + (schema == null ? "" : " IN SCHEMA " + PostgresCatalog.ident(schema));
                    if (schema == null && !kind.equals(reset)) {
                        // a global entry is the whole default ACL, the owner's own rights included
                        out.add(prefix + " REVOKE ALL ON " + kind + " FROM PUBLIC, " + me);
                        reset = kind;
                    }
                    if (rs.getString(5) != null) {
                        String grantee = rs.getBoolean(3) ? me : rs.getString(4);
                        out.add(prefix + " GRANT " + rs.getString(5) + " ON " + kind + " TO " + grantee
                                + (rs.getBoolean(6) ? " WITH GRANT OPTION" : ""));
                    }
                }
            }
        }
        return out;
    }

    /** Drops the build role of that name, when it exists and is Pristine's (its comment) and this role's to drop. */
    static void drop(Connection c, String name) throws SQLException {
        checkName(name);
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ? "
                + "AND shobj_description(oid, 'pg_authid') LIKE ? AND pg_has_role(oid, 'USAGE')")) {
            ps.setString(1, name);
            ps.setString(2, COMMENT + "%");
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + PostgresCatalog.ident(name));
        }
    }

    /**
     * Build roles whose database is gone (a crash between dropping a build and its role), as builds with their
     * owner markers, so that the reaper drops them.
     */
    static List<Lone> lone(Connection c) throws SQLException {
        List<Lone> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT rolname, shobj_description(oid, "
                + "'pg_authid') FROM pg_roles r WHERE rolname LIKE 'pristine\\_build\\_%' AND pg_has_role(oid, 'USAGE') "
                + "AND NOT EXISTS (SELECT FROM pg_database WHERE datname = r.rolname) ORDER BY 1")) {
            while (rs.next()) {
                String comment = rs.getString(2);
                if (PostgresCatalog.isBuildName(rs.getString(1)) && comment != null && comment.startsWith(COMMENT)) {
                    out.add(new Lone(rs.getString(1), comment.substring(COMMENT.length())));
                }
            }
        }
        return out;
    }

    /** A build role without its database. */
    record Lone(String name, String marker) {}

    private static String checkName(String name) {
        if (!PostgresCatalog.isBuildName(name)) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET, "not the name of a Pristine build role", name,
                    "Pristine creates and drops only roles named like its template builds");
        }
        return name;
    }
}
