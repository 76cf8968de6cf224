package dev.pristine.liquibase;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.Migrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Liquibase changelogs as Pristine migrations.
 *
 * <pre>{@code
 * Pristine pristine = Pristine.builder()
 *     .migrator(LiquibaseMigrations.changelog(Path.of("src/main/resources/db/changelog/db.changelog-master.xml"))
 *         .contexts("test")
 *         .parameter("schemaOwner", "app")
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LiquibaseMigrations {

    private LiquibaseMigrations() {}

    /**
     * Starts a migrator for a master changelog ({@code .xml}, {@code .yaml}, {@code .yml}, {@code .json}, or a
     * formatted {@code .sql}).
     *
     * @param changelog the master changelog file, not null
     */
    public static Builder changelog(Path changelog) {
        return new Builder(Objects.requireNonNull(changelog, "changelog"));
    }

    /**
     * Configures a Liquibase migrator. Each setter replaces the earlier value; {@link #build()} validates,
     * parses the changelog tree and computes its fingerprint.
     *
     * <p>Not thread-safe; the migrator it builds is.
     */
    public static final class Builder {
        private final Path changelog;
        private final List<Path> searchPath = new ArrayList<>();
        private String contexts = "";
        private String labels = "";
        private final Map<String, String> parameters = new TreeMap<>();

        private Builder(Path changelog) {
            this.changelog = changelog;
        }

        /** The Liquibase context filter, e.g. {@code "test"} or {@code "test and !slow"}; null or empty runs every changeset. */
        public Builder contexts(String contexts) {
            this.contexts = contexts == null ? "" : contexts.trim();
            return this;
        }

        /** The Liquibase label filter, e.g. {@code "core or billing"}; null or empty runs every changeset. */
        public Builder labels(String labels) {
            this.labels = labels == null ? "" : labels.trim();
            return this;
        }

        /** A changelog parameter, used as {@code ${name}}; name and value not null. */
        public Builder parameter(String name, String value) {
            parameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Changelog parameters, added to those set before; not null. */
        public Builder parameters(Map<String, String> values) {
            values.forEach(this::parameter);
            return this;
        }

        /**
         * The directories Liquibase resolves changelog paths against (Liquibase's search path), one of which holds
         * the changelog. Default: the nearest enclosing class-path root ({@code src/main/resources},
         * {@code src/test/resources}, {@code target/classes}, {@code target/test-classes}, Gradle's
         * {@code build/resources/main}), so paths read as on the class path ({@code db/changelog/…}, as Spring Boot
         * records them in {@code DATABASECHANGELOG}); else the changelog's directory.
         *
         * @param directories not null
         */
        public Builder searchPath(List<Path> directories) {
            searchPath.clear();
            searchPath.addAll(directories);
            return this;
        }

        /**
         * Validates the configuration and parses the changelog tree.
         *
         * @throws PristineException with {@code CONFIGURATION} for a missing changelog or a search path that does
         *     not hold it, {@code MIGRATION_FAILED} when Liquibase cannot parse the changelog
         */
        public Migrator build() {
            Path file = changelog.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new PristineException(ErrorCode.CONFIGURATION, "the Liquibase changelog is not a file", file,
                        "point pristine.migrations / --migrations at your master changelog (e.g. db.changelog-master.xml)");
            }
            return LiquibaseMigrator.of(new LiquibaseConfig(file, roots(file, searchPath), contexts, labels,
                    new TreeMap<>(parameters)));
        }
    }

    /**
     * A directory whose contents are on the class path: {@code src/main/resources}, {@code src/test/resources},
     * Maven's {@code target/classes} and {@code target/test-classes}, Gradle's {@code build/resources/main|test}.
     */
    private static boolean isClassPathRoot(Path dir) {
        String name = name(dir);
        return name.equals("resources") && !name(dir.getParent()).equals("build")
                || (name.equals("classes") || name.equals("test-classes")) && name(dir.getParent()).equals("target")
                || name(dir.getParent()).equals("resources") && name(dir.getParent().getParent()).equals("build");
    }

    private static String name(Path p) {
        return p == null || p.getFileName() == null ? "" : p.getFileName().toString();
    }

    static List<Path> roots(Path changelog, List<Path> given) {
        if (given.isEmpty()) {
            for (Path p = changelog.getParent(); p != null; p = p.getParent()) {
                if (isClassPathRoot(p)) {
                    return List.of(p);
                }
            }
            return List.of(changelog.getParent());
        }
        List<Path> roots = new ArrayList<>();
        for (Path p : given) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.isDirectory(abs)) {
                throw new PristineException(ErrorCode.CONFIGURATION, "a Liquibase search path entry is not a directory",
                        abs, "fix pristine.liquibase.search-path (directories separated by ',')");
            }
            if (changelog.startsWith(abs) && (roots.isEmpty() || !changelog.startsWith(roots.get(0)))) {
                roots.add(0, abs);
            } else {
                roots.add(abs);
            }
        }
        if (!changelog.startsWith(roots.get(0))) {
            throw new PristineException(ErrorCode.CONFIGURATION, "no Liquibase search path entry holds the changelog",
                    changelog + " not under " + roots, "add the directory the changelog paths are relative to "
                            + "to pristine.liquibase.search-path");
        }
        return List.copyOf(roots);
    }
}
