package dev.pristine.examples.bookstore.steps;

import dev.pristine.cucumber.ScenarioDatabase;
import dev.pristine.examples.bookstore.StoreService;
import javax.sql.DataSource;

/**
 * The application under test, wired to this scenario's database: what every step class gets injected.
 * One per scenario (picocontainer); used by the scenario's thread.
 */
public final class StoreWorld {

    private final ScenarioDatabase database;
    private final MigratePerScenario baseline;
    private final Ids ids;
    private StoreService store;

    /** Picocontainer passes this scenario's database (and the benchmark's baseline, normally off). */
    public StoreWorld(ScenarioDatabase database, MigratePerScenario baseline, Ids ids) {
        this.database = database;
        this.baseline = baseline;
        this.ids = ids;
    }

    StoreService store() {
        if (store == null) {
            DataSource ds = baseline.dataSource() != null ? baseline.dataSource() : database.dataSource();
            store = new StoreService(ds);
        }
        return store;
    }

    Ids ids() {
        return ids;
    }
}
