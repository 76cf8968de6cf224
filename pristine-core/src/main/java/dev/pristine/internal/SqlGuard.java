package dev.pristine.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a migration statement that would reach outside the database being built: switching database
 * ({@code USE}, {@code \connect}), creating, altering or dropping one ({@code CREATE|ALTER|DROP DATABASE};
 * on MariaDB/MySQL also {@code SCHEMA}, its synonym), attaching a database file (SQLite) and, on
 * MariaDB/MySQL, a table, view or routine named with another database ({@code other.t}). The statement is
 * read as the server reads it: quotes, comments and spacing do not hide a keyword, and the content of
 * MariaDB's executable comments ({@code /*! … *}{@code /}, {@code /*M! … *}{@code /}) and of a
 * {@code PREPARE … FROM '…'} or {@code EXECUTE IMMEDIATE '…'} literal counts as code.
 *
 * <p>A parser cannot see everything (SQL built at run time, migrations of other tools): on MariaDB the build
 * also runs as a user with rights on the build database only, which makes such statements fail.
 *
 * <p>Thread-safe (stateless).
 */
final class SqlGuard {

    /** How the server reads a statement. */
    enum Dialect {
        /** MariaDB and MySQL: backticks, {@code #} comments, executable comments, {@code SCHEMA} means database. */
        MYSQL,
        /** PostgreSQL, SQLite, H2: a schema lives inside the database, so only {@code DATABASE} is refused. */
        STANDARD
    }

    /**
     * Why a statement is refused.
     *
     * @param reason what the statement does, for the message
     * @param fix what to do instead
     * @param lineOffset how many lines after the statement's first line the refused part starts
     */
    record Refusal(String reason, String fix, int lineOffset) {}

    static final String OUTSIDE = "statement switches, creates, alters or drops a database";
    static final String REMOVE = "remove that line: Pristine creates, names and connects to each database itself";

    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP");
    private static final Set<String> ALTER_OPTIONS = Set.of("DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "COMMENT");
    private static final Set<String> TABLE_WORDS = Set.of("TABLE", "INTO", "UPDATE", "JOIN", "REFERENCES", "TO", "VIEW",
            "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "CALL", "TRUNCATE", "EXISTS", "DELETE", "SEQUENCE");
    private static final int MAX_DEPTH = 4;

    private enum Kind { WORD, QUOTED, STRING, PUNCT, META }

    private record Token(Kind kind, String text, int line) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isPunct(String p) {
            return kind == Kind.PUNCT && text.equals(p);
        }

        boolean isName() {
            return kind == Kind.QUOTED || (kind == Kind.WORD && !text.chars().allMatch(Character::isDigit));
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlGuard() {}

    /**
     * Checks one statement (as {@link SqlScript#split} returns it, or raw text).
     *
     * @param sql the statement, not null
     * @return why it is refused, or empty when it stays inside the database being built
     */
    static Optional<Refusal> check(String sql, Dialect dialect) {
        return check(sql, dialect, 0);
    }

    private static Optional<Refusal> check(String sql, Dialect dialect, int depth) {
        List<Token> t = tokens(sql, dialect);
        boolean mysql = dialect == Dialect.MYSQL;
        Deque<Boolean> frames = new ArrayDeque<>(); // per open parenthesis: does it hold a query?
        boolean firstOnSeen = false;
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            Token prev = i > 0 ? t.get(i - 1) : null;
            Token next = i + 1 < t.size() ? t.get(i + 1) : null;
            if (tok.kind() == Kind.META) {
                return refuse((mysql ? "mysql client command" : "psql meta-command") + " is not SQL", REMOVE, tok);
            }
            if (tok.isPunct("(")) {
                frames.push(next != null && (next.is("SELECT") || next.is("WITH")));
                continue;
            }
            if (tok.isPunct(")")) {
                frames.poll();
                continue;
            }
            if (tok.kind() != Kind.WORD || (prev != null && prev.isPunct("."))) {
                continue;
            }
            String w = tok.upper();
            if (w.equals("USE") && (mysql ? next == null || !(next.is("INDEX") || next.is("KEY")) : i == 0)) {
                return refuse(OUTSIDE, REMOVE, tok);
            }
            if ((w.equals("DATABASE") || (mysql && w.equals("SCHEMA"))) && prev != null && databaseDdl(t, i, mysql)) {
                return refuse(OUTSIDE, REMOVE, tok);
            }
            if (!mysql && w.equals("DATABASE") && prev != null && prev.is("ON")) {
                return refuse(OUTSIDE, REMOVE, tok); // COMMENT ON / GRANT … ON / SECURITY LABEL ON DATABASE
            }
            if (!mysql && i == 0 && w.equals("ATTACH")) {
                return refuse("statement attaches another database", REMOVE, tok);
            }
            if (!mysql && t.get(0).is("VACUUM") && w.equals("INTO")) {
                return refuse("statement writes another database file", REMOVE, tok);
            }
            if (!mysql) {
                continue;
            }
            if ((w.equals("PREPARE") && i + 3 < t.size() && t.get(i + 2).is("FROM") && t.get(i + 3).kind() == Kind.STRING)
                    || (w.equals("EXECUTE") && next != null && next.is("IMMEDIATE") && i + 2 < t.size()
                            && t.get(i + 2).kind() == Kind.STRING)) {
                Token literal = w.equals("PREPARE") ? t.get(i + 3) : t.get(i + 2);
                if (depth < MAX_DEPTH) {
                    Optional<Refusal> inner = check(literal.text(), dialect, depth + 1);
                    if (inner.isPresent()) {
                        return Optional.of(new Refusal(inner.get().reason(), inner.get().fix(), literal.line()));
                    }
                }
                continue;
            }
            boolean tablePosition = TABLE_WORDS.contains(w)
                    || (w.equals("FROM") && (frames.isEmpty() || frames.peek()))
                    || (w.equals("LIKE") && likeTable(t, i))
                    || (w.equals("ON") && !firstOnSeen && onTable(t, i));
            if (w.equals("ON")) {
                firstOnSeen = true;
            }
            if (tablePosition) {
                Optional<Refusal> r = names(t, i + 1);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        if (mysql) {
            return qualifiedAnywhere(t);
        }
        return Optional.empty();
    }

    /** {@code CREATE|ALTER|DROP [OR REPLACE] DATABASE|SCHEMA}, except an unnamed {@code ALTER} (the build itself). */
    private static boolean databaseDdl(List<Token> t, int i, boolean mysql) {
        Token prev = t.get(i - 1);
        String verb = null;
        if (DDL.contains(prev.upper()) && prev.kind() == Kind.WORD) {
            verb = prev.upper();
        } else if (prev.is("REPLACE") && i >= 3 && t.get(i - 2).is("OR") && t.get(i - 3).is("CREATE")) {
            verb = "CREATE";
        }
        if (verb == null || (i >= 2 && verb.equals("CREATE") && t.get(i - 2).is("SHOW"))) {
            return false;
        }
        if (!mysql) {
            return i == 1; // PostgreSQL runs database DDL only as a statement of its own (a column may be named database)
        }
        if (mysql && verb.equals("ALTER")) {
            Token name = i + 1 < t.size() ? t.get(i + 1) : null;
            return name != null && !(name.kind() == Kind.WORD && ALTER_OPTIONS.contains(name.upper()))
                    && !name.isPunct(";");
        }
        return true;
    }

    /** {@code CREATE TABLE x LIKE other.t}: LIKE right after the table name, not in a condition. */
    private static boolean likeTable(List<Token> t, int i) {
        if (!t.get(0).is("CREATE")) {
            return false;
        }
        for (int j = 1; j < i; j++) {
            Token k = t.get(j);
            if (k.is("SELECT") || k.is("WHERE") || k.is("AS") || k.is("VIEW") || k.is("BEGIN")) {
                return false;
            }
        }
        return true;
    }

    /** The first ON of {@code CREATE … INDEX … ON t}, {@code CREATE TRIGGER … ON t}, {@code GRANT … ON db.t}. */
    private static boolean onTable(List<Token> t, int i) {
        Token first = t.get(0);
        if (first.is("GRANT") || first.is("REVOKE")) {
            return true;
        }
        if (!first.is("CREATE")) {
            return false;
        }
        for (int j = 1; j < i; j++) {
            if (t.get(j).is("INDEX") || t.get(j).is("TRIGGER")) {
                return true;
            }
        }
        return false;
    }

    /** Reads a list of (possibly qualified) names from {@code i}, each with an optional alias. */
    private static Optional<Refusal> names(List<Token> t, int from) {
        int i = from;
        while (i < t.size()) {
            if (t.get(i).is("IF") || t.get(i).is("NOT") || t.get(i).is("EXISTS") || t.get(i).is("TEMPORARY")) {
                i++;
                continue;
            }
            if (!t.get(i).isName()) {
                return Optional.empty();
            }
            if (i + 2 < t.size() && t.get(i + 1).isPunct(".") && (t.get(i + 2).isName() || t.get(i + 2).isPunct("*"))) {
                Optional<Refusal> r = qualifier(t.get(i));
                if (r.isPresent()) {
                    return r;
                }
                i += 3;
            } else {
                i++;
            }
            if (i < t.size() && t.get(i).is("AS")) {
                i++;
            }
            if (i + 1 < t.size() && t.get(i).isName() && t.get(i + 1).isPunct(",")) {
                i++; // an alias
            }
            if (i < t.size() && t.get(i).isPunct(",")) {
                i++;
                continue;
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code db.t.col} and {@code db.f(…)}: a database name wherever it stands. */
    private static Optional<Refusal> qualifiedAnywhere(List<Token> t) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (!t.get(i).isName() || (i > 0 && t.get(i - 1).isPunct("."))) {
                continue;
            }
            if (!t.get(i + 1).isPunct(".") || !t.get(i + 2).isName()) {
                continue;
            }
            boolean threeParts = i + 4 < t.size() && t.get(i + 3).isPunct(".") && t.get(i + 4).isName();
            boolean call = i + 3 < t.size() && t.get(i + 3).isPunct("(");
            if (threeParts || call) {
                Optional<Refusal> r = qualifier(t.get(i));
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> qualifier(Token db) {
        if (db.text().equalsIgnoreCase("information_schema")) {
            return Optional.empty(); // read-only, describes the build database too
        }
        return refuse("statement names another database `" + db.text() + "`",
                "write the name without `" + db.text() + ".`: a migration runs in the database Pristine builds and may "
                        + "not reach outside it", db);
    }

    private static Optional<Refusal> refuse(String reason, String fix, Token at) {
        return Optional.of(new Refusal(reason, fix, at.line()));
    }

    // ---- tokens ----

    private static List<Token> tokens(String s, Dialect dialect) {
        boolean mysql = dialect == Dialect.MYSQL;
        List<Token> out = new ArrayList<>();
        int line = 0;
        int i = 0;
        int n = s.length();
        boolean lineStart = true;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = true;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean atLineStart = lineStart;
            lineStart = false;
            if (c == '\\' && atLineStart) {
                out.add(new Token(Kind.META, s.substring(i, Math.min(n, i + 2)), line));
                i = end(s, i);
                continue;
            }
            if (c == '-' && s.startsWith("--", i) && (!mysql || i + 2 >= n || Character.isWhitespace(s.charAt(i + 2)))) {
                i = end(s, i);
                continue;
            }
            if (c == '#' && mysql) {
                i = end(s, i);
                continue;
            }
            if (c == '/' && s.startsWith("/*", i)) {
                if (mysql && (s.startsWith("/*!", i) || s.startsWith("/*M!", i))) {
                    i += s.startsWith("/*!", i) ? 3 : 4;
                    while (i < n && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                    continue; // executable comment: its content is code; its "*/" is skipped below
                }
                int close = mysql ? s.indexOf("*/", i + 2) : nestedCommentEnd(s, i);
                int stop = close < 0 ? n : close + 2;
                line += count(s, i, stop);
                i = stop;
                continue;
            }
            if (mysql && c == '*' && s.startsWith("*/", i)) {
                i += 2; // the end of an executable comment
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                boolean identifier = c == '`' || (c == '"' && !mysql);
                boolean escapes = mysql ? c != '`' : c == '\'' && i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e');
                int startLine = line;
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == '\\' && escapes && j + 1 < n) {
                        v.append(unescape(s.charAt(j + 1)));
                        line += s.charAt(j + 1) == '\n' ? 1 : 0;
                        j += 2;
                        continue;
                    }
                    if (d == c) {
                        if (j + 1 < n && s.charAt(j + 1) == c) {
                            v.append(c);
                            j += 2;
                            continue;
                        }
                        j++;
                        break;
                    }
                    if (d == '\n') {
                        line++;
                    }
                    v.append(d);
                    j++;
                }
                out.add(new Token(identifier ? Kind.QUOTED : Kind.STRING, v.toString(), startLine));
                i = j;
                continue;
            }
            if (!mysql && c == '$') {
                int tagEnd = i + 1;
                while (tagEnd < n && (Character.isLetterOrDigit(s.charAt(tagEnd)) || s.charAt(tagEnd) == '_')) {
                    tagEnd++;
                }
                if (tagEnd < n && s.charAt(tagEnd) == '$' && !(tagEnd > i + 1 && Character.isDigit(s.charAt(i + 1)))) {
                    String tag = s.substring(i, tagEnd + 1);
                    int close = s.indexOf(tag, tagEnd + 1);
                    int stop = close < 0 ? n : close + tag.length();
                    out.add(new Token(Kind.STRING, s.substring(tagEnd + 1, close < 0 ? n : close), line));
                    line += count(s, i, stop);
                    i = stop;
                    continue;
                }
            }
            if (isWordChar(c)) {
                int j = i;
                while (j < n && isWordChar(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.WORD, s.substring(i, j), line));
                i = j;
                continue;
            }
            out.add(new Token(Kind.PUNCT, String.valueOf(c), line));
            i++;
        }
        return out;
    }

    private static int nestedCommentEnd(String s, int from) {
        int depth = 0;
        int i = from;
        while (i + 1 < s.length()) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                if (depth == 0) {
                    return i;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '0' -> '\0';
            default -> c;
        };
    }

    private static int end(String s, int from) {
        int eol = s.indexOf('\n', from);
        return eol < 0 ? s.length() : eol;
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
