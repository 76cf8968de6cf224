package dev.pristine.bench;

import dev.pristine.PreparedTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** H2 baselines: a new database file, and a plain copy of the template's {@code .mv.db} file. */
final class H2Target implements BenchTarget {

    private final Path dir;

    H2Target(Path workDir) {
        this.dir = workDir.resolve("h2-baseline");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Database createEmpty(String name) {
        return new Database(name, "jdbc:h2:file:" + dir.resolve(name), "sa", "");
    }

    @Override
    public Database rawClone(PreparedTemplate template, String name) throws IOException {
        Files.copy(Path.of(template.template()), dir.resolve(name + ".mv.db"));
        return new Database(name, "jdbc:h2:file:" + dir.resolve(name), "sa", "");
    }

    @Override
    public String describeRawClone() {
        return "a copy of the template's .mv.db file, deleted in the test's thread";
    }

    @Override
    public void drop(Database db) throws IOException {
        Files.deleteIfExists(dir.resolve(db.name() + ".mv.db"));
        Files.deleteIfExists(dir.resolve(db.name() + ".trace.db"));
    }

    @Override
    public void close() {
        // files are removed by drop
    }
}
