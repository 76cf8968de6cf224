package dev.pristine.cli;

import dev.pristine.Migrations;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import dev.pristine.spi.MigratorProvider;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Migrator {@code gated} (tests only): the plain SQL migrator that first waits for the lock on {@code gate.lock}
 * beside the migrations directory, so a test holding that lock makes a build slow for certain, for as long as
 * it wants, without a sleep. It describes itself as the SQL migrator it wraps.
 */
public final class GatedMigratorProvider implements MigratorProvider {

    @Override
    public String id() {
        return "gated";
    }

    @Override
    public int detect(Path location) {
        return 0;
    }

    @Override
    public Migrator create(Path location, Map<String, String> properties) {
        Migrator sql = Migrations.sqlDirectory(location);
        Path gate = location.resolveSibling("gate.lock");
        return new Migrator() {
            @Override
            public String id() {
                return "gated";
            }

            @Override
            public String describe() {
                return sql.describe();
            }

            @Override
            public String fingerprint() {
                return sql.fingerprint();
            }

            @Override
            public void migrate(MigrationTarget target) throws Exception {
                try (FileChannel ch = FileChannel.open(gate, StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                    sql.migrate(target);
                }
            }
        };
    }
}
