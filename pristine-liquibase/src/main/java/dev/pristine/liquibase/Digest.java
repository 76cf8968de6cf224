package dev.pristine.liquibase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over length-prefixed fields, so that {@code ("ab","c")} and {@code ("a","bc")} differ. Not thread-safe. */
final class Digest {

    private final MessageDigest digest;

    Digest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    Digest add(String field) {
        return add(field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8));
    }

    Digest add(byte[] field) {
        long n = field.length;
        for (int i = 0; i < 8; i++) {
            digest.update((byte) (n >>> (8 * i)));
        }
        digest.update(field);
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
