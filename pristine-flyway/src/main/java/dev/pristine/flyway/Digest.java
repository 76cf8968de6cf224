package dev.pristine.flyway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over length-prefixed fields, so that {@code ("ab","c")} and {@code ("a","bc")} differ.
 * (The core has the same helper in its {@code internal} package, which other modules must not use.)
 *
 * <p>Not thread-safe; one instance per computation.
 */
final class Digest {

    private final MessageDigest sha;

    private Digest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static Digest sha256() {
        return new Digest();
    }

    /** Adds a text field; null is distinguished from the empty string. */
    Digest add(String field) {
        if (field == null) {
            return add(new byte[] {0});
        }
        add(new byte[] {1});
        return add(field.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a binary field. */
    Digest add(byte[] field) {
        long n = field.length;
        for (int i = 0; i < 8; i++) {
            sha.update((byte) (n >>> (8 * i)));
        }
        sha.update(field);
        return this;
    }

    /** Adds a list of text fields, prefixed by its size. */
    Digest addAll(Iterable<String> fields) {
        int n = 0;
        for (String ignored : fields) {
            n++;
        }
        add(Integer.toString(n));
        for (String f : fields) {
            add(f);
        }
        return this;
    }

    /** The hash as 64 lower-case hex digits. */
    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 of {@code bytes} as hex, for content fields. */
    static String of(byte[] bytes) {
        return sha256().add(bytes).hex();
    }
}
