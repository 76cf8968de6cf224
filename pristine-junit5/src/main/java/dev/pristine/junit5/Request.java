package dev.pristine.junit5;

import dev.pristine.Cleanup;
import dev.pristine.PristineSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The effective configuration of one injection point.
 *
 * @param settings the settings a {@code Pristine} is built from, every layer applied
 * @param identity what makes two configurations the same {@code Pristine}: every setting except the
 *     extension's own, with paths made absolute
 * @param cleanup what to do with the database afterwards
 * @param keepFor how long a kept database is kept
 */
record Request(PristineSettings settings, Map<String, String> identity, Cleanup cleanup, Duration keepFor) {
    @Override
    public String toString() {
        return "Request[" + settings + ", cleanup=" + cleanup + ", keepFor=" + keepFor + "]"; // settings mask passwords
    }
}
