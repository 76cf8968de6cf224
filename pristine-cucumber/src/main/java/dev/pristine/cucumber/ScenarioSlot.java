package dev.pristine.cucumber;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.Redact;
import dev.pristine.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of one running scenario, as the hooks set it up: the lease (its own, or one shared by a
 * feature or the run) and the connections handed out through {@link ScenarioDatabase#connection()}. The
 * scenario's thread finds it through {@link #current()}.
 *
 * <p>Thread-safe.
 */
final class ScenarioSlot {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioSlot.class);
    private static final ThreadLocal<ScenarioSlot> CURRENT = new ThreadLocal<>();

    private final TestDatabase database;
    private final String scenario;
    private final boolean shared;
    private final List<Connection> connections = new ArrayList<>();
    private Connection connection;
    private volatile boolean finished;

    ScenarioSlot(TestDatabase database, String scenario, boolean shared) {
        this.database = database;
        this.scenario = scenario;
        this.shared = shared;
    }

    /** The slot of the scenario running on this thread, or null. */
    static ScenarioSlot current() {
        return CURRENT.get();
    }

    void bindToThisThread() {
        CURRENT.set(this);
    }

    TestDatabase database() {
        return database;
    }

    String scenario() {
        return scenario;
    }

    boolean shared() {
        return shared;
    }

    boolean finished() {
        return finished;
    }

    /** The scenario's connection: opened on first use, the same one until the scenario ends (or the caller closes it). */
    synchronized Connection connection() {
        if (finished) {
            throw new PristineException(ErrorCode.CONFIGURATION, "the scenario's database was already released", scenario,
                    "use ScenarioDatabase only while its scenario runs (from steps and hooks)");
        }
        try {
            if (connection == null || connection.isClosed()) {
                connection = database.dataSource().getConnection();
                connections.add(connection);
            }
            return connection;
        } catch (SQLException e) {
            throw new PristineException(ErrorCode.ENGINE_UNREACHABLE, "could not open a connection for " + scenario,
                    Redact.mask(database.jdbcUrl()), "check that the engine is up and accepts connections", e);
        }
    }

    /** Closes the connections handed out and unbinds the slot from this thread; the lease is the caller's business. */
    synchronized void finish() {
        finished = true;
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("Closing a connection to {} of {} failed: {}", database.id(), scenario, e.getMessage());
            }
        }
        connections.clear();
        connection = null;
    }
}
