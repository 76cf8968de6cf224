package dev.pristine.examples.bookstore;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Connections and transactions for the repositories and the service. */
final class Jdbc {

    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Jdbc() {}

    /** Runs {@code work} on a connection of its own, in auto-commit. */
    static <T> T query(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction, committed when it returns and rolled back when it throws.
     * Its first statement should be a write: SQLite cannot upgrade a reading transaction while another
     * connection writes, but waits (busy timeout) for a writing one.
     */
    static <T> T inTransaction(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }
}
