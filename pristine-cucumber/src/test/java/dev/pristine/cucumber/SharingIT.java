package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.testglue.Recorder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tag {@code @pristine-shared} and {@code pristine.isolation}: what shares a database, and that the
 * isolation suite really collides (fails) when scenarios share one.
 */
class SharingIT {

    @TempDir
    Path stateDir;

    @Test
    void aFeatureTaggedSharedUsesOneDatabaseReleasedWhenTheFeatureEnds() {
        Runs.Results results = Runs.run(Runs.sequential(stateDir), "features/shared");

        assertThat(results.failed()).as("failures: %s", results).isZero();
        assertThat(results.succeeded()).isEqualTo(6);
        assertThat(Recorder.DATABASES.get("shared second")).isEqualTo(Recorder.DATABASES.get("shared first"))
                .startsWith("pristine_a_shared_feature_shared_");
        // "the database recorded as 'shared first' is gone" ran in the next feature, and passed
        assertThat(Recorder.DATABASES.get("tagged second")).isEqualTo(Recorder.DATABASES.get("tagged first"))
                .startsWith("pristine_c_tagged_scenarios_shared_");
        assertThat(Recorder.DATABASES.get("untagged")).isNotEqualTo(Recorder.DATABASES.get("tagged first"))
                .startsWith("pristine_c_tagged_scenarios_an_untagged_scenario_has_a_database_of_its_own_l");
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }

    @Test
    void oneDatabaseForTheWholeRunMakesTheIsolationSuiteFail() {
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.put("pristine.isolation", "run");

        Runs.Results results = Runs.run(parameters, "features/isolation/customers.feature");

        // whichever scenario comes first passes; every other one finds customer 1 already there
        assertThat(results.succeeded()).as("results: %s", results).isEqualTo(1);
        assertThat(results.failed()).isEqualTo(9);
        assertThat(results.byScenario.values()).filteredOn(r -> r.getThrowable().isPresent())
                .extracting(r -> r.getThrowable().get().getMessage())
                .anySatisfy(m -> assertThat(m).contains("UNIQUE constraint failed: customer"));
        assertThat(new HashSet<>(Recorder.DATABASES.values())).hasSizeLessThanOrEqualTo(1);
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }

    @Test
    void oneDatabasePerFeatureMakesTheIsolationSuiteFailToo() {
        Map<String, String> parameters = Runs.sequential(stateDir);
        parameters.put("pristine.isolation", "feature");

        Runs.Results results = Runs.run(parameters, "features/isolation/customers.feature");

        // the first scenario passes; every later one finds customer 1 already there
        assertThat(results.succeeded()).as("results: %s", results).isEqualTo(1);
        assertThat(results.failed()).isEqualTo(9);
        assertThat(results.failure("registering customer 1 (2)")).contains("UNIQUE constraint failed: customer.id");
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }
}
