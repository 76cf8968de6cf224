package dev.pristine.flyway;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code [flyway]} tables of a {@code flyway.toml} into Flyway property names
 * ({@code flyway.locations}, {@code flyway.placeholders.x}). A small TOML subset, enough for Flyway
 * configuration files: comments, {@code [table]} headers, bare, quoted and dotted keys, basic and literal
 * strings, booleans, numbers and (multi-line) arrays of those; arrays become comma-separated values.
 * Tables outside {@code flyway} ({@code [environments.*]}: Pristine supplies the database) are skipped.
 *
 * <p>Thread-safe (stateless).
 */
final class FlywayToml {

    private FlywayToml() {}

    /**
     * Parses {@code text}.
     *
     * @param source names the file in errors
     * @throws PristineException with {@code CONFIGURATION} naming the line for syntax outside the subset
     */
    static Map<String, String> parse(String text, Object source) {
        Map<String, String> out = new LinkedHashMap<>();
        String table = "";
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                if (line.startsWith("[[") || !line.endsWith("]")) {
                    throw error(source, lineNo, "arrays of tables and malformed headers are not supported");
                }
                table = keyPath(line.substring(1, line.length() - 1).strip(), source, lineNo);
                continue;
            }
            int eq = indexOutsideQuotes(line, '=');
            if (eq < 0) {
                throw error(source, lineNo, "expected key = value");
            }
            String key = keyPath(line.substring(0, eq).strip(), source, lineNo);
            StringBuilder value = new StringBuilder(line.substring(eq + 1).strip());
            if (value.toString().startsWith("[")) {
                while (!balanced(value.toString()) && i + 1 < lines.length) {
                    value.append(' ').append(stripComment(lines[++i]).strip());
                }
            }
            String full = table.isEmpty() ? key : table + "." + key;
            if (full.startsWith("flyway.")) {
                out.put(full, value(value.toString().strip(), source, lineNo));
            }
        }
        return out;
    }

    private static String keyPath(String raw, Object source, int line) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '"' || c == '\'') {
                int end = raw.indexOf(c, i + 1);
                if (end < 0) {
                    throw error(source, line, "unterminated quoted key");
                }
                parts.add(raw.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = raw.indexOf('.', i);
                end = end < 0 ? raw.length() : end;
                String part = raw.substring(i, end).strip();
                if (!part.matches("[A-Za-z0-9_-]+")) {
                    throw error(source, line, "invalid key `" + raw + "`");
                }
                parts.add(part);
                i = end;
            }
            while (i < raw.length() && (raw.charAt(i) == ' ' || raw.charAt(i) == '\t')) {
                i++;
            }
            if (i < raw.length()) {
                if (raw.charAt(i) != '.') {
                    throw error(source, line, "invalid key `" + raw + "`");
                }
                i++;
                while (i < raw.length() && (raw.charAt(i) == ' ' || raw.charAt(i) == '\t')) {
                    i++;
                }
            }
        }
        return String.join(".", parts);
    }

    private static String value(String v, Object source, int line) {
        if (v.startsWith("[")) {
            if (!v.endsWith("]")) {
                throw error(source, line, "unterminated array");
            }
            List<String> items = new ArrayList<>();
            String inner = v.substring(1, v.length() - 1).strip();
            int start = 0;
            for (int i = 0; i <= inner.length(); i++) {
                if (i == inner.length() || (inner.charAt(i) == ',' && !insideQuotes(inner, i))) {
                    String item = inner.substring(start, i).strip();
                    if (!item.isEmpty()) {
                        items.add(value(item, source, line));
                    }
                    start = i + 1;
                }
            }
            return String.join(",", items);
        }
        if (v.startsWith("\"\"\"") || v.startsWith("'''") || v.startsWith("{")) {
            throw error(source, line, "multi-line strings and inline tables are not supported");
        }
        if (v.startsWith("'")) {
            if (v.length() < 2 || !v.endsWith("'")) {
                throw error(source, line, "unterminated string");
            }
            return v.substring(1, v.length() - 1);
        }
        if (v.startsWith("\"")) {
            if (v.length() < 2 || !v.endsWith("\"")) {
                throw error(source, line, "unterminated string");
            }
            return unescape(v.substring(1, v.length() - 1), source, line);
        }
        if (v.equals("true") || v.equals("false") || v.matches("[+-]?[0-9][0-9_.eE+-]*")) {
            return v.replace("_", "");
        }
        throw error(source, line, "unsupported value `" + v + "`");
    }

    private static String unescape(String s, Object source, int line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw error(source, line, "dangling escape");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw error(source, line, "bad \\u escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw error(source, line, "unsupported escape \\" + e);
            }
        }
        return b.toString();
    }

    private static String stripComment(String line) {
        int hash = indexOutsideQuotes(line, '#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static int indexOutsideQuotes(String s, char wanted) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == wanted && !insideQuotes(s, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean insideQuotes(String s, int pos) {
        char quote = 0;
        for (int i = 0; i < pos; i++) {
            char c = s.charAt(i);
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                quote = 0;
            }
        }
        return quote != 0;
    }

    private static boolean balanced(String v) {
        int depth = 0;
        for (int i = 0; i < v.length(); i++) {
            if (insideQuotes(v, i)) {
                continue;
            }
            if (v.charAt(i) == '[') {
                depth++;
            } else if (v.charAt(i) == ']') {
                depth--;
            }
        }
        return depth <= 0;
    }

    private static PristineException error(Object source, int line, String reason) {
        return new PristineException(ErrorCode.CONFIGURATION, "cannot read flyway.toml line " + line + ": " + reason,
                source, "use plain keys with strings, booleans, numbers or arrays, or move the setting to flyway.conf");
    }
}
