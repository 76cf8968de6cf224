package dev.pristine.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.TestDatabase;
import dev.pristine.testkit.CountingMigratorProvider;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Fifty tests run in parallel, each inserting the same primary key: with a database each they all pass
 * and the migrations run once; sharing one database, they collide, which proves the first test can fail.
 */
class ParallelIsolationIT {

    @TempDir
    Path stateDir;

    @BeforeEach
    void reset() {
        CountingMigratorProvider.MIGRATIONS.set(0);
        SamePrimaryKey.reset();
    }

    @Test
    void fiftyParallelTestsEachGetTheirOwnDatabaseAndTheMigrationsRunOnce() {
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.put("pristine.migrator", "counting");

        EngineExecutionResults results = Runs.run(parameters, DatabaseEach.class);

        results.testEvents().assertStatistics(stats -> stats.started(50).succeeded(50).failed(0));
        assertThat(CountingMigratorProvider.MIGRATIONS).hasValue(1);
        assertThat(SamePrimaryKey.leases).hasSize(50)
                .allSatisfy(id -> assertThat(id).startsWith("pristine_databaseeach_insertsthesameprimarykey_"));
        assertThat(SamePrimaryKey.threads).as("worker threads that ran the tests").hasSizeGreaterThan(1);
        assertThat(Runs.clonesIn(stateDir)).as("clones left after the run").isEmpty();
    }

    @Test
    void theSameFiftyTestsFailWhenTheyShareOneDatabase() {
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.put("pristine.migrator", "counting");

        EngineExecutionResults results = Runs.run(parameters, OneSharedDatabase.class);

        results.testEvents().assertStatistics(stats -> stats.started(50).succeeded(1).failed(49));
        List<Throwable> failures = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .map(r -> r.getThrowable().orElseThrow()).toList();
        assertThat(failures).hasSize(49).allSatisfy(t -> assertThat(t).isInstanceOf(SQLException.class)
                .hasMessageContaining("UNIQUE constraint failed: customer.id"));
        assertThat(SamePrimaryKey.leases).as("one database for all").hasSize(1);
        assertThat(CountingMigratorProvider.MIGRATIONS).hasValue(1);
    }

    /** The fifty tests; subclasses say where the database comes from. */
    abstract static class SamePrimaryKey {

        static final Set<String> leases = ConcurrentHashMap.newKeySet();
        static final Set<String> threads = ConcurrentHashMap.newKeySet();
        static volatile CountDownLatch twoAtOnce = new CountDownLatch(2);

        static void reset() {
            leases.clear();
            threads.clear();
            twoAtOnce = new CountDownLatch(2);
        }

        abstract DataSource db();

        abstract TestDatabase lease();

        @RepeatedTest(50)
        void insertsTheSamePrimaryKey() throws Exception {
            threads.add(Thread.currentThread().getName());
            leases.add(lease().id());
            twoAtOnce.countDown();
            assertThat(twoAtOnce.await(60, TimeUnit.SECONDS)).as("a second test ran at the same time").isTrue();

            Runs.update(db(), "INSERT INTO customer (id, name) VALUES (1, 'Ada')");
            assertThat(Runs.count(db(), "SELECT count(*) FROM customer")).isEqualTo(1);
        }
    }

    static class DatabaseEach extends SamePrimaryKey {
        @PristineDatabase
        DataSource db;

        @PristineDatabase
        TestDatabase lease;

        @Override
        DataSource db() {
            return db;
        }

        @Override
        TestDatabase lease() {
            return lease;
        }
    }

    static class OneSharedDatabase extends SamePrimaryKey {
        @PristineDatabase
        static DataSource db;

        @PristineDatabase
        static TestDatabase lease;

        @Override
        DataSource db() {
            return db;
        }

        @Override
        TestDatabase lease() {
            return lease;
        }
    }

}
