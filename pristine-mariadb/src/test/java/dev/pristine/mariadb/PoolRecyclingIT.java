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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool recycles a released MariaDB clone in place ({@code Engine#resetClone}) instead of dropping
 * it: with room for one clone only, the next lease is the same database, back in its template's state.
 */
class PoolRecyclingIT {

    @TempDir
    Path dir;

    @Test
    void aReleasedCloneComesBackResetInsteadOfBeingDropped() throws Exception {
        PreparedTemplate template;
        try (Pristine p = Pristine.builder().url(MariadbTestServer.URL).user(MariadbTestServer.USER)
                .password(MariadbTestServer.PASSWORD.isEmpty() ? null : MariadbTestServer.PASSWORD)
                .migrations(Schemas.portable(dir)).stateDir(dir.resolve("state")).poolSize(1).maxClones(1).build()) {
            template = p.prepare();
            String first;
            try (TestDatabase db = p.acquire("recycle.first"); Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                first = db.id();
                s.execute("INSERT INTO item (id, name) VALUES (42, 'written by the first test')");
                s.execute("UPDATE item SET name = 'changed' WHERE id = 1");
            }
            try (TestDatabase db = p.acquire("recycle.second"); Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name FROM item ORDER BY id")) {
                assertThat(db.id()).as("the only clone the cap allows, recycled").isEqualTo(first);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("seed");
                assertThat(rs.next()).as("the first test's row is gone").isFalse();
            }
        }
        MariadbTestServer.dropTemplate(template);
    }
}
