package dev.pristine.liquibase;

import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
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
                .contexts(properties.get("liquibase-contexts"))
                .labels(properties.get("liquibase-labels"));
        String searchPath = properties.get("liquibase-search-path");
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
            if (k.startsWith(PARAMETER_PREFIX) && k.length() > PARAMETER_PREFIX.length() && v != null) {
                b.parameter(k.substring(PARAMETER_PREFIX.length()), v);
            }
        });
        return b.build();
    }
}
