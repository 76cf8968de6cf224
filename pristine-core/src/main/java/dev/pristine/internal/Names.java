package dev.pristine.internal;

import dev.pristine.spi.DatabaseNames;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Generated database names: a cleaned-up test name plus a short random suffix. */
public final class Names {

    /** Every database Pristine creates starts with this. */
    public static final String PREFIX = DatabaseNames.PREFIX;

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int SUFFIX_LENGTH = 8;

    private Names() {}

    /**
     * A new clone name: {@code pristine_<cleaned test>_<8 random chars>}, at most {@code maxLength} long.
     *
     * @param test the test name, may be null or empty
     */
    public static String clone(String test, int maxLength) {
        String cleaned = clean(test);
        int room = maxLength - PREFIX.length() - SUFFIX_LENGTH - 1;
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(cleaned.length() - Math.max(room, 0));
            cleaned = cleaned.replaceAll("^_+", "");
        }
        return PREFIX + (cleaned.isEmpty() ? "" : cleaned + "_") + suffix();
    }

    /** Lower-case letters, digits and single underscores only. */
    public static String clean(String test) {
        if (test == null) {
            return "";
        }
        String s = test.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return s.replaceAll("^_+|_+$", "");
    }

    /** Eight random lower-case letters and digits. */
    public static String suffix() {
        // Uniqueness comes from create-new semantics (a taken name is retried), not from the randomness.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] c = new char[SUFFIX_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
