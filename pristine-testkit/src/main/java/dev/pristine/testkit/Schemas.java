package dev.pristine.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Portable migrations for the contract (plain SQL every engine runs). Each directory made here carries
 * a unique token, so its template key is new even on a server that keeps templates across runs.
 */
public final class Schemas {

    private Schemas() {}

    /** Writes {@code V1__items.sql} and {@code V2__more.sql} into a new directory under {@code parent}. */
    public static Path portable(Path parent) {
        Path dir = parent.resolve("migrations-" + UUID.randomUUID());
        String token = UUID.randomUUID().toString();
        write(dir.resolve("V1__items.sql"), "-- contract run " + token + "\n"
                + "CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
                + "INSERT INTO item (id, name) VALUES (1, 'seed');\n");
        write(dir.resolve("V2__more.sql"), "CREATE TABLE tag (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES item (id));\n"
                + "INSERT INTO tag (id, item_id) VALUES (1, 1);\n");
        return dir;
    }

    /** Writes a file, creating its directory. */
    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
