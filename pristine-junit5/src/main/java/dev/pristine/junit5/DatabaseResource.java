package dev.pristine.junit5;

import dev.pristine.Cleanup;
import dev.pristine.ErrorCode;
import dev.pristine.KeptDatabase;
import dev.pristine.PristineException;
import dev.pristine.Redact;
import dev.pristine.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of one scope (a test method, or a class for per-class databases), stored in that scope's
 * store and closed with it: closes the connections it handed out, then drops the clone or, depending
 * on the cleanup mode and the outcome, keeps it for inspection.
 *
 * <p>Thread-safe: per-class databases are used by concurrent test methods.
 */
@SuppressWarnings("deprecation") // CloseableResource keeps JUnit < 5.13 (and autoclose disabled) working
final class DatabaseResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseResource.class);

    private final TestDatabase database;
    private final String test;
    private final Cleanup cleanup;
    private final Duration keepFor;
    private final ExtensionContext scope;
    private final Map<Object, Connection> connections = new LinkedHashMap<>();
    private boolean closed;

    DatabaseResource(TestDatabase database, String test, Request request, ExtensionContext scope) {
        this.database = database;
        this.test = test;
        this.cleanup = request.cleanup();
        this.keepFor = request.keepFor();
        this.scope = scope;
    }

    TestDatabase database() {
        return database;
    }

    /**
     * The connection of one injection point, opened on first use and closed with the scope; the same
     * one for the same field or parameter, unless the test closed it.
     */
    synchronized Connection connection(Object injectionPoint) {
        try {
            Connection c = connections.get(injectionPoint);
            if (c == null || c.isClosed()) {
                c = database.dataSource().getConnection();
                connections.put(injectionPoint, c);
            }
            return c;
        } catch (SQLException e) {
            throw new PristineException(ErrorCode.ENGINE_UNREACHABLE, "could not open a connection for " + test,
                    Redact.mask(database.jdbcUrl()), "check that the engine is up and accepts connections", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (Connection c : connections.values()) {
                try {
                    c.close();
                } catch (SQLException e) {
                    LOG.warn("Closing a connection to {} of {} failed: {}", database.id(), test, e.getMessage());
                }
            }
            boolean failed = FailureTracker.failed(scope);
            if (cleanup.keeps(failed)) {
                database.keep(keepFor);
                KeptDatabase kept = KeptDatabase.of(database, test, failed, cleanup, Instant.now().plus(keepFor));
                scope.publishReportEntry(kept.entries()); // seen in IDEs and reports, with or without a logging backend
                kept.log();
            }
        } finally {
            database.close();
        }
    }
}
