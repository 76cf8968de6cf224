package dev.pristine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlDirectoryMigratorTest {

    @TempDir
    Path dir;

    @Test
    void versionedFilesRunInNumericVersionOrderThenOthersByName() throws Exception {
        for (String f : new String[] {"V10__ten.sql", "V2__two.sql", "V1.5__one_five.sql", "V1__one.sql",
                "sub/V3__three.sql", "afterwards.sql", "README.md"}) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "SELECT 1;");
        }
        assertThat(SqlDirectoryMigrator.of(dir).fileNames()).containsExactly("V1__one.sql", "V1.5__one_five.sql",
                "V2__two.sql", "sub/V3__three.sql", "V10__ten.sql", "afterwards.sql");
    }

    @Test
    void duplicateVersionsAreRefused() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("V01__b.sql"), "SELECT 1;");
        assertThatThrownBy(() -> SqlDirectoryMigrator.of(dir)).isInstanceOfSatisfying(PristineException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(e.getMessage()).startsWith("two migrations have the same version, V01__b.sql and V1__a.sql in ");
        });
    }

    @Test
    void anEmptyDirectoryIsRefused() {
        assertThatThrownBy(() -> SqlDirectoryMigrator.of(dir)).hasMessageStartingWith("no .sql files in migrations directory, ");
    }

    @Test
    void theFingerprintCoversNamesAndContentOnly() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "SELECT 1;");
        String first = SqlDirectoryMigrator.of(dir).fingerprint();
        assertThat(SqlDirectoryMigrator.of(dir).fingerprint()).isEqualTo(first);
        Files.setLastModifiedTime(dir.resolve("V1__a.sql"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(SqlDirectoryMigrator.of(dir).fingerprint()).as("timestamps do not matter").isEqualTo(first);
        Files.writeString(dir.resolve("V1__a.sql"), "SELECT 2;");
        assertThat(SqlDirectoryMigrator.of(dir).fingerprint()).isNotEqualTo(first);
    }
}
