package dev.pristine.cli;

import dev.pristine.Redact;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Masks passwords in everything the CLI prints that it did not make itself (error messages, stack
 * traces, progress lines): every password given to this command, even one on a command line that did
 * not parse, and then whatever {@link Redact#mask} masks (URL user info, {@code password=} values,
 * every password Pristine was configured with). {@link Redact} is linear-time on bounded input.
 *
 * <p>Immutable and thread-safe.
 */
final class Masking {

    static final String MASK = "****";

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
        String s = Redact.mask(text);
        for (String secret : secrets) {
            s = s.replace(secret, MASK);
        }
        return s;
    }
}
