package dev.pristine.postgres;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.DatabaseEntry;
import dev.pristine.spi.Engine;
import dev.pristine.spi.NameTakenException;
import dev.pristine.spi.TemplateEntry;
import dev.pristine.spi.TemplateUses;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: a template is a database built under a temporary name ({@code pristine_build_<key>_<suffix>}),
 * then marked {@code IS_TEMPLATE}, closed to connections and renamed to {@code pristine_tpl_<key>} with its
 * comment in one transaction (the atomic publish); a clone is {@code CREATE DATABASE … TEMPLATE}; every
 * owner marker lives in {@code COMMENT ON DATABASE}, never in the user's schema. See {@link PostgresCatalog}
 * for how Pristine's databases are recognised. The migrator connects to a build as a throwaway role that owns the
 * build database only ({@link PostgresBuildRole}), so a migration cannot create, alter or drop another database.
 *
 * <p>Thread-safe.
 */
final class PostgresEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEngine.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final PostgresConnections connections;
    private final PostgresCloner cloner;
    private final String identity;
    private final String location;
    private final String cloneOwner;
    private final String cloneOwnerPassword;
    private final String password;
    private final PostgresEmbedded embedded;
    private final boolean buildRole;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean warnedNoBuildRole = new AtomicBoolean();
    /** The role of each build in progress here: {@link #coordinates} and {@link #dataSource} of a build are its. */
    private final ConcurrentMap<String, PostgresBuildRole> buildRoles = new ConcurrentHashMap<>();

    /**
     * @param buildRole whether builds run as a throwaway role ({@link PostgresBuildRole}) when the connecting role may
     *     create one ({@code pristine.postgres.build-role})
     */
    PostgresEngine(PostgresConnections connections, PostgresCloner cloner, String identity, String location,
            String cloneOwner, String cloneOwnerPassword, String password, PostgresEmbedded embedded, boolean buildRole) {
        this.connections = connections;
        this.cloner = cloner;
        this.identity = identity;
        this.location = location;
        this.cloneOwner = cloneOwner;
        this.cloneOwnerPassword = cloneOwnerPassword;
        this.password = password;
        this.embedded = embedded;
        this.buildRole = buildRole;
    }

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public int maxNameLength() {
        return 63;
    }

    @Override
    public AutoCloseable lockBuild(String key, Duration timeout) throws SQLException {
        return PostgresLock.acquire(connections, key, timeout);
    }

    @Override
    public Optional<TemplateEntry> findTemplate(String key) throws SQLException {
        String name = PostgresCatalog.templateName(key);
        return connections.admin(c -> PostgresCatalog.find(c, name)).filter(PostgresCatalog.Row::isTemplate)
                .flatMap(r -> entry(r)).filter(t -> t.key().equals(key));
    }

    private static Optional<TemplateEntry> entry(PostgresCatalog.Row r) {
        return PostgresCatalog.TemplateInfo.decode(r.comment())
                .filter(i -> r.name().equals(PostgresCatalog.templateName(i.key())))
                .map(i -> new TemplateEntry(i.key(), r.name(), i.builtAt(), i.lastUsed()));
    }

    @Override
    public List<TemplateEntry> templates() throws SQLException {
        List<TemplateEntry> out = new ArrayList<>();
        for (PostgresCatalog.Row r : connections.admin(PostgresCatalog::list)) {
            if (r.isTemplate()) {
                entry(r).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public String createBuild(String key, String marker) throws SQLException {
        PostgresCatalog.checkKey(key);
        for (int attempt = 0; ; attempt++) {
            String name = PostgresCatalog.BUILD_PREFIX + key.substring(0, 16) + "_" + suffix();
            try {
                cloner.create(name, null, null, PostgresCatalog.BUILD_COMMENT + marker);
            } catch (NameTakenException e) {
                if (attempt > 10) {
                    throw new SQLException("no free build name after 10 tries: " + name, "42P04");
                }
                continue;
            }
            if (buildRole) {
                createBuildRole(name, marker);
            }
            return name;
        }
    }

    /** Makes the build run as a throwaway role, when the connecting role may create one; else warns once. */
    private void createBuildRole(String build, String marker) throws SQLException {
        try {
            if (connections.admin(PostgresBuildRole::mayCreate)) {
                buildRoles.put(build, connections.admin(c -> PostgresBuildRole.create(c, build, marker)));
            } else if (warnedNoBuildRole.compareAndSet(false, true)) {
                String who = connections.user() == null ? "the role Pristine connects as" : connections.user();
                LOG.warn("PostgreSQL role {} may not create roles (it is neither superuser nor CREATEROLE), so templates are "
                        + "built as {} itself: only the plain SQL migrator's statement guard keeps a migration from creating "
                        + "databases or altering and dropping those {} owns, and Flyway, Liquibase or SQL built at run time "
                        + "pass it. Grant it CREATEROLE (ALTER ROLE {} CREATEROLE): each build then runs as a throwaway role "
                        + "that owns the build database only", who, who, who, who);
            }
        } catch (SQLException | RuntimeException e) {
            try {
                dropBuild(build);
            } catch (SQLException | RuntimeException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    @Override
    public TemplateEntry publish(String key, String buildName) throws SQLException {
        String build = checkOurs(buildName, true);
        String template = PostgresCatalog.templateName(key);
        Instant now = Instant.now();
        PostgresCatalog.TemplateInfo info = new PostgresCatalog.TemplateInfo(key, now, now);
        PostgresBuildRole role = buildRoles.get(build);
        if (role != null) {
            // everything the migrations made goes back to Pristine's role before anyone can clone it
            PostgresBuildRole.handBack(connections, role);
            buildRoles.remove(build);
        }
        try {
            cloner.inTransaction(build, "publishing " + build + " as " + template, template, List.of(
                    "ALTER DATABASE " + PostgresCatalog.ident(build) + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false",
                    "ALTER DATABASE " + PostgresCatalog.ident(build) + " RENAME TO " + PostgresCatalog.ident(template),
                    "COMMENT ON DATABASE " + PostgresCatalog.ident(template) + " IS "
                            + PostgresCatalog.literal(info.encode())));
        } catch (NameTakenException e) {
            throw new PristineException(ErrorCode.UNEXPECTED, "cannot publish the template: its name is taken",
                    template, "a database of that name exists but is not this key's template; drop it, then prepare again", e);
        }
        return new TemplateEntry(key, template, now, now);
    }

    @Override
    public List<DatabaseEntry> builds() throws SQLException {
        List<DatabaseEntry> out = new ArrayList<>();
        for (PostgresCatalog.Row r : connections.admin(PostgresCatalog::list)) {
            if (r.isBuild()) {
                String marker = r.comment() == null ? null : r.comment().substring(PostgresCatalog.BUILD_COMMENT.length());
                out.add(new DatabaseEntry(r.name(), marker, r.createdAt()));
            }
        }
        // roles have no creation time: the marker alone tells whether their builder is gone
        for (PostgresBuildRole.Lone r : connections.admin(PostgresBuildRole::lone)) {
            out.add(new DatabaseEntry(r.name(), r.marker(), Instant.EPOCH));
        }
        return out;
    }

    @Override
    public void dropBuild(String buildName) throws SQLException {
        if (checkOurs(buildName, false) != null) {
            cloner.drop(buildName);
        }
        if (PostgresCatalog.isBuildName(buildName)) {
            connections.admin(c -> {
                PostgresBuildRole.drop(c, buildName);
                return null;
            });
        }
        buildRoles.remove(buildName);
    }

    /**
     * A build that ran as a throwaway role and failed for want of a privilege (42501) says why, and what to do when
     * the migration really needs more than the build database.
     */
    @Override
    public Optional<String> migrationHint(String buildName, Throwable failure) {
        if (!buildRoles.containsKey(buildName) || !PostgresErrors.INSUFFICIENT_PRIVILEGE.equals(PostgresErrors.state(failure))) {
            return Optional.empty();
        }
        String who = connections.user() == null ? "the configured role" : connections.user();
        return Optional.of("the migration ran as a throwaway role that owns the build database and nothing else "
                + "(NOSUPERUSER NOCREATEDB NOCREATEROLE): it may change only the database being built; a migration that "
                + "needs a superuser (an untrusted extension such as postgis or dblink, CREATE ROLE, COPY … PROGRAM) "
                + "builds only with pristine.postgres.build-role=false, as " + who);
    }

    @Override
    public void touchTemplate(String key) throws SQLException {
        String name = PostgresCatalog.templateName(key);
        connections.admin(c -> {
            Optional<PostgresCatalog.TemplateInfo> info = PostgresCatalog.find(c, name).filter(PostgresCatalog.Row::isTemplate)
                    .flatMap(r -> PostgresCatalog.TemplateInfo.decode(r.comment()));
            Instant now = Instant.now();
            if (info.isPresent() && info.get().lastUsed().isBefore(now.minus(TOUCH_EVERY))) {
                PostgresCatalog.TemplateInfo used = new PostgresCatalog.TemplateInfo(key, info.get().builtAt(), now);
                try (Statement s = c.createStatement()) {
                    s.execute("COMMENT ON DATABASE " + PostgresCatalog.ident(name) + " IS " + PostgresCatalog.literal(used.encode()));
                }
            }
            return null;
        });
    }

    @Override
    public TemplateUses templateUses() {
        return TemplateUses.of(key -> PostgresLock.use(connections, key),
                key -> connections.admin(c -> PostgresLock.inUse(c, key)));
    }

    @Override
    public void dropTemplate(String key) throws SQLException {
        String name = PostgresCatalog.templateName(key);
        boolean ours = connections.admin(c -> PostgresCatalog.find(c, name)).map(PostgresCatalog.Row::isTemplate).orElse(false);
        if (!ours) {
            return;
        }
        connections.admin(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + PostgresCatalog.ident(name) + " WITH IS_TEMPLATE false");
            }
            return null;
        });
        cloner.drop(name);
    }

    @Override
    public void createClone(String key, String name, String marker) throws SQLException, NameTakenException {
        cloner.create(PostgresCatalog.checkName(name), PostgresCatalog.templateName(key), cloneOwner, marker);
    }

    @Override
    public String relabelClone(String name, String newName, String marker) throws SQLException, NameTakenException {
        PostgresCatalog.checkName(name);
        PostgresCatalog.checkName(newName);
        cloner.inTransaction(name, "renaming " + name + " to " + newName, newName, List.of(
                "ALTER DATABASE " + PostgresCatalog.ident(name) + " RENAME TO " + PostgresCatalog.ident(newName),
                "COMMENT ON DATABASE " + PostgresCatalog.ident(newName) + " IS " + PostgresCatalog.literal(marker)));
        return newName;
    }

    @Override
    public void markClone(String name, String marker) throws SQLException {
        if (checkOurs(name, true) == null) {
            return;
        }
        connections.admin(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("COMMENT ON DATABASE " + PostgresCatalog.ident(name) + " IS " + PostgresCatalog.literal(marker));
            }
            return null;
        });
    }

    @Override
    public List<DatabaseEntry> clones() throws SQLException {
        List<DatabaseEntry> out = new ArrayList<>();
        for (PostgresCatalog.Row r : connections.admin(PostgresCatalog::list)) {
            if (r.isClone()) {
                out.add(new DatabaseEntry(r.name(), r.comment(), r.createdAt()));
            }
        }
        return out;
    }

    @Override
    public boolean exists(String name) throws SQLException {
        PostgresCatalog.checkName(name);
        return connections.admin(c -> PostgresCatalog.find(c, name)).isPresent();
    }

    @Override
    public void dropClone(String name) throws SQLException {
        if (checkOurs(name, false) != null) {
            cloner.drop(name);
        }
    }

    /**
     * The name, when it is one of Pristine's databases; null when no database of that name exists.
     *
     * @throws PristineException with {@code UNSAFE_TARGET} when it exists but is not Pristine's
     */
    private String checkOurs(String name, boolean mustExist) throws SQLException {
        PostgresCatalog.checkName(name);
        Optional<PostgresCatalog.Row> row = connections.admin(c -> PostgresCatalog.find(c, name));
        if (row.isEmpty()) {
            if (mustExist) {
                throw new SQLException("database \"" + name + "\" does not exist", PostgresErrors.INVALID_CATALOG_NAME);
            }
            return null;
        }
        if (row.get().pristines() && !row.get().mine()) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET,
                    "refusing to touch a database of another role", name,
                    "it was created by Pristine running as a role whose privileges this one lacks; reap it as that role");
        }
        if (!row.get().ours()) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET,
                    "refusing to touch a database Pristine did not create", name,
                    "Pristine only alters or drops databases it tagged and commented itself; drop it yourself if you must");
        }
        return name;
    }

    @Override
    public Coordinates coordinates(String name) {
        PostgresCatalog.checkName(name);
        PostgresBuildRole role = buildRoles.get(name);
        if (role != null) {
            return connections.coordinates(name, role.name(), role.password());
        }
        return PostgresCatalog.isBuildName(name) || cloneOwner == null
                ? connections.coordinates(name, connections.user(), password)
                : connections.coordinates(name, cloneOwner, cloneOwnerPassword);
    }

    @Override
    public DataSource dataSource(String name) {
        Coordinates c = coordinates(name);
        return connections.dataSource(name, c.user(), c.password());
    }

    @Override
    public boolean isTransient(Throwable failure) {
        return PostgresErrors.isTransient(failure);
    }

    @Override
    public ErrorCode classify(Throwable failure) {
        return PostgresErrors.classify(failure);
    }

    private static String suffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(c);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connections.close();
        if (embedded != null) {
            embedded.release();
        }
        LOG.debug("Closed the PostgreSQL engine at {}", location);
    }
}
