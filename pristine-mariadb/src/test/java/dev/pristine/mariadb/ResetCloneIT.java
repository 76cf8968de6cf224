package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.Migrations;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.spi.EngineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resetting a used clone in place ({@link MariadbEngine#resetClone}) gives back exactly the template: the
 * same structure and rows, counters where the template's are, triggers that did not fire during the
 * restore and fire again afterwards; a clone whose structure changed is refused, and so is a moved sequence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResetCloneIT {

    @TempDir
    static Path work;

    private PreparedTemplate template;
    private MariadbEngine engine;
    private String clone;

    @BeforeAll
    void buildTemplate() throws Exception {
        Path dir = Files.createDirectories(work.resolve("m"));
        Files.writeString(dir.resolve("V1__shop.sql"), "-- run " + UUID.randomUUID() + "\n" + FaithfulCloneIT.SCHEMA);
        Map<String, String> s = new LinkedHashMap<>(MariadbTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s))
                .migrator(Migrations.sqlDirectory(dir)).poolSize(0).build()) {
            template = p.prepare();
        }
        Map<String, String> e = MariadbTestServer.settings();
        engine = (MariadbEngine) new MariadbEngineProvider().create(new EngineSettings(e.get("url"), e.get("user"),
                e.get("password"), work, false, Map.of()));
    }

    @AfterAll
    void dropTemplate() {
        engine.close();
        MariadbTestServer.dropTemplate(template);
    }

    @BeforeEach
    void createClone() throws Exception {
        clone = "pristine_reset_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        engine.createClone(template.key(), clone, marker("first"));
    }

    @AfterEach
    void dropClone() throws Exception {
        engine.dropClone(clone);
    }

    @Test
    void aResetCloneIsTheTemplateAgainAndItsTriggersStillFire() throws Exception {
        long audit = count(template.template(), "SELECT COUNT(*) FROM audit");
        List<String> expectedShape;
        try (Connection tpl = MariadbTestServer.connect(template.template())) {
            expectedShape = MariadbShape.of(tpl);
        }
        try (Connection c = MariadbTestServer.connect(clone); Statement s = c.createStatement()) {
            s.execute("CALL place_order(1, 3.00)"); // the trigger writes to audit
            s.execute("INSERT INTO customer (email) VALUES ('eve@example.org')");
            s.execute("DELETE FROM customer WHERE email = 'eve@example.org'");
            s.execute("UPDATE order_line SET sku = 'CHANGED'");
        }
        assertThat(engine.resetClone(template.key(), clone, marker("second"))).isTrue();
        try (Connection c = MariadbTestServer.connect(clone); Statement s = c.createStatement()) {
            assertThat(MariadbShape.of(c)).containsExactlyElementsOf(expectedShape);
            assertThat(rows(c, "SELECT * FROM orders ORDER BY id")).isEqualTo(rows(template.template(), "SELECT * FROM orders ORDER BY id"));
            assertThat(rows(c, "SELECT * FROM order_line ORDER BY order_id")).contains("BOOK-1").doesNotContain("CHANGED");
            assertThat(count(clone, "SELECT COUNT(*) FROM audit")).as("the trigger did not fire while restoring").isEqualTo(audit);
            s.execute("INSERT INTO customer (email) VALUES ('fay@example.org')");
            assertThat(count(clone, "SELECT id FROM customer WHERE email = 'fay@example.org'"))
                    .as("the counter is the template's again").isEqualTo(4);
            s.execute("INSERT INTO orders (customer_id, total) VALUES (1, 1.00)");
            assertThat(count(clone, "SELECT COUNT(*) FROM audit")).as("the trigger fires again").isEqualTo(audit + 1);
        }
        assertThat(engine.clones()).filteredOn(e -> e.name().equals(clone)).singleElement()
                .satisfies(e -> assertThat(e.marker()).isEqualTo(marker("second")));
    }

    @Test
    void anUntouchedCloneResetsWithoutRestoringAnything() throws Exception {
        assertThat(engine.resetClone(template.key(), clone, marker("again"))).isTrue();
        assertThat(count(clone, "SELECT COUNT(*) FROM customer")).isEqualTo(2);
    }

    @Test
    void aCloneWhoseStructureChangedIsRefused() throws Exception {
        try (Connection c = MariadbTestServer.connect(clone); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE customer ADD COLUMN nickname VARCHAR(20)");
        }
        assertThat(engine.resetClone(template.key(), clone, marker("x"))).isFalse();
        dropClone();
        createClone();
        try (Connection c = MariadbTestServer.connect(clone); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE VIEW a_big_customers AS SELECT id FROM customer");
        }
        assertThat(engine.resetClone(template.key(), clone, marker("x"))).isFalse();
    }

    @Test
    void aMovedSequenceIsRefused() throws Exception {
        count(clone, "SELECT NEXTVAL(ticket)");
        assertThat(engine.resetClone(template.key(), clone, marker("x"))).isFalse();
    }

    @Test
    void sessionsStillInsideTheCloneAreEndedSoTheyCannotWriteIntoTheNextLease() throws Exception {
        try (Connection straggler = MariadbTestServer.connect(clone); Statement s = straggler.createStatement()) {
            s.execute("INSERT INTO audit (what) VALUES ('late')");
            assertThat(engine.resetClone(template.key(), clone, marker("next"))).isTrue();
            assertThatThrownBy(() -> s.execute("INSERT INTO audit (what) VALUES ('later')")).isInstanceOf(SQLException.class);
        }
        assertThat(count(clone, "SELECT COUNT(*) FROM audit WHERE what IN ('late', 'later')")).isZero();
    }

    private String marker(String test) {
        return "pristine:v1 key=" + template.key() + "&host=h&pid=1&start=0&expires=0&created=0&test=" + test;
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection c = MariadbTestServer.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static String rows(String db, String sql) throws SQLException {
        try (Connection c = MariadbTestServer.connect(db)) {
            return rows(c, sql);
        }
    }

    private static String rows(Connection c, String sql) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    sb.append(rs.getString(i)).append('|');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
