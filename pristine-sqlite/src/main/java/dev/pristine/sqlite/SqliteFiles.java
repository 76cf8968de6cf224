package dev.pristine.sqlite;

import dev.pristine.spi.FileLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The state directory's layout under {@code sqlite/} (see {@link FileLayout}): databases are {@code <name>.db},
 * with SQLite's journal companions {@code -wal}, {@code -shm} and {@code -journal} beside them.
 */
final class SqliteFiles extends FileLayout {

    static final String DB = ".db";
    private static final String[] COMPANIONS = {"-wal", "-shm", "-journal"};

    SqliteFiles(Path root) {
        super(root, DB);
    }

    @Override
    public List<Path> companions(Path dir, String name) {
        return Stream.of(COMPANIONS).map(c -> dir.resolve(name + DB + c)).toList();
    }
}
