package dev.pristine.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 with length-prefixed fields, so that {@code ("ab","c")} and {@code ("a","bc")} differ. */
final class Hashing {

    private final MessageDigest digest;

    private Hashing() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A new hash. */
    public static Hashing sha256() {
        return new Hashing();
    }

    /** Adds a text field. */
    public Hashing add(String field) {
        return add(field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a binary field. */
    public Hashing add(byte[] field) {
        long n = field.length;
        for (int i = 0; i < 8; i++) {
            digest.update((byte) (n >>> (8 * i)));
        }
        digest.update(field);
        return this;
    }

    /** The hash as 64 lower-case hex digits. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
