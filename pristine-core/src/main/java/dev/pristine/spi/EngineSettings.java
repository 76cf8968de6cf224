package dev.pristine.spi;

import dev.pristine.PristineSettings;
import dev.pristine.Redact;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine is created with. Validated by Pristine's builder before the engine sees it.
 *
 * @param url the JDBC URL of the server, or null for an embedded engine's default
 * @param user the user, may be null
 * @param password the password, may be null
 * @param stateDir the directory Pristine keeps its state in, not null
 * @param allowRemote whether a server that is not on loopback may be used
 * @param properties every {@code pristine.*} setting by normalised name (e.g. {@code sqlite-busy-timeout}; see {@link dev.pristine.PristineSettings}), not null
 */
public record EngineSettings(String url, String user, String password, Path stateDir, boolean allowRemote,
        Map<String, String> properties) {

    public EngineSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        properties = Map.copyOf(properties);
    }

    /** A setting by its name without the {@code pristine.} prefix. */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(PristineSettings.normalize(name)));
    }

    @Override
    public String toString() {
        return "EngineSettings[url=" + Redact.mask(url) + ", user=" + user
                + ", stateDir=" + stateDir + ", allowRemote=" + allowRemote + "]";
    }
}
