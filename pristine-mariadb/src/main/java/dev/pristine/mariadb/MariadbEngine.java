package dev.pristine.mariadb;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.DatabaseEntry;
import dev.pristine.spi.Engine;
import dev.pristine.spi.NameTakenException;
import dev.pristine.spi.TemplateEntry;
import dev.pristine.spi.TemplateUses;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB and MySQL: a template is built in a database of its final name ({@code pristine_tpl_<key16>})
 * and published by one catalog row update written last (neither server can rename a database); a clone
 * is a faithful copy of the template's schema into a new database ({@link MariadbCloner}); owner markers
 * live in Pristine's catalog ({@link MariadbCatalog}), never in the user's schema. Relabelling a clone
 * replaces its marker and keeps its name. The migrator connects to a build as a throwaway user with rights on
 * the build database only ({@link MariadbBuildUser}), so a migration cannot write outside it.
 *
 * <p>Thread-safe.
 */
final class MariadbEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(MariadbEngine.class);

    private final MariadbConnections connections;
    private final MariadbCloner cloner;
    private final MariadbRecycler recycler;
    private final String identity;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Access denied to a database (1044), command denied (1142), needs a privilege (1227), may not grant (1410). */
    private static final Set<Integer> NO_RIGHT_TO_GRANT = Set.of(1044, 1142, 1227, 1410);
    /** The user of each build in progress here: {@link #coordinates} and {@link #dataSource} of a build are its. */
    private final ConcurrentMap<String, MariadbBuildUser> buildUsers = new ConcurrentHashMap<>();

    MariadbEngine(MariadbConnections connections, MariadbCloner cloner, MariadbRecycler recycler, String identity) {
        this.connections = connections;
        this.cloner = cloner;
        this.recycler = recycler;
        this.identity = identity;
    }

    @Override
    public String id() {
        return "mariadb";
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String location() {
        return connections.location();
    }

    @Override
    public int maxNameLength() {
        return 64;
    }

    @Override
    public AutoCloseable lockBuild(String key, Duration timeout) throws SQLException {
        return MariadbLock.acquire(connections, key, timeout);
    }

    @Override
    public Optional<TemplateEntry> findTemplate(String key) throws SQLException {
        String name = MariadbCatalog.templateName(key);
        return connections.admin(c -> {
            Optional<MariadbCatalog.Row> row = MariadbCatalog.find(c, name)
                    .filter(r -> r.kind().equals("template") && key.equals(r.key()));
            if (row.isEmpty() || !MariadbCatalog.exists(c, name)) {
                return Optional.empty();
            }
            return Optional.of(entry(row.get()));
        });
    }

    private static TemplateEntry entry(MariadbCatalog.Row r) {
        Instant built = r.builtAt() == null ? r.createdAt() : r.builtAt();
        Instant used = r.usedAt() == null || r.usedAt().isBefore(built) ? built : r.usedAt();
        return new TemplateEntry(r.key(), r.name(), built, used);
    }

    @Override
    public List<TemplateEntry> templates() throws SQLException {
        return connections.admin(c -> {
            Set<String> existing = MariadbCatalog.existing(c);
            List<TemplateEntry> out = new ArrayList<>();
            for (MariadbCatalog.Row r : MariadbCatalog.list(c, "template")) {
                if (existing.contains(r.name()) && r.key() != null) {
                    out.add(entry(r));
                }
            }
            return out;
        });
    }

    @Override
    public String createBuild(String key, String marker) throws SQLException {
        String name = MariadbCatalog.templateName(key);
        // Called under the build lock: a row of this name is a leftover (a crashed build, or a template
        // whose database was dropped behind Pristine's back). Finish it off before building anew.
        Optional<MariadbCatalog.Row> old = connections.admin(c -> MariadbCatalog.find(c, name));
        if (old.isPresent()) {
            if (old.get().kind().equals("clone")) {
                throw new PristineException(ErrorCode.UNEXPECTED, "a clone holds the name of a template", name,
                        "drop it with release or gc, then prepare again");
            }
            LOG.info("Dropping {}, left by a build or a template that did not survive", name);
            forget(name);
            cloner.drop(name);
            connections.admin(c -> {
                MariadbBuildUser.drop(c, name);
                MariadbCatalog.delete(c, name);
                return null;
            });
        }
        boolean inserted = connections.admin(c -> MariadbCatalog.insert(c, name, "build", key, marker));
        if (!inserted) {
            throw new SQLException("the catalog row of " + name + " reappeared while the build lock was held", "40001", 1213);
        }
        try {
            cloner.createEmpty(name);
        } catch (NameTakenException e) {
            connections.admin(c -> {
                MariadbCatalog.delete(c, name);
                return null;
            });
            throw new PristineException(ErrorCode.UNSAFE_TARGET, "a database Pristine did not create holds the name of a template",
                    name, "Pristine never drops what it did not create: drop that database yourself, then prepare again", e);
        } catch (SQLException | RuntimeException e) {
            connections.admin(c -> {
                MariadbCatalog.delete(c, name);
                return null;
            });
            throw e;
        }
        try {
            buildUsers.put(name, connections.admin(c -> MariadbBuildUser.create(c, name)));
        } catch (SQLException | RuntimeException e) {
            cloner.drop(name);
            connections.admin(c -> {
                MariadbCatalog.delete(c, name);
                return null;
            });
            if (e instanceof SQLException s && NO_RIGHT_TO_GRANT.contains(s.getErrorCode())) {
                String who = connections.user() == null ? "the user Pristine connects as" : connections.user();
                throw new PristineException(ErrorCode.CONFIGURATION, "cannot create the user a template build runs as: "
                        + MariadbErrors.reason(s), who + " on " + connections.location(), "give " + who + " CREATE USER "
                        + "and GRANT OPTION (on a test server: GRANT ALL PRIVILEGES ON *.* TO " + who + " WITH GRANT OPTION)", s);
            }
            throw e;
        }
        return name;
    }

    @Override
    public TemplateEntry publish(String key, String buildName) throws SQLException {
        String name = MariadbCatalog.templateName(key);
        if (!name.equals(buildName)) {
            throw new PristineException(ErrorCode.UNEXPECTED, "not the build of this key", buildName, "publish " + name);
        }
        long now = System.currentTimeMillis();
        MariadbCatalog.Row row = connections.admin(c -> {
            if (!MariadbCatalog.exists(c, name)) {
                throw new SQLException("Unknown database '" + name + "'", "42000", 1049);
            }
            // The build user is locked before the template is published: nobody logs in as it again.
            MariadbBuildUser user = buildUsers.remove(name);
            if (user != null) {
                MariadbBuildUser.lock(c, user);
            }
            // The completion marker, written last: from here on findTemplate returns it.
            if (!MariadbCatalog.update(c, name, "build", "template", null, now, now)) {
                throw new SQLException("the build " + name + " has no catalog row of kind build any more", "42000");
            }
            return MariadbCatalog.find(c, name).orElseThrow();
        });
        return entry(row);
    }

    @Override
    public List<DatabaseEntry> builds() throws SQLException {
        List<DatabaseEntry> out = new ArrayList<>();
        connections.admin(c -> {
            for (MariadbCatalog.Row r : MariadbCatalog.list(c, "build")) {
                out.add(new DatabaseEntry(r.name(), r.marker(), r.createdAt()));
            }
            for (MariadbCatalog.Row r : MariadbCatalog.list(c, "dropping")) {
                out.add(new DatabaseEntry(r.name(), null, r.createdAt()));
            }
            return null;
        });
        return out;
    }

    @Override
    public void dropBuild(String buildName) throws SQLException {
        MariadbCatalog.checkName(buildName);
        Optional<MariadbCatalog.Row> row = connections.admin(c -> MariadbCatalog.find(c, buildName));
        if (row.isEmpty() || !(row.get().kind().equals("build") || row.get().kind().equals("dropping"))) {
            return;
        }
        forget(buildName);
        cloner.drop(buildName);
        connections.admin(c -> {
            MariadbBuildUser.drop(c, buildName);
            MariadbCatalog.delete(c, buildName);
            return null;
        });
        buildUsers.remove(buildName);
    }

    @Override
    public void touchTemplate(String key) throws SQLException {
        String name = MariadbCatalog.templateName(key);
        connections.admin(c -> {
            MariadbCatalog.touch(c, name, System.currentTimeMillis());
            return null;
        });
    }

    @Override
    public TemplateUses templateUses() {
        return TemplateUses.of(key -> MariadbLock.use(connections, key),
                key -> connections.admin(c -> MariadbLock.inUse(c, key)));
    }

    @Override
    public void dropTemplate(String key) throws SQLException {
        String name = MariadbCatalog.templateName(key);
        // First the row stops saying "template" (findTemplate no longer returns it), then the database goes,
        // then the row: a crash in between leaves a "dropping" row that the reaper finishes as a build.
        boolean ours = connections.admin(c -> MariadbCatalog.update(c, name, "template", "dropping", null, null, null));
        if (!ours) {
            return;
        }
        forget(name);
        cloner.drop(name);
        connections.admin(c -> {
            MariadbBuildUser.drop(c, name);
            MariadbCatalog.delete(c, name);
            return null;
        });
    }

    private void forget(String template) {
        cloner.forget(template);
        recycler.forget(template);
    }

    @Override
    public void createClone(String key, String name, String marker) throws SQLException, NameTakenException {
        MariadbCatalog.checkName(name);
        String template = MariadbCatalog.templateName(key);
        MariadbPlan plan = cloner.plan(template);
        if (!connections.admin(c -> MariadbCatalog.insert(c, name, "clone", key, marker))) {
            throw new NameTakenException(name);
        }
        try {
            cloner.copy(plan, name);
        } catch (NameTakenException e) {
            forgetRow(name, false); // someone else's database: never dropped, never claimed
            throw e;
        } catch (SQLException | RuntimeException e) {
            forgetRow(name, true); // the copy dropped what it created
            throw e;
        }
    }

    /** Deletes the row of a clone that failed; with {@code unlessExists}, keeps it while the database exists (the reaper drops both). */
    private void forgetRow(String name, boolean unlessExists) {
        try {
            connections.admin(c -> {
                if (!unlessExists || !MariadbCatalog.exists(c, name)) {
                    MariadbCatalog.delete(c, name);
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Removing the catalog row of the failed clone {} failed; the reaper will retry: {}", name, e.toString());
        }
    }

    /**
     * Resets a released clone to its template's state in place ({@link MariadbRecycler}) and gives it a new
     * marker; far cheaper than dropping it and copying the template again when a test changed few tables.
     * Restores only the tables a test changed, when the clone's structure still matches the template.
     *
     * @return whether the clone was reset; false when it must be dropped instead (its structure changed)
     */
    @Override
    public boolean resetClone(String key, String name, String marker) throws SQLException {
        MariadbCatalog.checkName(name);
        Optional<MariadbCatalog.Row> row = connections.admin(c -> MariadbCatalog.find(c, name));
        if (row.isEmpty() || !row.get().kind().equals("clone") || !key.equals(row.get().key())) {
            return false;
        }
        List<String> restored = recycler.reset(cloner.plan(MariadbCatalog.templateName(key)), name);
        if (restored == null) {
            return false;
        }
        LOG.debug("Reset clone {} (restored {})", name, restored);
        markClone(name, marker);
        return true;
    }

    @Override
    public String relabelClone(String name, String newName, String marker) throws SQLException {
        markClone(name, marker);
        return name;
    }

    @Override
    public void markClone(String name, String marker) throws SQLException {
        MariadbCatalog.checkName(name);
        if (!connections.admin(c -> MariadbCatalog.mark(c, name, marker))) {
            throw new SQLException("Unknown database '" + name + "' (no clone of that name in " + MariadbCatalog.TABLE + ")",
                    "42000", 1049);
        }
    }

    @Override
    public List<DatabaseEntry> clones() throws SQLException {
        List<DatabaseEntry> out = new ArrayList<>();
        for (MariadbCatalog.Row r : connections.admin(c -> MariadbCatalog.list(c, "clone"))) {
            out.add(new DatabaseEntry(r.name(), r.marker(), r.createdAt()));
        }
        return out;
    }

    @Override
    public boolean exists(String name) throws SQLException {
        MariadbCatalog.checkName(name);
        return connections.admin(c -> MariadbCatalog.exists(c, name));
    }

    @Override
    public void dropClone(String name) throws SQLException {
        MariadbCatalog.checkName(name);
        Optional<MariadbCatalog.Row> row = connections.admin(c -> MariadbCatalog.find(c, name));
        if (row.isEmpty() || !row.get().kind().equals("clone")) {
            return; // not a clone Pristine recorded: never touched
        }
        cloner.drop(name);
        connections.admin(c -> {
            MariadbCatalog.delete(c, name);
            return null;
        });
    }

    @Override
    public Coordinates coordinates(String name) {
        MariadbBuildUser u = buildUsers.get(MariadbCatalog.checkName(name));
        return u == null ? connections.coordinates(name) : connections.coordinates(name, u.name(), u.password());
    }

    @Override
    public DataSource dataSource(String name) {
        MariadbBuildUser u = buildUsers.get(MariadbCatalog.checkName(name));
        return u == null ? connections.dataSource(name) : connections.dataSource(name, u.name(), u.password());
    }

    @Override
    public boolean isTransient(Throwable failure) {
        return MariadbErrors.isTransient(failure);
    }

    @Override
    public ErrorCode classify(Throwable failure) {
        return MariadbErrors.classify(failure);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cloner.close();
            connections.close();
        }
    }
}
