package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests much shorter than a MariaDB clone (hundreds of ms) are served by resetting the clones they
 * release, not by a new clone and a drop per test: twenty back-to-back leases use at most six
 * databases, each lease starting from the template's state. (Before the pool learned this, every
 * acquire started a replacement clone, so every release found the pool full and dropped its clone:
 * twenty leases, twenty databases.)
 */
class ShortLeasesIT {

    @TempDir
    Path dir;

    @Test
    void backToBackShortLeasesReuseResetClonesInsteadOfMakingNewOnes() throws Exception {
        PreparedTemplate template;
        List<String> ids = new ArrayList<>();
        try (Pristine p = Pristine.builder().url(MariadbTestServer.URL).user(MariadbTestServer.USER)
                .password(MariadbTestServer.PASSWORD.isEmpty() ? null : MariadbTestServer.PASSWORD)
                .migrations(fortyTables()).stateDir(dir.resolve("state")).poolSize(1).build()) {
            template = p.prepare();
            for (int i = 0; i < 20; i++) {
                try (TestDatabase db = p.acquire("short.t" + i); Connection c = db.dataSource().getConnection();
                        Statement s = c.createStatement()) {
                    ids.add(db.id());
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(id) FROM item")) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("lease %d starts from the template's rows", i).isEqualTo(1);
                        assertThat(rs.getInt(2)).isEqualTo(1);
                    }
                    s.execute("INSERT INTO item (id, name) VALUES (" + (100 + i) + ", 'written by test " + i + "')");
                }
            }
        }
        MariadbTestServer.dropTemplate(template);
        assertThat(new HashSet<>(ids)).as("databases used by 20 leases: %s", ids).hasSizeLessThanOrEqualTo(6);
    }

    /** A schema whose clone costs what real ones do (a file per InnoDB table): item plus 40 tables. */
    private Path fortyTables() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        StringBuilder sql = new StringBuilder("CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
                + "INSERT INTO item (id, name) VALUES (1, 'seed');\n");
        for (int t = 1; t <= 40; t++) {
            sql.append("CREATE TABLE t").append(t).append(" (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL ")
                    .append("REFERENCES item (id), note VARCHAR(200), INDEX (note));\n");
        }
        Files.writeString(migrations.resolve("V1__forty_tables.sql"), sql);
        return migrations;
    }
}
