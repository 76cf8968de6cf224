package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import dev.pristine.testkit.Schemas;
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
                .migrations(Schemas.generated(dir.resolve("migrations"), 40)).stateDir(dir.resolve("state")).poolSize(1).build()) {
            template = p.prepare();
            for (int i = 0; i < 20; i++) {
                try (TestDatabase db = p.acquire("short.t" + i); Connection c = db.dataSource().getConnection();
                        Statement s = c.createStatement()) {
                    ids.add(db.id());
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(id) FROM t01")) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("lease %d starts from the template's rows", i).isEqualTo(5);
                        assertThat(rs.getInt(2)).isEqualTo(5);
                    }
                    s.execute("INSERT INTO t01 (id, name, created_at) VALUES (" + (100 + i) + ", 'written by test " + i
                            + "', '2025-06-01 12:00:00')");
                }
            }
        }
        MariadbTestServer.dropTemplate(template);
        assertThat(new HashSet<>(ids)).as("databases used by 20 leases: %s", ids).hasSizeLessThanOrEqualTo(6);
    }
}
