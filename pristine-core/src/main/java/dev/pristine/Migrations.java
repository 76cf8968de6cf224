package dev.pristine;

import dev.pristine.internal.SqlDirectoryMigrator;
import dev.pristine.spi.Migrator;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;

/** Ready-made migrators of the core, and how a migrations location is read. */
public final class Migrations {

    private static final String CLASSPATH = "classpath:";

    private Migrations() {}

    /**
     * Plain SQL files in a directory (or one file), in UTF-8: {@code V1__x.sql}, {@code V2__y.sql} in version
     * order (Flyway's naming rules), then other {@code .sql} files by name. Read once, now. For another encoding
     * use {@code Pristine.builder().migrations(path)} with {@code pristine.encoding}.
     *
     * @param location not null
     * @throws PristineException with {@code CONFIGURATION} when the location is missing or has no .sql file, a
     *     name looks versioned but is not valid, two files have the same version, or a file is not valid UTF-8
     */
    public static Migrator sqlDirectory(Path location) {
        return SqlDirectoryMigrator.of(location);
    }

    /**
     * A migrations location as users write it in settings: {@code classpath:dir} (a directory on disk on
     * the thread's class path, e.g. under {@code src/test/resources}), or a path against the working
     * directory.
     *
     * @throws PristineException with {@code CONFIGURATION} when a class path location is missing or is not a
     *     directory on disk (inside a jar)
     */
    public static Path location(String value) {
        if (!value.startsWith(CLASSPATH)) {
            return Path.of(value).toAbsolutePath().normalize();
        }
        String name = value.substring(CLASSPATH.length()).replaceFirst("^/+", "");
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(Migrations.class.getClassLoader());
        URL url = loader.getResource(name);
        if (url == null) {
            throw new PristineException(ErrorCode.CONFIGURATION, "migrations not found on the class path", value,
                    "put the directory under src/test/resources or src/main/resources, or give a file path");
        }
        if (!"file".equals(url.getProtocol())) {
            throw new PristineException(ErrorCode.CONFIGURATION, "classpath: migrations must be a directory on disk", url,
                    "give the migrations as a path relative to the working directory, e.g. src/main/resources/db/migration");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "the class path location is not a valid URI", url,
                    "give the migrations as a file path", e);
        }
    }
}
