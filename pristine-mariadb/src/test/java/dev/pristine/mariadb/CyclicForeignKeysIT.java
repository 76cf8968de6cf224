package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables whose foreign keys form cycles (a ring of 12 tables, and pairs that reference each other) clone
 * faithfully when their creation is spread over several connections: the parallel copy never waits
 * forever on the metadata locks that foreign keys take on the tables they reference.
 */
class CyclicForeignKeysIT {

    private static final int RING = 12;

    @TempDir
    Path work;

    @Test
    void aRingOfForeignKeysClonesOnFourConnectionsAgainAndAgain() throws Exception {
        StringBuilder sql = new StringBuilder("-- run " + UUID.randomUUID() + "\n");
        for (int i = 1; i <= RING; i++) {
            sql.append("CREATE TABLE r").append(i).append(" (id INT PRIMARY KEY, next_id INT, KEY (next_id));\n");
        }
        sql.append("SET FOREIGN_KEY_CHECKS = 0;\n");
        for (int i = 1; i <= RING; i++) {
            sql.append("ALTER TABLE r").append(i).append(" ADD CONSTRAINT fk_r").append(i).append(" FOREIGN KEY (next_id) REFERENCES r")
                    .append(i % RING + 1).append(" (id);\n");
            sql.append("INSERT INTO r").append(i).append(" VALUES (1, 1);\n");
        }
        sql.append("SET FOREIGN_KEY_CHECKS = 1;\n");
        for (int i = 1; i <= 4; i++) {
            sql.append("CREATE TABLE pa").append(i).append(" (id INT PRIMARY KEY, b_id INT, KEY (b_id));\n");
            sql.append("CREATE TABLE pb").append(i).append(" (id INT PRIMARY KEY, a_id INT, KEY (a_id),"
                    + " CONSTRAINT fk_pb").append(i).append(" FOREIGN KEY (a_id) REFERENCES pa").append(i).append(" (id));\n");
            sql.append("ALTER TABLE pa").append(i).append(" ADD CONSTRAINT fk_pa").append(i).append(" FOREIGN KEY (b_id) REFERENCES pb")
                    .append(i).append(" (id);\n");
        }
        Path dir = Files.createDirectories(work.resolve("m"));
        Files.writeString(dir.resolve("V1__cycles.sql"), sql.toString());
        Map<String, String> s = new LinkedHashMap<>(MariadbTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("migrations", dir.toString());
        s.put("mariadb.clone-connections", "4");
        s.put("mariadb.admin-connections", "6");
        PreparedTemplate template = null;
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).poolSize(0).build()) {
            template = p.prepare();
            List<String> expected;
            try (Connection tpl = MariadbTestServer.connect(template.template())) {
                expected = MariadbShape.of(tpl);
            }
            for (int round = 0; round < 8; round++) {
                try (TestDatabase db = p.acquire("cycles" + round); Connection c = db.dataSource().getConnection();
                        Statement st = c.createStatement()) {
                    assertThat(MariadbShape.of(c)).containsExactlyElementsOf(expected);
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM r" + RING)) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(1);
                    }
                }
            }
        } finally {
            MariadbTestServer.dropTemplate(template);
        }
    }
}
