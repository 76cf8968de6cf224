package dev.pristine.testkit;

import dev.pristine.PristineSettings;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.TemplateEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Drops, when a test run ends, the templates it built on the shared test servers ({@link TestServers}), so that a
 * {@code mvn verify} leaves none behind: every template published since the run began that no live process uses
 * (a concurrent run's templates in use are kept). A module whose tests build templates on a server registers it
 * in its own {@code src/test/resources/META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 * A server that cannot be reached fails the run loudly: its tests needed it.
 */
public final class DropTestTemplates implements LauncherSessionListener {

    private Instant started;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        started = Instant.now();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (started == null) {
            return;
        }
        Path state;
        try {
            state = Files.createTempDirectory("pristine-drop-test-templates");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (EngineProvider provider : ServiceLoader.load(EngineProvider.class)) {
            Map<String, String> server = switch (provider.id()) {
                case "postgres" -> TestServers.postgres();
                case "mariadb" -> TestServers.mariadb();
                default -> null;
            };
            if (server != null) {
                dropBuiltSince(provider, server, state);
            }
        }
    }

    private void dropBuiltSince(EngineProvider provider, Map<String, String> server, Path state) {
        try (Engine engine = provider.create(new EngineSettings(server.get("url"), server.get("user"),
                server.get("password"), state, false, PristineSettings.empty().asMap()))) {
            List<String> dropped = new ArrayList<>();
            for (TemplateEntry t : engine.templates()) {
                if (!t.builtAt().isBefore(started.minusSeconds(1)) && !engine.templateUses().inUse(t.key())) {
                    engine.dropTemplate(t.key());
                    dropped.add(t.name());
                }
            }
            if (!dropped.isEmpty()) {
                System.err.println("[pristine tests] dropped the " + dropped.size() + " template(s) this run built on "
                        + engine.location());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot drop this run's templates on " + server.get("url") + ": " + e, e);
        }
    }
}
