package dev.pristine.cucumber;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.TestDatabase;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * The database of the running scenario: fresh and fully migrated, seen by no other scenario (unless the
 * scenario is tagged {@value #SHARED_TAG}). Step classes get it through Cucumber's object factory, e.g.
 * with picocontainer by constructor injection:
 *
 * <pre>{@code
 * public class InvoiceSteps {
 *     private final ScenarioDatabase db;
 *
 *     public InvoiceSteps(ScenarioDatabase db) {
 *         this.db = db;
 *     }
 *
 *     @When("customer {int} places an invoice")
 *     public void placeInvoice(int customer) throws SQLException {
 *         try (Connection c = db.dataSource().getConnection()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>The hooks of the glue package {@code dev.pristine.cucumber} lease the database before the scenario's
 * first user hook and release it after its last one. An instance belongs to the scenario running on the
 * thread that first uses it; {@link #routingDataSource()} serves whichever scenario runs on the calling
 * thread, for singletons such as a Spring {@code DataSource} bean.
 *
 * <p>Thread-safe.
 */
public final class ScenarioDatabase {

    /** The tag that makes the scenarios of a feature (or the tagged scenarios) share one database. */
    public static final String SHARED_TAG = "@pristine-shared";

    private volatile ScenarioSlot bound;

    /** An instance for the running scenario; object factories call this (picocontainer, Spring, Guice). */
    public ScenarioDatabase() {}

    /**
     * The database of the scenario running on this thread.
     *
     * @throws PristineException with {@code CONFIGURATION} when no scenario with a database runs on this thread
     */
    public static ScenarioDatabase current() {
        ScenarioDatabase db = new ScenarioDatabase();
        db.bound = requireCurrent();
        return db;
    }

    /**
     * A data source that, on each {@code getConnection()}, connects to the database of the scenario
     * running on the calling thread: a stand-in for an application's singleton {@code DataSource} bean.
     */
    public static DataSource routingDataSource() {
        return RoutingDataSource.INSTANCE;
    }

    /** A data source for the scenario's database; the same instance on every call. */
    public DataSource dataSource() {
        return slot().database().dataSource();
    }

    /**
     * A connection to the scenario's database: opened on first use, the same one for the whole scenario,
     * and closed by the hooks when the scenario ends. Closing it yourself is allowed; the next call opens another.
     */
    public Connection connection() {
        return slot().connection();
    }

    /** The JDBC URL of the scenario's database. */
    public String jdbcUrl() {
        return slot().database().jdbcUrl();
    }

    /** The user to connect as, or null when the engine needs none. */
    public String user() {
        return slot().database().user();
    }

    /** The password to connect with, or null. */
    public String password() {
        return slot().database().password();
    }

    /** The lease id (the database name), as {@code pristine status} lists it. */
    public String id() {
        return slot().database().id();
    }

    /** The lease itself. Leave releasing it to the hooks; {@code keep(Duration)} keeps it for inspection. */
    public TestDatabase testDatabase() {
        return slot().database();
    }

    /** Whether other scenarios use this database too ({@value #SHARED_TAG}, or {@code pristine.isolation}). */
    public boolean isShared() {
        return slot().shared();
    }

    /** The name of the scenario the database belongs to. */
    public String scenario() {
        return slot().scenario();
    }

    private ScenarioSlot slot() {
        ScenarioSlot s = ScenarioSlot.current();
        if (s != null) {
            bound = s;
            return s;
        }
        s = bound;
        if (s != null && !s.finished()) {
            return s;
        }
        return requireCurrent();
    }

    static ScenarioSlot requireCurrent() {
        ScenarioSlot s = ScenarioSlot.current();
        if (s == null) {
            throw new PristineException(ErrorCode.CONFIGURATION, "no scenario database on this thread",
                    Thread.currentThread().getName(), "add dev.pristine.cucumber to the glue (e.g. cucumber.glue="
                            + "dev.pristine.cucumber,com.example.steps), and use the database from steps and from hooks"
                            + " with an order above " + PristineHooks.ORDER);
        }
        return s;
    }

    @Override
    public String toString() {
        ScenarioSlot s = bound != null ? bound : ScenarioSlot.current();
        return s == null ? "ScenarioDatabase[unbound]"
                : "ScenarioDatabase[" + s.database().id() + " for '" + s.scenario() + "'" + (s.shared() ? ", shared" : "") + "]";
    }
}
