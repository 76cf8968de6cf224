package dev.pristine.cucumber;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.descriptor.UriSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * On the JUnit Platform, releases a feature's shared database ({@value ScenarioDatabase#SHARED_TAG}) as
 * soon as the feature's last scenario has finished, and closes the run when the test plan is done.
 * Registered through {@code META-INF/services}; nothing to call.
 *
 * <p>Thread-safe.
 */
public final class PristineExecutionListener implements TestExecutionListener {

    /** Made by the JUnit Platform launcher. */
    public PristineExecutionListener() {}

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        UniqueId.Segment last = identifier.getUniqueIdObject().getLastSegment();
        if (!"feature".equals(last.getType()) || identifier.getSource().isEmpty()) {
            return;
        }
        String key = key(identifier.getSource().get());
        if (key != null) {
            PristineRun.featureFinished(key);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        PristineRun.closeCurrent();
    }

    private static String key(TestSource source) {
        if (source instanceof ClasspathResourceSource c) {
            return FeatureKeys.classpath(c.getClasspathResourceName());
        }
        if (source instanceof FileSource f) {
            return FeatureKeys.file(f.getFile().toPath());
        }
        if (source instanceof UriSource u) {
            return FeatureKeys.of(u.getUri());
        }
        return null;
    }
}
