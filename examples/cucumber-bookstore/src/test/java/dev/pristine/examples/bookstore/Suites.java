package dev.pristine.examples.bookstore;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.pristine.CloneStatus;
import dev.pristine.Pristine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs the generated bookstore suite through the JUnit Platform launcher, as the build does, with extra parameters. */
public final class Suites {

    /** The migrations, as junit-platform.properties gives them. */
    public static final String MIGRATIONS = "../bookstore-schema";

    private Suites() {}

    /** The launcher parameters for a run on its own state dir (everything else from junit-platform.properties). */
    public static Map<String, String> parameters(Path stateDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("pristine.state-dir", stateDir.toString());
        p.put("pristine.cleanup", "always");
        return p;
    }

    /** Runs the suite with {@code parameters} on top of junit-platform.properties. */
    public static Outcome run(Map<String, String> parameters) {
        return run(parameters, List.of(selectPackage("features.bookstore")));
    }

    /** Runs the selected features with {@code parameters} on top of junit-platform.properties. */
    public static Outcome run(Map<String, String> parameters, List<? extends DiscoverySelector> selectors) {
        Outcome outcome = new Outcome();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().filters(includeEngines("cucumber"))
                .selectors(selectors).configurationParameters(parameters).build(), outcome);
        return outcome;
    }

    /** The first feature file of each kind: a fifth to a half of the suite, every kind of work in it. */
    public static List<ClasspathResourceSelector> firstOfEachKind() {
        return List.of("catalogue", "customers", "invoices", "playlists", "refunds").stream()
                .map(k -> selectClasspathResource("features/bookstore/" + k + "-001.feature")).toList();
    }

    /** The generator's manifest: how many scenarios and files the suite has. */
    public static Properties manifest() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("bookstore.manifest",
                "target/bookstore-suite.properties")))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("run the build (mvn verify) first: it generates the suite", e);
        }
        return p;
    }

    /** The clones on a state dir, seen by a Pristine that reaps nothing. */
    public static List<CloneStatus> clonesIn(Path stateDir) {
        try (Pristine p = Pristine.builder().stateDir(stateDir).migrations(Path.of(MIGRATIONS)).reapOnStart(false)
                .poolSize(0).build()) {
            return p.status().clones();
        }
    }

    /** The outcome of every scenario, by its unique id. */
    public static final class Outcome implements TestExecutionListener {
        public final Map<String, TestExecutionResult> scenarios = new ConcurrentHashMap<>();

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                scenarios.put(id.getUniqueId(), result);
            }
        }

        public long passed() {
            return count(TestExecutionResult.Status.SUCCESSFUL);
        }

        public long failed() {
            return count(TestExecutionResult.Status.FAILED);
        }

        /** The failure messages (first line), for assertions. */
        public List<String> failureMessages() {
            return scenarios.values().stream().filter(r -> r.getThrowable().isPresent())
                    .map(r -> String.valueOf(r.getThrowable().get().getMessage()).lines().findFirst().orElse("")).toList();
        }

        private long count(TestExecutionResult.Status status) {
            return scenarios.values().stream().filter(r -> r.getStatus() == status).count();
        }
    }
}
