package dev.pristine.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text in plain SQL migrations reaches the database as written, or the file is refused. */
class MigrationEncodingIT {

    private static final String SQL = "CREATE TABLE word (w TEXT);\nINSERT INTO word VALUES ('café');\n";

    @TempDir
    Path dir;

    private Pristine pristine(Path migrations, Map<String, String> settings) {
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(settings))
                .stateDir(dir.resolve("state")).migrations(migrations).poolSize(0).build();
    }

    private Path migrations(byte[] content) throws Exception {
        Path m = Files.createDirectories(dir.resolve("m"));
        Files.write(m.resolve("V1__word.sql"), content);
        return m;
    }

    private static String[] word(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT w, hex(w) FROM word")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    @Test
    void utf8TextRoundTrips() throws Exception {
        try (Pristine p = pristine(migrations(SQL.getBytes(StandardCharsets.UTF_8)), Map.of());
                TestDatabase db = p.acquire("utf8")) {
            assertThat(word(db)).containsExactly("café", "636166C3A9");
        }
    }

    @Test
    void latin1BytesAreRefusedInsteadOfStoredAsReplacementCharacters() throws Exception {
        Path m = migrations(SQL.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> pristine(m, Map.of())).isInstanceOfSatisfying(PristineException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
            assertThat(e.getMessage()).isEqualTo("migration V1__word.sql is not valid UTF-8, line 2, byte offset 57 (0xE9), "
                    + "re-save the file as UTF-8, or set pristine.encoding to the encoding it is written in "
                    + "(e.g. pristine.encoding=windows-1252)");
        });
    }

    @Test
    void latin1TextRoundTripsWhenTheEncodingIsNamed() throws Exception {
        try (Pristine p = pristine(migrations(SQL.getBytes(StandardCharsets.ISO_8859_1)), Map.of("encoding", "ISO-8859-1"));
                TestDatabase db = p.acquire("latin1")) {
            assertThat(word(db)).containsExactly("café", "636166C3A9");
        }
    }
}
