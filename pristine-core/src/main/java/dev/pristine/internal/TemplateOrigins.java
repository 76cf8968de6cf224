package dev.pristine.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which migrations location each template was last prepared from, so that {@code gc --migrations DIR} can find
 * every version of one location's templates. Kept in the state directory ({@code origins/<engine>/<key>}, one
 * line): it is this machine's record, so a server template prepared only elsewhere has none. Losing it costs
 * nothing but that lookup, so a failure to write it is logged, never thrown. Thread-safe.
 */
public final class TemplateOrigins {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateOrigins.class);

    private final Path dir;

    /** Origins of the templates of engine {@code engineId} under {@code stateDir}, both not null. */
    public TemplateOrigins(Path stateDir, String engineId) {
        this.dir = stateDir.resolve("origins").resolve(engineId);
    }

    /** Records that the template of {@code key} was prepared from {@code location} (absolute, normalized). */
    public void record(String key, Path location) {
        Path file = dir.resolve(key);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(tmp, location.toString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot record the migrations location of template {} in {}: {}", key, file, e.toString());
        }
    }

    /** The location the template of {@code key} was last prepared from here, if recorded. */
    public Optional<Path> of(String key) {
        try {
            Path file = dir.resolve(key);
            return Files.isRegularFile(file) ? Optional.of(Path.of(Files.readString(file, StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot read the migrations location of template {}: {}", key, e.toString());
            return Optional.empty();
        }
    }

    /** Forgets the record of a dropped template. */
    public void forget(String key) {
        try {
            Files.deleteIfExists(dir.resolve(key));
        } catch (IOException e) {
            LOG.warn("Cannot remove the migrations record of dropped template {}: {}", key, e.toString());
        }
    }
}
