package dev.pristine.cucumber;

import dev.pristine.spi.Setting;
import dev.pristine.spi.SettingsProvider;
import java.util.List;

/**
 * Declares the Cucumber glue's own setting, {@code pristine.isolation}, so that it counts as known; the glue also
 * reads core's {@code pristine.cleanup} and {@code pristine.keep-for}. Found with {@link java.util.ServiceLoader}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CucumberSettings implements SettingsProvider {

    /** {@code pristine.isolation}: which scenarios share a database. */
    static final Setting<Isolation> ISOLATION = Setting.choice("isolation", Isolation.SCENARIO,
            "scenario (the default: one database per scenario)", "Cucumber: which scenarios share a database");

    /** Used by {@link java.util.ServiceLoader}. */
    public CucumberSettings() {}

    @Override
    public List<Setting<?>> settings() {
        return List.of(ISOLATION);
    }
}
