package dev.pristine.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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

    /**
     * Writes {@code tables} migrations {@code V1__t01.sql} … into {@code dir}, each creating one table (a
     * foreign key to the previous one, an index, five seed rows): a schema whose clone costs what real
     * ones do. The same shape as pristine-bench's generated schema (which cannot depend on this kit).
     */
    public static Path generated(Path dir, int tables) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 1; i <= tables; i++) {
            String t = String.format(Locale.ROOT, "t%02d", i);
            StringBuilder sql = new StringBuilder("CREATE TABLE ").append(t).append(" (\n    id INTEGER PRIMARY KEY,\n")
                    .append("    name VARCHAR(100) NOT NULL,\n    amount NUMERIC(12, 2) NOT NULL DEFAULT 0,\n")
                    .append("    note VARCHAR(200),\n    created_at VARCHAR(30) NOT NULL");
            if (i > 1) {
                sql.append(",\n    parent_id INTEGER REFERENCES ").append(String.format(Locale.ROOT, "t%02d", i - 1)).append(" (id)");
            }
            sql.append("\n);\nCREATE INDEX ix_").append(t).append("_name ON ").append(t).append(" (name);\n");
            for (int r = 1; r <= 5; r++) {
                sql.append("INSERT INTO ").append(t).append(" (id, name, amount, note, created_at").append(i > 1 ? ", parent_id" : "")
                        .append(") VALUES (").append(r).append(", 'row ").append(r).append("', ").append(r * 10)
                        .append(".50, 'seed', '2025-01-0").append(r).append(" 10:00:00'").append(i > 1 ? ", " + r : "").append(");\n");
            }
            write(dir.resolve(String.format(Locale.ROOT, "V%d__%s.sql", i, t)), sql.toString());
        }
        return dir;
    }
}
