package dev.pristine;

import dev.pristine.internal.Redaction;

/**
 * Masks passwords in text before it is logged or shown: URL userinfo, {@code password=}-style
 * parameters, and every password Pristine was configured with. For adapters and users who print
 * JDBC URLs or messages of their own.
 *
 * <p>Thread-safe.
 */
public final class Redact {

    private Redact() {}

    /**
     * Returns {@code text} with every password masked as {@code ****}.
     *
     * @param text may be null
     * @return the masked text, or null for null
     */
    public static String mask(String text) {
        return Redaction.redact(text);
    }

    /**
     * Remembers a password made at run time (an engine's throwaway build user, say), so that it is masked
     * wherever it appears from now on, like a configured one. Values shorter than three characters are ignored.
     *
     * @param secret the password, may be null
     */
    public static void register(String secret) {
        Redaction.registerSecret(secret);
    }
}
