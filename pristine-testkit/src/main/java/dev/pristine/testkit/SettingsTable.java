package dev.pristine.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.spi.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings tables of a README (a Markdown table whose first header cell starts with {@code setting}), checked
 * against the settings a module declares: each declared setting has a row, and the row's default (when the table
 * has a {@code default} column) is the setting's {@link Setting#shownDefault()}.
 *
 * <p>A row's first cell names one or more settings in backticks, with or without the {@code pristine.} prefix
 * ({@code `pristine.url`}, {@code `h2.mode`}, {@code `liquibase.parameters.<name>`} for a family); a default cell is
 * compared without its backticks.
 */
public final class SettingsTable {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private SettingsTable() {}

    /**
     * The rows of every settings table in {@code readme}: setting name (without the prefix; a family without its
     * {@code .<name>}) to the default cell, or null when the table has no default column.
     */
    public static Map<String, String> read(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> rows = new LinkedHashMap<>();
        int defaultColumn = -1;
        boolean inTable = false;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            if (!inTable) {
                inTable = cells.get(0).toLowerCase(Locale.ROOT).startsWith("setting");
                defaultColumn = inTable ? cells.indexOf("default") : -1;
                continue;
            }
            if (cells.get(0).startsWith("---")) {
                continue;
            }
            Matcher m = CODE.matcher(cells.get(0));
            while (m.find()) {
                String name = m.group(1).trim();
                if (name.startsWith("-") || name.startsWith(".")) {
                    continue; // an option (--allow-remote), or shorthand
                }
                name = name.startsWith("pristine.") ? name.substring("pristine.".length()) : name;
                name = name.endsWith(".<name>") ? name.substring(0, name.length() - ".<name>".length()) : name;
                rows.put(name, defaultColumn < 0 ? null : cells.get(defaultColumn).replace("`", "").trim());
            }
        }
        return rows;
    }

    /**
     * Asserts that every one of {@code settings} has a row in {@code readme}, with its default where the table shows
     * one.
     */
    public static void assertDocuments(Path readme, List<Setting<?>> settings) {
        Map<String, String> rows = read(readme);
        for (Setting<?> s : settings) {
            assertThat(rows).as("%s documents pristine.%s", readme, s.name()).containsKey(s.name());
            if (rows.get(s.name()) != null) {
                assertThat(rows.get(s.name())).as("the default of pristine.%s in %s", s.name(), readme)
                        .isEqualTo(s.shownDefault());
            }
        }
    }

    /** The cells of a table row; {@code \|} is a pipe inside a cell. */
    private static List<String> cells(String line) {
        String body = line.strip();
        body = body.substring(1, body.endsWith("|") && body.length() > 1 ? body.length() - 1 : body.length());
        List<String> cells = new ArrayList<>();
        for (String cell : body.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.replace("\\|", "|").trim());
        }
        return cells;
    }
}
