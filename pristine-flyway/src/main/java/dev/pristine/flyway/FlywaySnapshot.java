package dev.pristine.flyway;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.ResourceName;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.flywaydb.core.internal.scanner.Scanner;
import org.flywaydb.core.internal.util.StringUtils;

/**
 * What Flyway will read, read once without a database: every resource in the configured locations
 * (found by Flyway's own {@code Scanner}, so {@code classpath:} in directories and jars, {@code filesystem:},
 * wildcards and the configured encoding behave exactly as in a migration) with its text — or, for a file that
 * is neither a script nor text (a {@code .class} next to Java migrations), the hash of its bytes — plus the
 * {@link JavaMigration} classes found there.
 *
 * <p>The migration later runs from this snapshot ({@link #provider()} is handed to Flyway as its resource
 * provider), so the fingerprint and the template are made from the same text even if a file changes in
 * between.
 *
 * <p>Immutable and thread-safe.
 */
final class FlywaySnapshot {

    /**
     * One resource: a migration script, a callback script, or any other file in a location.
     *
     * @param kind Flyway's resource type ({@code MIGRATION}, {@code REPEATABLE_MIGRATION}, {@code CALLBACK},
     *     {@code BASELINE_MIGRATION}) or {@code FILE} for a name Flyway does not treat as a script
     * @param version the migration version, or null
     * @param description the description from the name, or null
     * @param checksum Flyway's CRC32 checksum of the text, as stored in the schema history table; null for
     *     other files
     */
    record Entry(SnapshotResource resource, String kind, String version, String description, Integer checksum) {

        boolean isMigration() {
            return !kind.equals("FILE") && !kind.equals("CALLBACK");
        }
    }

    private final List<Entry> entries;
    private final List<Entry> callbackEntries;
    private final List<Class<?>> javaClasses;
    private final boolean served;
    private final Map<String, SnapshotResource> byRelative = new HashMap<>();
    private final Map<String, SnapshotResource> byDisk = new HashMap<>();

    private FlywaySnapshot(List<Entry> entries, List<Entry> callbackEntries, List<Class<?>> javaClasses, boolean served) {
        this.entries = List.copyOf(entries);
        this.callbackEntries = List.copyOf(callbackEntries);
        this.javaClasses = List.copyOf(javaClasses);
        this.served = served;
        for (Entry e : entries) {
            if (!e.resource().isText()) {
                continue;
            }
            byRelative.putIfAbsent(e.resource().getRelativePath().toLowerCase(Locale.ROOT), e.resource());
            if (e.resource().getAbsolutePathOnDisk() != null) {
                byDisk.putIfAbsent(e.resource().getAbsolutePathOnDisk().toLowerCase(Locale.ROOT), e.resource());
            }
        }
    }

    /**
     * Scans the locations of {@code config}. A user-supplied {@code resourceProvider} or
     * {@code javaMigrationClassProvider} is asked instead of the scanner, as Flyway itself does.
     *
     * @throws PristineException with {@code CONFIGURATION} when a location is missing or of a kind that
     *     cannot be read without a database or network ({@code s3:}, {@code gcs:})
     */
    static FlywaySnapshot scan(Configuration config) {
        checkLocations(config);
        Scanner<JavaMigration> scanner = new Scanner<>(JavaMigration.class, config, config.getLocations());
        boolean custom = config.getResourceProvider() != null;
        Collection<LoadableResource> found = custom
                ? config.getResourceProvider().getResources("", new String[] {""})
                : scanner.getResources("", "");
        Collection<Class<? extends JavaMigration>> classes = config.getJavaMigrationClassProvider() != null
                ? config.getJavaMigrationClassProvider().getClasses()
                : scanner.getClasses();
        List<Entry> entries = read(config, found);
        for (Location l : config.getLocations()) {
            checkFound(config, l, entries, classes);
        }
        List<Entry> callbacks = List.of();
        Location[] callbackLocations = config.getCallbackLocations();
        if (callbackLocations != null && callbackLocations.length > 0) {
            // like Flyway, skip callback locations that do not exist
            Location[] existing = Arrays.stream(callbackLocations)
                    .filter(l -> !l.isFileSystem() || isWildcard(l) || Files.isDirectory(Path.of(l.getPath())))
                    .toArray(Location[]::new);
            callbacks = read(config, new Scanner<>(JavaMigration.class, config, existing).getResources("", ""));
        }
        List<Class<?>> javaClasses = new ArrayList<>(classes);
        javaClasses.sort(Comparator.comparing(Class::getName));
        return new FlywaySnapshot(entries, callbacks, javaClasses, !custom);
    }

    /** The resources in the locations, sorted by relative path. */
    List<Entry> entries() {
        return entries;
    }

    /** The resources in the separately configured callback locations, sorted by relative path. */
    List<Entry> callbackEntries() {
        return callbackEntries;
    }

    /** The Java migration classes found in the locations (or by the configured class provider), by name. */
    List<Class<?>> javaClasses() {
        return javaClasses;
    }

    /** How many SQL migrations (versioned, repeatable, baseline) the locations hold. */
    long sqlMigrations() {
        return entries.stream().filter(Entry::isMigration).count();
    }

    /**
     * A resource provider that serves the snapshot's text, or null when the user configured their own
     * provider (which is then left in place).
     */
    ResourceProvider provider() {
        if (!served) {
            return null;
        }
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String path) {
                SnapshotResource r = byRelative.get(path.toLowerCase(Locale.ROOT));
                if (r == null && Path.of(path).isAbsolute()) {
                    r = byDisk.get(path.toLowerCase(Locale.ROOT));
                }
                return r;
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                List<LoadableResource> out = new ArrayList<>();
                for (Entry e : entries) {
                    if (e.resource().isText()
                            && StringUtils.startsAndEndsWith(e.resource().getFilename(), prefix, suffixes)) {
                        out.add(e.resource());
                    }
                }
                return out;
            }
        };
    }

    /**
     * Checks that every location can be read without a database and that {@code filesystem:} ones exist.
     *
     * @throws PristineException with {@code CONFIGURATION} naming the location and the fix
     */
    static void checkLocations(Configuration config) {
        for (Location l : config.getLocations()) {
            checkLocation(l);
        }
        for (Location l : config.getCallbackLocations() == null ? new Location[0] : config.getCallbackLocations()) {
            if (!l.isClassPath() && !l.isFileSystem()) {
                checkLocation(l);
            }
        }
    }

    private static void checkLocation(Location l) {
        if (!l.isClassPath() && !l.isFileSystem()) {
            throw new PristineException(ErrorCode.CONFIGURATION, "Flyway location type is not supported by Pristine",
                    l.getDescriptor(), "use classpath: or filesystem: locations; Pristine must read every migration "
                            + "to fingerprint it");
        }
        if (l.isFileSystem() && !isWildcard(l) && !Files.isDirectory(Path.of(l.getPath()))) {
            throw new PristineException(ErrorCode.CONFIGURATION, "Flyway location does not exist",
                    Path.of(l.getPath()).toAbsolutePath().normalize(),
                    "create the directory or fix the location (filesystem:DIR or classpath:PACKAGE/PATH)");
        }
    }

    private static void checkFound(Configuration config, Location l, List<Entry> entries,
            Collection<Class<? extends JavaMigration>> classes) {
        if (!l.isClassPath() || isWildcard(l) || config.getResourceProvider() != null) {
            return;
        }
        String path = l.getPath();
        String dir = path.isEmpty() || path.endsWith("/") ? path : path + "/";
        String pkg = dir.replace('/', '.');
        boolean any = config.getClassLoader().getResource(path) != null
                || entries.stream().anyMatch(e -> e.resource().getAbsolutePath().startsWith(dir))
                || classes.stream().anyMatch(c -> c.getName().startsWith(pkg));
        if (!any) {
            throw new PristineException(ErrorCode.CONFIGURATION, "Flyway location not found on the class path",
                    l.getDescriptor(), "check the location's spelling and that its resources are on the test class path "
                            + "(src/test/resources or src/main/resources)");
        }
    }

    private static boolean isWildcard(Location l) {
        return l.getPathRegex() != null || l.getDescriptor().contains("*") || l.getDescriptor().contains("?");
    }

    private static List<Entry> read(Configuration config, Collection<LoadableResource> resources) {
        ResourceNameParser parser = new ResourceNameParser(config);
        List<Entry> out = new ArrayList<>();
        for (LoadableResource r : resources) {
            boolean script = isScriptName(config, r.getFilename());
            ResourceName name = script ? parser.parse(r.getFilename()) : null;
            String text = text(config, r, script);
            SnapshotResource s = text != null
                    ? new SnapshotResource(r, text, Digest.of(text.getBytes(StandardCharsets.UTF_8)))
                    : new SnapshotResource(r, null, Digest.of(bytes(config, r)));
            if (name != null && name.isValid()) {
                out.add(new Entry(s, String.valueOf(name.getType()),
                        name.getVersion() == null ? null : name.getVersion().getVersion(), name.getDescription(),
                        ChecksumCalculator.calculate(s)));
            } else {
                out.add(new Entry(s, "FILE", null, null, null));
            }
        }
        out.sort(Comparator.comparing((Entry e) -> e.resource().getRelativePath())
                .thenComparing(e -> String.valueOf(e.resource().getAbsolutePath())));
        return out;
    }

    /** Whether Flyway may read the file as text: an SQL suffix, or script configuration ({@code V1__x.sql.conf}). */
    private static boolean isScriptName(Configuration config, String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".conf")) {
            return true;
        }
        for (String suffix : config.getSqlMigrationSuffixes()) {
            if (lower.endsWith(suffix.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text as Flyway reads it (configured encoding, BOM handling), or null for a file that is not a script and
     * is not text in that encoding (e.g. a {@code .class} file next to Java migrations).
     */
    private static String text(Configuration config, LoadableResource r, boolean script) {
        try (Reader in = r.read(); StringWriter out = new StringWriter()) {
            in.transferTo(out);
            return out.toString();
        } catch (IOException | UncheckedIOException | FlywayException e) {
            boolean undecodable = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
                undecodable |= t instanceof CharacterCodingException;
            }
            if (undecodable && !script) {
                return null;
            }
            if (undecodable) {
                throw new PristineException(ErrorCode.CONFIGURATION, "Flyway script is not " + config.getEncoding()
                        + " text", where(r), "save it in that encoding, or set flyway.encoding to the file's encoding", e);
            }
            throw new PristineException(ErrorCode.CONFIGURATION, "cannot read Flyway resource", where(r),
                    "check the file and its permissions", e);
        }
    }

    /** The raw bytes of a non-text file, for the fingerprint only. */
    private static byte[] bytes(Configuration config, LoadableResource r) {
        try {
            if (r.getAbsolutePathOnDisk() != null && Files.isRegularFile(Path.of(r.getAbsolutePathOnDisk()))) {
                return Files.readAllBytes(Path.of(r.getAbsolutePathOnDisk()));
            }
            try (InputStream in = config.getClassLoader().getResourceAsStream(r.getAbsolutePath())) {
                if (in != null) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "cannot read Flyway resource", where(r),
                    "check the file and its permissions", e);
        }
        throw new PristineException(ErrorCode.CONFIGURATION, "cannot read Flyway resource", where(r),
                "check that it is on the class path or on disk");
    }

    private static String where(LoadableResource r) {
        return r.getAbsolutePathOnDisk() != null ? r.getAbsolutePathOnDisk() : r.getAbsolutePath();
    }

    @Override
    public String toString() {
        return "FlywaySnapshot" + Arrays.asList(entries.size(), callbackEntries.size(), javaClasses.size());
    }

    /** A resource whose text was read once; Flyway reads it from memory. */
    static final class SnapshotResource extends LoadableResource {
        private final String relativePath;
        private final String filename;
        private final String absolutePath;
        private final String absolutePathOnDisk;
        private final String text;
        private final String contentHash;

        SnapshotResource(LoadableResource original, String text, String contentHash) {
            this.relativePath = original.getRelativePath();
            this.filename = original.getFilename();
            this.absolutePath = original.getAbsolutePath();
            this.absolutePathOnDisk = original.getAbsolutePathOnDisk();
            this.text = text;
            this.contentHash = contentHash;
        }

        /** Whether the text was read (scripts and other text files); binary files are hashed only. */
        boolean isText() {
            return text != null;
        }

        /** SHA-256 of the text (UTF-8), or of the bytes of a binary file. */
        String contentHash() {
            return contentHash;
        }

        @Override
        public Reader read() {
            if (text == null) {
                throw new FlywayException("Pristine did not keep the binary file " + relativePath
                        + "; only text resources are served from its snapshot");
            }
            return new StringReader(text);
        }

        @Override
        public String getAbsolutePath() {
            return absolutePath;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return absolutePathOnDisk;
        }

        @Override
        public String getFilename() {
            return filename;
        }

        @Override
        public String getRelativePath() {
            return relativePath;
        }

        @Override
        public String toString() {
            return relativePath;
        }
    }
}
