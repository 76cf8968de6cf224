package dev.pristine;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Masks passwords in text before it reaches a message or a log: URL userinfo ({@code user:secret@}),
 * {@code password=}/{@code pwd=}/{@code "password": "…"} parameters, and every password value that
 * Pristine was configured with or that was {@linkplain #register registered}. For Pristine itself, its
 * engines and adapters, and users who print JDBC URLs or messages of their own. One pass per rule over
 * input bounded to {@link #MAX_LENGTH} characters, so redaction is linear-time.
 *
 * <p>The bottom of the core: it uses nothing else of Pristine's, so every package may use it. Thread-safe.
 */
public final class Redact {

    /** Text longer than this is cut before redaction, so the work per call stays bounded. */
    public static final int MAX_LENGTH = 64 * 1024;

    /** What a masked value is replaced with. */
    public static final String MASK = "****";

    private static final String[] KEYS = {"password", "passwd", "pwd", "secret"};
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private Redact() {}

    /**
     * Remembers a password (a configured one, or one made at run time such as an engine's throwaway build
     * user), so that it is masked wherever it appears from now on, even outside a recognised
     * {@code key=value} form. Values shorter than three characters are not remembered (masking every "a"
     * would destroy messages); the patterns still mask them in URLs and parameters.
     *
     * @param secret the value, may be null
     */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 3) {
            SECRETS.add(secret);
        }
    }

    /**
     * Returns {@code text} with every password masked as {@link #MASK}.
     *
     * @param text may be null
     * @return the masked text, or null for null
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        boolean cut = text.length() > MAX_LENGTH;
        String s = cut ? text.substring(0, MAX_LENGTH) : text;
        for (String secret : SECRETS) {
            if (s.contains(secret)) {
                s = s.replace(secret, MASK);
            }
        }
        s = maskKeyValues(maskUserInfo(s));
        return cut ? s + "…[truncated]" : s;
    }

    /**
     * Returns a throwable whose message and whose causes' messages are redacted. When nothing needs
     * masking the original is returned, so callers can still match on its type.
     *
     * @param t may be null
     */
    public static Throwable sanitize(Throwable t) {
        if (t == null || isClean(t, 0)) {
            return t;
        }
        return copy(t, 0);
    }

    private static boolean isClean(Throwable t, int depth) {
        for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) {
            String m = c.getMessage();
            if (m != null && !m.equals(mask(m))) {
                return false;
            }
        }
        return true;
    }

    private static Throwable copy(Throwable t, int depth) {
        Throwable cause = t.getCause() == null || depth > 32 ? null : copy(t.getCause(), depth + 1);
        RedactedException r = new RedactedException(t.getClass().getName(), mask(t.getMessage()), cause);
        r.setStackTrace(t.getStackTrace());
        return r;
    }

    private static String maskUserInfo(String s) {
        int scheme = s.indexOf("://");
        if (scheme < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (scheme >= 0) {
            int start = scheme + 3;
            int end = start;
            int at = -1;
            while (end < s.length()) {
                char c = s.charAt(end);
                if (c == '/' || c == '?' || c == '#' || Character.isWhitespace(c)) {
                    break;
                }
                if (c == '@') {
                    at = end;
                }
                end++;
            }
            if (at > 0) {
                int colon = s.indexOf(':', start);
                if (colon > 0 && colon < at) {
                    out.append(s, i, colon + 1).append(MASK);
                    i = at;
                }
            }
            scheme = s.indexOf("://", Math.max(end, start));
        }
        out.append(s, i, s.length());
        return out.toString();
    }

    private static String maskKeyValues(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.length() != s.length()) {
            lower = s; // locale-dependent length change; fall back to exact-case matching
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < s.length()) {
            int keyEnd = matchKey(lower, i);
            if (keyEnd < 0) {
                i++;
                continue;
            }
            int j = keyEnd;
            if (j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
                j++;
            }
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            if (j >= s.length() || (s.charAt(j) != '=' && s.charAt(j) != ':')) {
                i = keyEnd;
                continue;
            }
            j++;
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            char quote = 0;
            if (j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
                quote = s.charAt(j);
                j++;
            }
            int valueStart = j;
            while (j < s.length() && !endsValue(s.charAt(j), quote)) {
                j++;
            }
            if (j > valueStart && !s.startsWith(MASK, valueStart)) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, valueStart).append(MASK);
                copied = j;
            }
            i = Math.max(j, keyEnd);
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, s.length()).toString();
    }

    private static int matchKey(String lower, int i) {
        if (i > 0 && Character.isLetterOrDigit(lower.charAt(i - 1))) {
            return -1;
        }
        for (String key : KEYS) {
            if (lower.startsWith(key, i)) {
                return i + key.length();
            }
        }
        return -1;
    }

    private static boolean endsValue(char c, char quote) {
        if (quote != 0) {
            return c == quote;
        }
        return c == '&' || c == ';' || c == ',' || c == ')' || c == ']' || c == '}' || c == '"'
                || c == '\'' || Character.isWhitespace(c);
    }

    /** A redacted stand-in for a throwable whose message held a secret. */
    public static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String originalType;

        RedactedException(String originalType, String message, Throwable cause) {
            super(message, cause);
            this.originalType = originalType;
        }

        /** The class name of the throwable this stands in for. */
        public String originalType() {
            return originalType;
        }

        @Override
        public String toString() {
            String m = getMessage();
            return m == null ? originalType : originalType + ": " + m;
        }
    }
}
