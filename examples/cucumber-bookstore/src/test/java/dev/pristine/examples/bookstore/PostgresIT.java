package dev.pristine.examples.bookstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;

/**
 * The same application and features on PostgreSQL (Pristine's embedded server, the schema's PostgreSQL
 * dialect in db/postgres): one feature file of each writing kind, in parallel, a database per scenario.
 */
class PostgresIT {

    @TempDir
    Path stateDir;

    @Test
    void theSuitePassesOnPostgresWithADatabasePerScenario() {
        Map<String, String> parameters = Suites.parameters(stateDir);
        parameters.put("pristine.engine", "postgres");
        parameters.put("pristine.migrations", "src/main/resources/db/postgres");
        parameters.put("pristine.migrator", "counting");
        // a clone is a CREATE DATABASE here: more background threads keep the pool ahead of parallel scenarios
        parameters.put("pristine.background-threads", "4");
        CountingMigratorProvider.MIGRATIONS.set(0);
        List<ClasspathResourceSelector> threeFiles = List.of("customers", "invoices", "refunds")
                .stream().map(k -> selectClasspathResource("features/bookstore/" + k + "-001.feature")).toList();

        Suites.Outcome outcome = Suites.run(parameters, threeFiles);

        assertThat(outcome.failed()).as("failures: %s", outcome.failureMessages()).isZero();
        assertThat(outcome.passed()).isGreaterThanOrEqualTo(3 * 2L);
        assertThat(CountingMigratorProvider.MIGRATIONS).hasValue(1);
    }
}
