package dev.pristine.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Masks passwords in everything the CLI prints that it did not make itself (error messages, stack
 * traces): every password the user gave, URL user info ({@code user:secret@}) and
 * {@code password=}/{@code pwd=}/{@code secret:} values. Input is cut to a bounded length and each
 * rule is one regex pass without nested repetition, so the work stays linear in practice.
 *
 * <p>Immutable and thread-safe.
 */
final class Masking {

    static final String MASK = "****";
    private static final int MAX_LENGTH = 64 * 1024;
    private static final Pattern USER_INFO = Pattern.compile("(://[^/?#\\s:@]*):[^/?#\\s@]*@");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(?<![a-z0-9])(password|passwd|pwd|secret)([\"']?[ ]?[=:][ ]?[\"']?)(?!\\*\\*\\*\\*)([^&;,\\s\"')\\]}]+)");

    /** Longest first, so a secret that contains another is masked whole. */
    private final List<String> secrets;

    private Masking(List<String> secrets) {
        this.secrets = secrets;
    }

    /**
     * A masking for these secrets; values shorter than three characters are left to the patterns, since
     * masking every "a" would destroy messages.
     *
     * @param secrets passwords to mask wherever they appear; null elements are ignored
     */
    static Masking of(Collection<String> secrets) {
        return new Masking(secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 3).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** The text with every password masked; null for null. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String s = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "...[truncated]" : text;
        for (String secret : secrets) {
            s = s.replace(secret, MASK);
        }
        s = USER_INFO.matcher(s).replaceAll("$1:" + MASK + "@");
        return KEY_VALUE.matcher(s).replaceAll("$1$2" + MASK);
    }
}
