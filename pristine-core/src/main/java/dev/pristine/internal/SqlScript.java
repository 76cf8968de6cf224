package dev.pristine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQL script into statements, honouring quotes ({@code '…'}, {@code "…"}, {@code `…`}),
 * comments ({@code --}, {@code #} at a line start, {@code /* … *\/}), PostgreSQL dollar quotes
 * ({@code $$ … $$}, {@code $tag$ … $tag$}), {@code BEGIN … END} bodies of triggers, procedures,
 * functions and events, and the MySQL client's {@code DELIMITER} directive. Each statement keeps the
 * line it starts on, for error messages.
 */
final class SqlScript {

    /**
     * One statement of a script.
     *
     * @param sql the statement without its terminating delimiter
     * @param line the 1-based line its first character is on
     */
    public record Statement(String sql, int line) {}

    private final String text;
    private final List<Statement> statements = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int pos;
    private int line = 1;
    private int startLine = -1;
    private String delimiter = ";";
    private int depth;
    private boolean blockStatement;
    private boolean hasContent;
    private final boolean backslashEscapes;

    private SqlScript(String text, boolean backslashEscapes) {
        this.text = text;
        this.backslashEscapes = backslashEscapes;
    }

    /**
     * Splits {@code text} into statements; blank statements and pure comments are dropped.
     *
     * @param backslashEscapes whether a backslash escapes the next character in a string (MySQL, MariaDB)
     */
    public static List<Statement> split(String text, boolean backslashEscapes) {
        SqlScript s = new SqlScript(text, backslashEscapes);
        s.run();
        return s.statements;
    }

    private void run() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (!hasContent && (c == 'D' || c == 'd') && text.regionMatches(true, pos, "DELIMITER", 0, 9) && atLineStart()) {
                int eol = lineEnd(pos);
                delimiter = text.substring(pos + "DELIMITER".length(), eol).trim();
                if (delimiter.isEmpty()) {
                    delimiter = ";";
                }
                pos = eol;
                continue;
            }
            if (c == '\n') {
                line++;
                append(c);
                pos++;
            } else if (c == '\'' || c == '"' || c == '`') {
                quoted(c);
            } else if (c == '-' && text.startsWith("--", pos)) {
                skipTo(lineEnd(pos));
            } else if (c == '#' && !hasContent && atLineStart()) {
                skipTo(lineEnd(pos));
            } else if (c == '/' && text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                skipTo(end < 0 ? text.length() : end + 2);
            } else if (c == '$' && dollarQuote()) {
                continue;
            } else if (depth == 0 && text.startsWith(delimiter, pos)) {
                finish();
                pos += delimiter.length();
            } else if (Character.isLetter(c) && (pos == 0 || !isWordChar(text.charAt(pos - 1)))) {
                word();
            } else {
                append(c);
                pos++;
            }
        }
        finish();
    }

    private void word() {
        int end = pos;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        String w = text.substring(pos, end).toUpperCase(Locale.ROOT);
        current.append(text, pos, end);
        hasContent = true;
        if (startLine < 0) {
            startLine = line;
        }
        pos = end;
        if (!blockStatement && (w.equals("TRIGGER") || w.equals("PROCEDURE") || w.equals("FUNCTION")
                || w.equals("EVENT")) && startsWithCreate()) {
            blockStatement = true;
        }
        if (!blockStatement) {
            return;
        }
        if (w.equals("BEGIN") || w.equals("CASE")) {
            depth++;
        } else if (w.equals("END") && depth > 0) {
            String next = nextWord(end);
            if (!(next.equals("IF") || next.equals("LOOP") || next.equals("WHILE") || next.equals("REPEAT"))) {
                depth--;
            }
        }
    }

    private boolean startsWithCreate() {
        int i = 0;
        while (i < current.length() && Character.isWhitespace(current.charAt(i))) {
            i++;
        }
        return current.length() - i >= 6 && current.substring(i, i + 6).equalsIgnoreCase("CREATE");
    }

    private String nextWord(int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int end = i;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        return text.substring(i, end).toUpperCase(Locale.ROOT);
    }

    private boolean dollarQuote() {
        int end = pos + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end >= text.length() || text.charAt(end) != '$' || (end > pos + 1 && Character.isDigit(text.charAt(pos + 1)))) {
            return false;
        }
        if (pos > 0 && isWordChar(text.charAt(pos - 1))) {
            return false;
        }
        String tag = text.substring(pos, end + 1);
        int close = text.indexOf(tag, end + 1);
        int stop = close < 0 ? text.length() : close + tag.length();
        copyCounting(stop);
        return true;
    }

    private void quoted(char q) {
        int i = pos + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && backslashEscapes && q != '`' && i + 1 < text.length()) {
                i += 2;
                continue;
            }
            if (c == q) {
                if (i + 1 < text.length() && text.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            i++;
        }
        copyCounting(Math.min(i, text.length()));
    }

    private void copyCounting(int stop) {
        if (startLine < 0) {
            startLine = line;
        }
        for (int i = pos; i < stop; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        current.append(text, pos, stop);
        hasContent = true;
        pos = stop;
    }

    private void skipTo(int stop) {
        for (int i = pos; i < stop; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                current.append('\n');
            }
        }
        if (hasContent) {
            current.append(' ');
        }
        pos = stop;
    }

    private void append(char c) {
        if (!Character.isWhitespace(c)) {
            hasContent = true;
            if (startLine < 0) {
                startLine = line;
            }
        }
        current.append(c);
    }

    private void finish() {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            statements.add(new Statement(sql, startLine < 0 ? line : startLine));
        }
        current.setLength(0);
        hasContent = false;
        startLine = -1;
        depth = 0;
        blockStatement = false;
    }

    private boolean atLineStart() {
        int i = pos - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n';
    }

    private int lineEnd(int from) {
        int eol = text.indexOf('\n', from);
        return eol < 0 ? text.length() : eol;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
