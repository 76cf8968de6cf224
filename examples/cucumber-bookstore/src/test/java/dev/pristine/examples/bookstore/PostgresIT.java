package dev.pristine.examples.bookstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;

import dev.pristine.testkit.CountingMigratorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.FilePosition;

/**
 * The same application and features on PostgreSQL (Pristine's embedded server, the schema's PostgreSQL
 * dialect in db/postgres), in parallel, a database per scenario: from each kind of feature its fixed
 * scenarios and its first two example rows, which between them hit every rule the database enforces.
 */
class PostgresIT {

    private static final List<String> KINDS = List.of("catalogue", "customers", "invoices", "playlists", "refunds");

    @TempDir
    Path stateDir;

    @Test
    void theSuitePassesOnPostgresWithADatabasePerScenario() throws IOException {
        Map<String, String> parameters = Suites.parameters(stateDir);
        parameters.put("pristine.engine", "postgres");
        parameters.put("pristine.migrations", "src/main/resources/db/postgres");
        parameters.put("pristine.migrator", "counting");
        // a clone is a CREATE DATABASE here: more background threads keep the pool ahead of parallel scenarios
        parameters.put("pristine.background-threads", "4");
        CountingMigratorProvider.MIGRATIONS.set(0);
        List<ClasspathResourceSelector> selected = new ArrayList<>();
        for (String kind : KINDS) {
            selected.addAll(fixedScenariosAndFirstRows("features/bookstore/" + kind + "-001.feature"));
        }

        Suites.Outcome outcome = Suites.run(parameters, selected);

        assertThat(outcome.failed()).as("failures: %s", outcome.failureMessages()).isZero();
        assertThat(outcome.passed()).isEqualTo(selected.size()).isEqualTo(KINDS.size() * 2L + 4);
        assertThat(CountingMigratorProvider.MIGRATIONS).hasValue(1);
    }

    /** Selectors for the file's plain scenarios and the first two rows of its examples, by line. */
    private static List<ClasspathResourceSelector> fixedScenariosAndFirstRows(String resource) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("target/test-classes").resolve(resource));
        List<ClasspathResourceSelector> out = new ArrayList<>();
        int rows = -1; // -1 until the Examples header; then rows taken
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("Scenario:")) {
                out.add(selectClasspathResource(resource, FilePosition.from(i + 1)));
            } else if (line.startsWith("Examples:")) {
                rows = 0;
                i++; // the header row
            } else if (rows >= 0 && rows < 2 && line.startsWith("|")) {
                out.add(selectClasspathResource(resource, FilePosition.from(i + 1)));
                rows++;
            }
        }
        return out;
    }
}
