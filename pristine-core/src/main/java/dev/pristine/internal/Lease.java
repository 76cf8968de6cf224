package dev.pristine.internal;

import dev.pristine.Redact;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Coordinates;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/** A leased clone; closing it gives it back to its pool. Thread-safe. */
final class Lease implements TestDatabase {

    private final ClonePool pool;
    private final String name;
    private final String key;
    private final String test;
    private final Coordinates coordinates;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean kept;
    private volatile DataSource dataSource;

    Lease(ClonePool pool, String name, String key, String test) {
        this.pool = pool;
        this.name = name;
        this.key = key;
        this.test = test;
        this.coordinates = pool.engine().coordinates(name);
    }

    @Override
    public String id() {
        return name;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String jdbcUrl() {
        return coordinates.jdbcUrl();
    }

    @Override
    public String user() {
        return coordinates.user();
    }

    @Override
    public String password() {
        return coordinates.password();
    }

    @Override
    public Coordinates coordinates() {
        return coordinates;
    }

    @Override
    public DataSource dataSource() {
        DataSource ds = dataSource;
        if (ds == null) {
            synchronized (this) {
                if (dataSource == null) {
                    dataSource = pool.engine().dataSource(name);
                }
                ds = dataSource;
            }
        }
        return ds;
    }

    @Override
    public void keep(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (!closed.get()) {
            pool.keep(name, test, duration);
            kept = true;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.release(name, kept);
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + ", " + Redact.mask(coordinates.jdbcUrl()) + "]";
    }
}
