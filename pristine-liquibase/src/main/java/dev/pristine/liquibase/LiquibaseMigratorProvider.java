package dev.pristine.liquibase;

import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
import dev.pristine.spi.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Provides the Liquibase migrator ({@code liquibase}). It recognises a changelog FILE and scores 30 for it,
 * above the plain SQL migrator (10 for a directory, 5 for a {@code .sql} file): {@code .xml}, {@code .yaml},
 * {@code .yml} and {@code .json} files that mention {@code databaseChangeLog}, and {@code .sql} files whose
 * first non-blank line is {@code --liquibase formatted sql}.
 *
 * <p>Settings ({@code pristine.} prefix optional): {@code liquibase.contexts}, {@code liquibase.labels},
 * {@code liquibase.parameters.<name>} (one per parameter), {@code liquibase.search-path} (directories
 * separated by {@code ,}). Thread-safe.
 */
public final class LiquibaseMigratorProvider implements MigratorProvider {

    private static final int SCORE = 30;
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final Pattern FORMATTED_SQL = Pattern.compile("(?i)^--\\s*liquibase\\s+formatted\\s+sql\\b.*");
    private static final String PARAMETER_PREFIX = "liquibase-parameters-";

    static final Setting<String> CONTEXTS = Setting.text("liquibase.contexts", null,
            "Liquibase context filter (test, test and !slow); unset runs every changeset");
    static final Setting<String> LABELS = Setting.text("liquibase.labels", null,
            "Liquibase label filter (core or billing); unset runs every changeset");
    static final Setting<String> SEARCH_PATH = Setting.text("liquibase.search-path", null,
            "directories (,-separated) that changelog paths are relative to");
    static final Setting<String> PARAMETERS = Setting.family("liquibase.parameters",
            "changelog parameter ${name}, one setting per parameter");

    @Override
    public String id() {
        return "liquibase";
    }

    @Override
    public int detect(Path location) {
        if (!Files.isRegularFile(location) || location.getFileName() == null) {
            return 0;
        }
        String name = location.getFileName().toString().toLowerCase(Locale.ROOT);
        String head = head(location);
        if (name.endsWith(".sql")) {
            return isFormattedSql(head) ? SCORE : 0;
        }
        boolean structured = name.endsWith(".xml") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
        return structured && head.contains("databaseChangeLog") ? SCORE : 0;
    }

    static boolean isFormattedSql(String text) {
        for (String line : text.replace("\uFEFF", "").split("\\R", -1)) {
            if (!line.isBlank()) {
                return FORMATTED_SQL.matcher(line.strip()).matches();
            }
        }
        return false;
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public Migrator create(Path location, Map<String, String> properties) {
        LiquibaseMigrations.Builder b = LiquibaseMigrations.changelog(location)
                .contexts(CONTEXTS.get(properties))
                .labels(LABELS.get(properties));
        String searchPath = SEARCH_PATH.get(properties);
        if (searchPath != null && !searchPath.isBlank()) {
            List<Path> dirs = new ArrayList<>();
            for (String p : searchPath.split(",")) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p.trim()));
                }
            }
            b.searchPath(dirs);
        }
        properties.forEach((k, v) -> {
            if (PARAMETERS.matches(k) && v != null) {
                b.parameter(k.substring(PARAMETER_PREFIX.length()), v);
            }
        });
        return b.build();
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(CONTEXTS, LABELS, SEARCH_PATH, PARAMETERS);
    }
}
