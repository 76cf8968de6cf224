package dev.pristine.cucumber;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.pristine.CloneStatus;
import dev.pristine.Pristine;
import dev.pristine.testglue.Recorder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs feature files on the real Cucumber JUnit Platform engine through the launcher, as a build would. */
final class Runs {

    /** The tiny shop schema, as a user would point {@code pristine.migrations} at it. */
    static final String SHOP = "src/test/resources/db/shop";

    private Runs() {}

    /** Parameters for a run on its own state dir: the glue, the shop schema, and parallel execution (dynamic). */
    static Map<String, String> parallel(Path stateDir) {
        Map<String, String> p = sequential(stateDir);
        p.put("cucumber.execution.parallel.enabled", "true");
        p.put("cucumber.execution.parallel.config.strategy", "dynamic");
        // at least four workers even on one core, so that the rendezvous scenarios can meet
        p.put("cucumber.execution.parallel.config.dynamic.factor", "2");
        return p;
    }

    /** The same, one scenario after another. */
    static Map<String, String> sequential(Path stateDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cucumber.glue", "dev.pristine.cucumber,dev.pristine.testglue");
        p.put("cucumber.publish.quiet", "true");
        p.put("cucumber.junit-platform.naming-strategy.short.example-name", "pickle");
        p.put("pristine.state-dir", stateDir.toString());
        p.put("pristine.migrations", SHOP);
        Recorder.reset();
        return p;
    }

    /** Runs the features under the given class path resources (folders or files) and returns what happened. */
    static Results run(Map<String, String> parameters, String... resources) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .filters(includeEngines("cucumber")).configurationParameters(parameters);
        for (String r : resources) {
            request.selectors(r.endsWith(".feature") ? selectClasspathResource(r) : selectPackage(r.replace('/', '.')));
        }
        LauncherDiscoveryRequest built = request.build();
        Results results = new Results();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(built, results);
        return results;
    }

    /** The clones left in a state dir after a run, seen by a new Pristine that reaps nothing. */
    static List<CloneStatus> clonesIn(Path stateDir) {
        try (Pristine p = Pristine.builder().stateDir(stateDir).migrations(Path.of(SHOP)).reapOnStart(false)
                .poolSize(0).build()) {
            return p.status().clones();
        }
    }

    /** The outcome of every scenario of a run, by scenario name. */
    static final class Results implements TestExecutionListener {
        final Map<String, TestExecutionResult> byScenario = new ConcurrentHashMap<>();

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                byScenario.put(id.getDisplayName(), result);
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                byScenario.put("container " + id.getDisplayName(), result);
            }
        }

        long succeeded() {
            return byScenario.values().stream().filter(r -> r.getStatus() == TestExecutionResult.Status.SUCCESSFUL).count();
        }

        long failed() {
            return byScenario.values().stream().filter(r -> r.getStatus() == TestExecutionResult.Status.FAILED).count();
        }

        /** The failure message of a scenario, or null when it passed. */
        String failure(String scenario) {
            TestExecutionResult r = byScenario.get(scenario);
            return r == null ? "(no such scenario: " + byScenario.keySet() + ")"
                    : r.getThrowable().map(Throwable::getMessage).orElse(null);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            byScenario.forEach((k, v) -> sb.append('\n').append(k).append(": ").append(v.getStatus())
                    .append(v.getThrowable().map(t -> " " + t).orElse("")));
            return sb.toString();
        }
    }
}
