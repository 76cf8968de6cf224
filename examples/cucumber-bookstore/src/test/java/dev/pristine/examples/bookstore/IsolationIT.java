package dev.pristine.examples.bookstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.testkit.CountingMigratorProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite passes in parallel because every scenario has a database of its own, and only because of that:
 * the same suite fails when its scenarios share a database (the test of the test). Its collision-free
 * variant (ids moved per scenario, as the benchmark's shared mode runs it) passes on one database.
 */
class IsolationIT {

    @TempDir
    Path stateDir;

    @Test
    void theSuitePassesInParallelWithADatabasePerScenarioAndMigratesOnce() {
        Map<String, String> parameters = Suites.parameters(stateDir);
        parameters.put("pristine.migrator", "counting");
        CountingMigratorProvider.MIGRATIONS.set(0);

        Suites.Outcome outcome = Suites.run(parameters);

        int scenarios = Integer.parseInt(Suites.manifest().getProperty("scenarios"));
        assertThat(outcome.failed()).as("failures: %s", outcome.failureMessages()).isZero();
        assertThat(outcome.passed()).isEqualTo(scenarios);
        assertThat(CountingMigratorProvider.MIGRATIONS).as("migrations in the run").hasValue(1);
        assertThat(Suites.clonesIn(stateDir)).as("clones after the run").isEmpty();
    }

    @Test
    void theSuiteFailsWhenEveryScenarioSharesOneDatabase() {
        Map<String, String> parameters = Suites.parameters(stateDir);
        parameters.put("pristine.isolation", "run");

        Suites.Outcome outcome = Suites.run(parameters);

        int scenarios = Integer.parseInt(Suites.manifest().getProperty("scenarios"));
        // on one database only a handful of first scenarios can pass: customer 1000 exists from then on
        assertThat(outcome.failed()).as("failed of %s", scenarios).isGreaterThan(scenarios * 3L / 4);
        assertThat(outcome.failureMessages())
                .anySatisfy(m -> assertThat(m).isEqualTo("customer id 1000 is taken"))
                .anySatisfy(m -> assertThat(m).startsWith("[invoices] "));
        assertThat(Suites.clonesIn(stateDir)).isEmpty();
    }

    @Test
    void theSuiteFailsWhenTheScenariosOfAFeatureShareADatabase() {
        Map<String, String> parameters = Suites.parameters(stateDir);
        parameters.put("pristine.isolation", "feature");

        Suites.Outcome outcome = Suites.run(parameters, Suites.firstOfEachKind());

        // only the first scenario of each writing feature passes, and the read-only catalogue
        long scenarios = outcome.scenarios.size();
        assertThat(outcome.failed()).isGreaterThan(scenarios / 2).isLessThan(scenarios - 4);
        assertThat(outcome.failureMessages()).anySatisfy(m -> assertThat(m).isEqualTo("customer id 1000 is taken"));
    }

    @Test
    void theCollisionFreeVariantPassesOnOneSharedDatabase() {
        Map<String, String> parameters = Suites.parameters(stateDir);
        parameters.put("pristine.isolation", "run");
        System.setProperty("bookstore.ids", "offset");
        Suites.Outcome outcome;
        try {
            outcome = Suites.run(parameters, Suites.firstOfEachKind());
        } finally {
            System.clearProperty("bookstore.ids");
        }

        assertThat(outcome.failed()).as("failures: %s", outcome.failureMessages()).isZero();
        assertThat(outcome.passed()).isEqualTo(outcome.scenarios.size()).isGreaterThanOrEqualTo(5 * 2L);
    }
}
