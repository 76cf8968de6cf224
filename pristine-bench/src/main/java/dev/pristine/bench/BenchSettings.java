package dev.pristine.bench;

import dev.pristine.spi.Setting;
import dev.pristine.spi.SettingsProvider;
import java.util.List;

/**
 * Declares the benchmark's {@code pristine.fixtures} (where the Chinook fixtures are), so that the system property
 * counts as known. Found with {@link java.util.ServiceLoader}. Immutable and thread-safe.
 */
public final class BenchSettings implements SettingsProvider {

    static final Setting<String> FIXTURES = Setting.text(ChinookSchema.PROPERTY.substring("pristine.".length()), null,
            "bench: the fixtures folder that holds chinook/ (also --fixtures, PRISTINE_FIXTURES)");

    /** Used by {@link java.util.ServiceLoader}. */
    public BenchSettings() {}

    @Override
    public List<Setting<?>> settings() {
        return List.of(FIXTURES);
    }
}
