package dev.pristine.bench;

import dev.pristine.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One mode's way to get and give back a database. */
final class Runner {

    /** Gets the database of test {@code id}. */
    interface Acquire {
        Lease acquire(long id) throws Exception;
    }

    /** Gives a database back. */
    interface Release {
        void release() throws Exception;
    }

    /** A database a test holds. */
    record Lease(String jdbcUrl, String user, String password, boolean rollback, Release releaser) {
        static Lease of(TestDatabase db, boolean rollback, Release release) {
            return new Lease(db.jdbcUrl(), db.user(), db.password(), rollback, release);
        }

        static Lease of(BenchTarget.Database db, boolean rollback, Release release) {
            return new Lease(db.jdbcUrl(), db.user(), db.password(), rollback, release);
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }

        void release() throws Exception {
            releaser.release();
        }
    }

    final Mode mode;
    private final Acquire acquire;

    Runner(Mode mode, Acquire acquire) {
        this.mode = mode;
        this.acquire = acquire;
    }

    Lease acquire(long id) throws Exception {
        return acquire.acquire(id);
    }
}
