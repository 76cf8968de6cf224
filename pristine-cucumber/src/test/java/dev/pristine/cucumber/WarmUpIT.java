package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.pristine.Cleanup;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** On the JUnit Platform the template is built while Cucumber discovers (parses) the features. */
class WarmUpIT {

    @TempDir
    Path stateDir;

    @AfterEach
    void closeTheRun() {
        PristineRun.closeCurrent();
    }

    @Test
    void discoveringFeaturesStartsTheTemplateBuildWithTheLaunchersParameters() throws Exception {
        discover(Runs.sequential(stateDir));

        PristineRun run = PristineRun.peek();
        assertThat(run).isNotNull();
        // a guard against a hang, not a timing assertion
        PreparedTemplate template = run.prepared().get(2, TimeUnit.MINUTES);
        assertThat(template.built()).isTrue();
        try (Pristine p = Pristine.builder().stateDir(stateDir).migrations(Path.of(Runs.SHOP)).reapOnStart(false)
                .poolSize(0).build()) {
            assertThat(p.status().templates()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo(template.key()));
        }
    }

    @Test
    void aDiscoveryWithoutMigrationsStartsNoPristineButRemembersWhy() {
        Map<String, String> parameters = Runs.sequential(stateDir);
        parameters.remove("pristine.migrations");

        discover(parameters);

        assertThat(PristineRun.peek().pristine()).isNull();
        assertThat(PristineRun.peek().prepared()).isNull();
    }

    @Test
    void aSecondDiscoveryWithTheSameConfigurationKeepsTheRunsPristine() {
        discover(Runs.sequential(stateDir));
        Pristine first = PristineRun.peek().pristine();
        Map<String, String> parameters = Runs.sequential(stateDir);
        parameters.put("pristine.cleanup", "never");

        discover(parameters);

        assertThat(PristineRun.peek().pristine()).isSameAs(first);
        assertThat(PristineRun.peek().config().cleanup()).isEqualTo(Cleanup.NEVER);
    }

    private static void discover(Map<String, String> parameters) {
        LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request().filters(includeEngines("cucumber"))
                .selectors(selectPackage("features.config")).configurationParameters(parameters).build());
    }
}
