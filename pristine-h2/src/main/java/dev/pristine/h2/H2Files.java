package dev.pristine.h2;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.FileLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The state directory's layout under {@code h2/} (see {@link FileLayout}): databases are {@code <name>.mv.db}.
 * H2 names a database by its path without the {@code .mv.db} suffix and may keep companions next to it
 * ({@code <name>.trace.db}, {@code <name>.lock.db}, {@code <name>.mv.db.tempFile}): every file that starts with
 * {@code <name>.} belongs to that database. Names never contain a dot, so that prefix is unambiguous.
 */
final class H2Files extends FileLayout {

    /** The suffix H2's MVStore gives a database file; URLs omit it. */
    static final String DB = ".mv.db";

    H2Files(Path root) {
        super(root, DB);
        if (root.toString().contains(";")) {
            throw new PristineException(ErrorCode.CONFIGURATION, "an H2 database path cannot contain ';'", root,
                    "choose a state directory without ';' with --state-dir / PRISTINE_STATE_DIR");
        }
    }

    /** The companions H2 left next to a database ({@code <name>.trace.db}, …), without the database file itself. */
    @Override
    public List<Path> companions(Path dir, String name) throws IOException {
        String prefix = name + ".";
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String f = p.getFileName().toString();
                return f.startsWith(prefix) && !f.equals(name + DB) && !f.equals(name + OWNER);
            }).toList();
        }
    }
}
