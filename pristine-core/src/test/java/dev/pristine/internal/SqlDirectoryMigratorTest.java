package dev.pristine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    @Test
    void theFingerprintOfAValidUtf8SetIsTheOneEarlierVersionsComputed() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("V1__one.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(dir.resolve("V1.5__one_five.sql"), "INSERT INTO a VALUES (1);\n");
        Files.writeString(dir.resolve("sub/V2__two.sql"), "CREATE TABLE b (name VARCHAR(9));\nINSERT INTO b VALUES ('café');\n");
        Files.writeString(dir.resolve("afterwards.sql"), "SELECT 1;\n");
        assertThat(SqlDirectoryMigrator.of(dir).fingerprint()).as("templates keyed before the file rules stay valid")
                .isEqualTo("3a917ab552afacf8824e6817350aa56a5afd080e70e9e2b6ef06cb67e8b5db9a");
    }

    @Test
    void anUpperCaseSuffixIsVersionedAsInFlyway() throws Exception {
        Files.writeString(dir.resolve("V1__init.SQL"), "SELECT 1;");
        Files.writeString(dir.resolve("V2__more.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("V3.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("Views.sql"), "SELECT 1;");
        assertThat(SqlDirectoryMigrator.of(dir).fileNames()).containsExactly("V1__init.SQL", "V2__more.sql", "V3.sql",
                "Views.sql");
    }

    @Test
    void aNameThatLooksVersionedButIsNotIsRefusedWithTheNameToUse() throws Exception {
        String rule = " (Flyway's rule: V<version>__<description>.sql, capital V, version parts separated by . or _, "
                + "two underscores before the description)";
        Map<String, String> fixes = Map.of(
                "V2_add_users.sql", "rename it to V2__add_users.sql",
                "v1__init.sql", "rename it to V1__init.sql",
                "V9_1_x.sql", "rename it to V9_1__x.sql",
                "V8.__x.Sql", "rename it to V8__x.Sql",
                "V__x.sql", "give it a version, e.g. V1__x.sql");
        for (Map.Entry<String, String> e : fixes.entrySet()) {
            Path d = Files.createDirectories(dir.resolve("case" + Math.abs(e.getKey().hashCode())));
            Files.writeString(d.resolve("V1__ok.sql"), "SELECT 1;");
            Files.writeString(d.resolve(e.getKey()), "SELECT 1;");
            assertThatThrownBy(() -> SqlDirectoryMigrator.of(d)).isInstanceOfSatisfying(PristineException.class, x -> {
                assertThat(x.code()).isEqualTo(ErrorCode.CONFIGURATION);
                assertThat(x.getMessage()).isEqualTo("migration file name is not a valid versioned name, " + e.getKey()
                        + " in " + d + ", " + e.getValue() + rule);
            });
        }
    }

    @Test
    void versionsThatDifferOnlyByTrailingZerosAreTheSameVersion() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("V1.0__b.sql"), "SELECT 1;");
        assertThatThrownBy(() -> SqlDirectoryMigrator.of(dir)).isInstanceOfSatisfying(PristineException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(e.getMessage()).isEqualTo("two migrations have the same version, V1.0__b.sql and V1__a.sql in " + dir
                    + ", give each versioned migration its own version (versions compare by number, as in Flyway: "
                    + "V1, V01 and V1.0 are one version)");
        });
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheFileLineAndOffset() throws Exception {
        Files.write(dir.resolve("V1__cafe.sql"), "CREATE TABLE t (name VARCHAR(9));\nINSERT INTO t VALUES ('café');\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SqlDirectoryMigrator.of(dir)).isInstanceOfSatisfying(PristineException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(e.getMessage()).isEqualTo("migration V1__cafe.sql is not valid UTF-8, line 2, byte offset 60 (0xE9), "
                    + "re-save the file as UTF-8, or set pristine.encoding to the encoding it is written in "
                    + "(e.g. pristine.encoding=windows-1252)");
        });
    }

    @Test
    void anotherEncodingIsReadWhenNamedAndChangesTheFingerprint() throws Exception {
        Files.write(dir.resolve("V1__cafe.sql"), "SELECT 'café';".getBytes(StandardCharsets.ISO_8859_1));
        SqlDirectoryMigrator latin1 = (SqlDirectoryMigrator) new SqlDirectoryMigratorProvider().create(dir,
                Map.of("encoding", "ISO-8859-1"));
        Files.writeString(dir.resolve("V1__cafe.sql"), "SELECT 'caf';");
        assertThat(SqlDirectoryMigrator.of(dir, StandardCharsets.ISO_8859_1).fingerprint())
                .isNotEqualTo(SqlDirectoryMigrator.of(dir).fingerprint());
        assertThat(latin1.fileNames()).containsExactly("V1__cafe.sql");
        assertThatThrownBy(() -> new SqlDirectoryMigratorProvider().create(dir, Map.of("encoding", "latin-42")))
                .hasMessage("pristine.encoding is not a character set this JVM knows, latin-42, "
                        + "use a name like UTF-8, ISO-8859-1 or windows-1252");
    }

    @Test
    void aByteOrderMarkIsDroppedAndValidTextKept() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] sql = "SELECT 'café';".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + sql.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(sql, 0, content, bom.length, sql.length);
        assertThat(SqlMigrationFiles.decode("V1__bom.sql", content, StandardCharsets.UTF_8)).isEqualTo("SELECT 'café';");
    }
}
