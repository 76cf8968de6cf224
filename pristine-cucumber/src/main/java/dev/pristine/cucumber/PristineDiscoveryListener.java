package dev.pristine.cucumber;

import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * On the JUnit Platform, starts the run's template build as soon as the Cucumber engine begins to
 * discover (parse) features, with the launcher's {@code pristine.*} configuration parameters. Registered
 * through {@code META-INF/services}; nothing to call.
 *
 * <p>Thread-safe.
 */
public final class PristineDiscoveryListener implements LauncherDiscoveryListener {

    private volatile ConfigurationParameters parameters;

    /** Made by the JUnit Platform launcher. */
    public PristineDiscoveryListener() {}

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        parameters = request.getConfigurationParameters();
    }

    @Override
    public void engineDiscoveryStarted(UniqueId engineId) {
        UniqueId.Segment last = engineId.getLastSegment();
        ConfigurationParameters p = parameters;
        if ("engine".equals(last.getType()) && "cucumber".equals(last.getValue()) && p != null) {
            Set<String> keys = p.keySet();
            PristineRun.warmUp(() -> RunConfig.resolve(p::get, keys));
        }
    }
}
