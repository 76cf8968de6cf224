package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migration saved with a UTF-8 byte order mark (as some Windows editors do) runs like one without. */
class MigrationEncodingIT {

    @TempDir
    Path work;

    private String key;

    private Pristine pristine(Path migrations) {
        Map<String, String> s = new LinkedHashMap<>(MariadbTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("migrations", migrations.toString());
        s.put("pool-size", "0");
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build();
    }

    /** The template this test built is of no use afterwards: drop it. */
    @AfterEach
    void dropTemplate() throws Exception {
        if (key == null) {
            return;
        }
        Map<String, String> s = MariadbTestServer.settings();
        try (Engine engine = new MariadbEngineProvider().create(new EngineSettings(s.get("url"), s.get("user"), s.get("password"),
                work.resolve("state"), false, Map.of()))) {
            engine.dropTemplate(key);
        }
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstStatement() throws Exception {
        Path m = Files.createDirectories(work.resolve("m"));
        byte[] sql = ("CREATE TABLE word (id INT PRIMARY KEY, w VARCHAR(20));\n"
                + "INSERT INTO word VALUES (1, 'café');\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[sql.length + 3];
        content[0] = (byte) 0xEF;
        content[1] = (byte) 0xBB;
        content[2] = (byte) 0xBF;
        System.arraycopy(sql, 0, content, 3, sql.length);
        Files.write(m.resolve("V1__bom.sql"), content);
        try (Pristine p = pristine(m)) {
            key = p.key();
            try (TestDatabase db = p.acquire("bom"); Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT w FROM word")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("café");
            }
        }
    }
}
