package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.Migrations;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema with every kind of object a MariaDB migration makes (foreign keys, a check, a generated and an
 * invisible column, AUTO_INCREMENT counters with a gap, views that depend on views and on a function, a
 * trigger, a procedure and a function, one naming its own database explicitly, a sequence and an event)
 * clones faithfully: the clone is structurally equal to the template and behaves like it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaithfulCloneIT {

    static final String SCHEMA = """
            CREATE TABLE customer (
                id INT AUTO_INCREMENT PRIMARY KEY,
                email VARCHAR(100) NOT NULL,
                created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
                email_domain VARCHAR(100) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL,
                note VARCHAR(20) INVISIBLE DEFAULT 'hidden',
                UNIQUE KEY uq_customer_email (email)
            ) COMMENT 'people who buy';

            CREATE TABLE orders (
                id INT AUTO_INCREMENT PRIMARY KEY,
                customer_id INT NOT NULL,
                total DECIMAL(10,2) NOT NULL CHECK (total >= 0),
                KEY idx_total (total),
                CONSTRAINT fk_order_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE
            );

            CREATE TABLE order_line (
                order_id INT NOT NULL,
                line_no INT NOT NULL,
                sku VARCHAR(20) NOT NULL,
                PRIMARY KEY (order_id, line_no),
                CONSTRAINT fk_line_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE ON UPDATE CASCADE
            );

            CREATE TABLE audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(200) NOT NULL);

            CREATE TABLE zero_id (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(10));

            INSERT INTO customer (email) VALUES ('ann@example.org'), ('bob@example.com'), ('cid@example.net');
            DELETE FROM customer WHERE email = 'cid@example.net';
            INSERT INTO orders (customer_id, total) VALUES (1, 10.00), (2, 20.50);
            INSERT INTO order_line (order_id, line_no, sku) VALUES (1, 1, 'BOOK-1'), (2, 1, 'PEN-7');
            SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO');
            INSERT INTO zero_id (id, label) VALUES (0, 'zero'), (5, 'five');

            DELIMITER //
            CREATE FUNCTION order_count(cust INT) RETURNS INT READS SQL DATA
            BEGIN
                RETURN (SELECT COUNT(*) FROM orders WHERE customer_id = cust);
            END //
            CREATE PROCEDURE place_order(IN cust INT, IN amount DECIMAL(10,2))
            BEGIN
                INSERT INTO orders (customer_id, total) VALUES (cust, amount);
            END //
            DELIMITER ;

            CREATE VIEW z_customer_totals AS
                SELECT c.id, c.email, COALESCE(SUM(o.total), 0) AS total, order_count(c.id) AS orders
                FROM customer c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.email;
            CREATE VIEW a_big_customers AS SELECT id, email FROM z_customer_totals WHERE total > 15;

            CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW
                INSERT INTO audit (what) VALUES (CONCAT('order ', NEW.id));

            CREATE SEQUENCE ticket START WITH 100;
            CREATE EVENT purge_audit ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit;
            """;

    @TempDir
    static Path work;

    private Pristine pristine;
    private PreparedTemplate template;

    @BeforeAll
    void buildTemplate() throws Exception {
        Path dir = Files.createDirectories(work.resolve("m"));
        Files.writeString(dir.resolve("V1__shop.sql"), "-- run " + UUID.randomUUID() + "\n" + SCHEMA);
        Map<String, String> s = new LinkedHashMap<>(MariadbTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("pool-size", "1");
        pristine = Pristine.builder().settings(PristineSettings.empty().withOverrides(s))
                .migrator(new QualifiedProcedure(Migrations.sqlDirectory(dir))).build();
        template = pristine.prepare();
    }

    @AfterAll
    void dropTemplate() {
        if (pristine != null) {
            pristine.close();
        }
        MariadbTestServer.dropTemplate(template);
    }

    @Test
    void theCloneIsStructurallyEqualToTheTemplate() throws Exception {
        try (TestDatabase db = pristine.acquire("shape"); Connection clone = db.dataSource().getConnection();
                Connection tpl = MariadbTestServer.connect(template.template())) {
            List<String> expected = MariadbShape.of(tpl);
            assertThat(expected).as("the shape sees every kind of object").anySatisfy(l -> assertThat(l).startsWith("view "))
                    .anySatisfy(l -> assertThat(l).startsWith("trigger trigger_name=orders_audit"))
                    .anySatisfy(l -> assertThat(l).startsWith("routine routine_name=place_order"))
                    .anySatisfy(l -> assertThat(l).startsWith("event event_name=purge_audit"))
                    .anySatisfy(l -> assertThat(l).startsWith("foreign key order_line.fk_line_order"))
                    .anySatisfy(l -> assertThat(l).startsWith("check table_name=orders"))
                    .anySatisfy(l -> assertThat(l).startsWith("table-options table_name=customer").contains("auto_increment=4"));
            assertThat(MariadbShape.of(clone)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aForeignKeyViolationFailsInTheCloneExactlyAsInTheTemplate() throws Exception {
        String insert = "INSERT INTO order_line (order_id, line_no, sku) VALUES (999, 1, 'NONE')";
        SQLException inTemplate;
        try (Connection tpl = MariadbTestServer.connect(template.template()); Statement s = tpl.createStatement()) {
            inTemplate = catchSql(() -> s.execute(insert));
        }
        try (TestDatabase db = pristine.acquire("fk"); Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            SQLException inClone = catchSql(() -> s.execute(insert));
            assertThat(inClone.getErrorCode()).isEqualTo(inTemplate.getErrorCode()).isEqualTo(1452);
            assertThat(inClone.getSQLState()).isEqualTo(inTemplate.getSQLState());
            assertThat(normalise(inClone.getMessage(), db.id())).isEqualTo(normalise(inTemplate.getMessage(), template.template()))
                    .contains("CONSTRAINT `fk_line_order` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`)");
            assertThat(count(c, "SELECT COUNT(*) FROM order_line")).isEqualTo(2);
        }
    }

    @Test
    void autoIncrementCountersContinueFromTheTemplatesValues() throws Exception {
        try (TestDatabase db = pristine.acquire("autoinc"); Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO customer (email) VALUES ('dan@example.org')");
            assertThat(count(c, "SELECT id FROM customer WHERE email = 'dan@example.org'"))
                    .as("the deleted row's id 3 stays used, as in the template").isEqualTo(4);
            s.execute("INSERT INTO zero_id (label) VALUES ('next')");
            assertThat(count(c, "SELECT id FROM zero_id WHERE label = 'next'")).isEqualTo(6);
            assertThat(count(c, "SELECT id FROM zero_id WHERE label = 'zero'")).as("a row with id 0 is copied as 0").isZero();
            assertThat(count(c, "SELECT NEXTVAL(ticket)")).as("the sequence starts where the template's would").isEqualTo(100);
            assertThat(count(c, "SELECT COUNT(*) FROM customer WHERE note = 'hidden' AND email_domain = 'example.org'"))
                    .as("invisible and generated columns").isEqualTo(2);
        }
    }

    @Test
    void triggersFireAndRoutinesRunInTheCloneOnly() throws Exception {
        long auditInTemplate;
        long ordersInTemplate;
        try (Connection tpl = MariadbTestServer.connect(template.template())) {
            auditInTemplate = count(tpl, "SELECT COUNT(*) FROM audit");
            ordersInTemplate = count(tpl, "SELECT COUNT(*) FROM orders");
        }
        try (TestDatabase db = pristine.acquire("routines"); Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            try (CallableStatement call = c.prepareCall("{call place_order(?, ?)}")) {
                call.setInt(1, 2);
                call.setBigDecimal(2, new java.math.BigDecimal("5.00"));
                call.execute();
            }
            assertThat(count(c, "SELECT order_count(2)")).isEqualTo(2);
            assertThat(count(c, "SELECT COUNT(*) FROM audit")).as("the trigger fired").isEqualTo(auditInTemplate + 1);
            s.execute("CALL bump_customer_note()");
            assertThat(count(c, "SELECT COUNT(*) FROM customer WHERE note = 'bumped'"))
                    .as("a routine naming its database acts on the clone").isEqualTo(2);
            assertThat(count(c, "SELECT COUNT(*) FROM a_big_customers")).isEqualTo(1);
            assertThat(count(c, "SELECT orders FROM z_customer_totals WHERE id = 2")).isEqualTo(2);
            s.execute("DELETE FROM customer WHERE id = 1");
            assertThat(count(c, "SELECT COUNT(*) FROM orders WHERE customer_id = 1")).as("ON DELETE CASCADE").isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() "
                    + "AND DEFINER = CURRENT_USER()")).as("routines are defined by the user who cloned").isEqualTo(3);
        }
        try (Connection tpl = MariadbTestServer.connect(template.template())) {
            assertThat(count(tpl, "SELECT COUNT(*) FROM audit")).isEqualTo(auditInTemplate);
            assertThat(count(tpl, "SELECT COUNT(*) FROM orders")).isEqualTo(ordersInTemplate);
            assertThat(count(tpl, "SELECT COUNT(*) FROM customer WHERE note = 'bumped'")).isZero();
        }
    }

    private static String normalise(String message, String db) {
        return message.replace(db, "<db>").replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getLong(1);
        }
    }

    private static SQLException catchSql(ThrowingRunnable r) {
        try {
            r.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected the statement to fail");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws SQLException;
    }

    /**
     * The SQL directory, then a procedure that names its own database explicitly (as a Flyway
     * {@code ${flyway:defaultSchema}} placeholder would): the clone's copy must name the clone.
     */
    private static final class QualifiedProcedure implements Migrator {
        private final Migrator sql;

        QualifiedProcedure(Migrator sql) {
            this.sql = sql;
        }

        @Override
        public String id() {
            return "sql";
        }

        @Override
        public String describe() {
            return sql.describe() + " + bump_customer_note";
        }

        @Override
        public String fingerprint() {
            return sql.fingerprint() + "+bump_customer_note/1";
        }

        @Override
        public void migrate(MigrationTarget target) throws Exception {
            sql.migrate(target);
            try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
                String db = c.getCatalog();
                s.execute("CREATE PROCEDURE " + db + ".bump_customer_note() UPDATE `" + db + "`.customer SET note = 'bumped'");
            }
        }
    }
}
