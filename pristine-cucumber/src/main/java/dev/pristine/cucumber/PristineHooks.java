package dev.pristine.cucumber;

import dev.pristine.KeptDatabase;
import dev.pristine.TestDatabase;
import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;
import java.time.Instant;

/**
 * The glue's hooks: lease the scenario's database before the scenario's other hooks, release it after
 * them (also when a step failed), start the run's template build before the first scenario, and close the
 * run after the last. Cucumber finds them when {@code dev.pristine.cucumber} is on the glue path; nothing
 * calls them directly.
 *
 * <p>One instance per scenario, used by the scenario's thread.
 */
public final class PristineHooks {

    /**
     * The order of these hooks: {@code @Before} hooks with a higher order (the default is 10000) run after
     * the database is leased, {@code @After} hooks with a higher order run before it is released.
     */
    public static final int ORDER = -1_000_000;

    private ScenarioSlot slot;
    private SharedLease sharedLease;
    private RunConfig config;

    /** Made by Cucumber's object factory, once per scenario. */
    public PristineHooks() {}

    /** Starts the run: the template is built (once) and the pool warms while Cucumber goes on. */
    @BeforeAll(order = ORDER)
    public static void startRun() {
        PristineRun.get();
    }

    /** Leases the scenario's database (or joins the shared one) and makes it the thread's {@link ScenarioDatabase}. */
    @Before(order = ORDER)
    public void leaseDatabase(Scenario scenario) {
        PristineRun run = PristineRun.get();
        config = run.config();
        Isolation isolation = config == null ? Isolation.SCENARIO : config.isolation();
        String stem = FeatureKeys.stem(scenario.getUri());
        ScenarioSlot s;
        if (isolation == Isolation.RUN) {
            sharedLease = run.shared(null, "cucumber run");
            s = new ScenarioSlot(sharedLease.database(), scenario.getName(), true);
        } else if (isolation == Isolation.FEATURE || scenario.getSourceTagNames().contains(ScenarioDatabase.SHARED_TAG)) {
            sharedLease = run.shared(FeatureKeys.of(scenario.getUri()), stem + " shared");
            s = new ScenarioSlot(sharedLease.database(), scenario.getName(), true);
        } else {
            s = new ScenarioSlot(run.acquire(stem + " " + scenario.getName() + " l" + scenario.getLine()),
                    scenario.getName(), false);
        }
        slot = s;
        s.bindToThisThread();
    }

    /** Closes the scenario's connections and releases its database, or keeps it as {@code pristine.cleanup} says. */
    @After(order = ORDER)
    public void releaseDatabase(Scenario scenario) {
        ScenarioSlot s = slot;
        if (s == null) {
            return; // the lease failed, or an earlier hook failed before it
        }
        slot = null;
        s.finish();
        if (sharedLease != null) {
            sharedLease.scenarioFinished(scenario.isFailed());
            return;
        }
        TestDatabase db = s.database();
        try {
            boolean failed = scenario.isFailed();
            if (config.cleanup().keeps(failed)) {
                db.keep(config.keepFor());
                KeptDatabase kept = KeptDatabase.of(db, "scenario '" + scenario.getName() + "'", failed,
                        config.cleanup(), Instant.now().plus(config.keepFor()));
                scenario.log(kept.line()); // seen in Cucumber's reports, with or without a logging backend
                kept.log();
            }
        } finally {
            db.close();
        }
    }

    /** Releases shared databases and closes the run's {@code Pristine}. */
    @AfterAll(order = ORDER)
    public static void closeRun() {
        PristineRun.closeCurrent();
    }
}
