package dev.pristine.bench;

import dev.pristine.PreparedTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SQLite baselines: a new file, and a plain file copy of the template, opened with the same
 * connection settings Pristine gives its clones, so only the way the database is had differs.
 */
final class SqliteTarget implements BenchTarget {

    private static final String SETTINGS = "?foreign_keys=true&busy_timeout=5000&synchronous=OFF";

    private final Path dir;

    SqliteTarget(Path workDir) {
        this.dir = workDir.resolve("sqlite-baseline");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Database createEmpty(String name) {
        return new Database(name, "jdbc:sqlite:" + dir.resolve(name + ".db") + SETTINGS, null, null);
    }

    @Override
    public Database rawClone(PreparedTemplate template, String name) throws IOException {
        Path target = dir.resolve(name + ".db");
        Files.copy(Path.of(template.template()), target);
        return new Database(name, "jdbc:sqlite:" + target + SETTINGS, null, null);
    }

    @Override
    public String describeRawClone() {
        return "a copy of the template file, deleted in the test's thread";
    }

    @Override
    public void drop(Database db) throws IOException {
        for (String suffix : new String[] {".db-journal", ".db-wal", ".db-shm", ".db"}) {
            Files.deleteIfExists(dir.resolve(db.name() + suffix));
        }
    }

    @Override
    public void close() {
        // files are removed by drop; the directory stays for inspection
    }
}
