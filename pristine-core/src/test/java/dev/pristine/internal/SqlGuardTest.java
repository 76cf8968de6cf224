package dev.pristine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.internal.SqlGuard.Dialect;
import dev.pristine.internal.SqlGuard.Refusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {

    private static final String OTHER_FIX = "write the name without `other.`: a migration runs in the database Pristine "
            + "builds and may not reach outside it";

    /** The statements as the SQL migrator hands them over: split by {@link SqlScript}. */
    private static Optional<Refusal> mysql(String script) {
        for (SqlScript.Statement s : SqlScript.split(script, true)) {
            Optional<Refusal> r = SqlGuard.check(s.sql(), Dialect.MYSQL);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> standard(String script) {
        for (SqlScript.Statement s : SqlScript.split(script, false)) {
            Optional<Refusal> r = SqlGuard.check(s.sql(), Dialect.STANDARD);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "USE other",
        "USE`other`",
        "use  `other`",
        "USE/*x*/other",
        "USE\nother",
        "Use 'other'",
        "USE \"other\"",
        "DELIMITER //\nUSE other//\nDELIMITER ;",
        "CREATE DATABASE other",
        "create database if not exists other",
        "CREATE OR REPLACE DATABASE other",
        "CREATE/**/SCHEMA x",
        "CREATE SCHEMA IF NOT EXISTS x",
        "DROP SCHEMA victim",
        "DROP\tDATABASE\n`victim`",
        "ALTER DATABASE other CHARACTER SET utf8mb4",
        "ALTER SCHEMA `other` COLLATE utf8mb4_bin",
        "CREATE PROCEDURE p() BEGIN DROP DATABASE victim; END",
        "PREPARE s FROM 'DROP DATABASE victim'",
        "PREPARE s FROM \"DROP /*x*/ SCHEMA victim\"",
        "EXECUTE IMMEDIATE 'USE other'",
        "\\u other",
    })
    void refusesWhatLeavesTheBuildOnMariadb(String sql) {
        assertThat(mysql(sql)).map(Refusal::reason).isNotEmpty();
    }

    /**
     * The server runs the content of an executable comment. {@link SqlScript} drops comments, so the SQL migrator
     * never sends one; the guard still reads them as code, for text that reaches the server unsplit.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "/*!USE other*/",
        "/*!40000 USE other */",
        "/*M!100100 USE other*/",
        "/*!40000 DROP DATABASE IF EXISTS victim*/",
        "SELECT 1 /*!50001 ; CREATE SCHEMA x */",
    })
    void executableCommentsAreCode(String sql) {
        assertThat(SqlGuard.check(sql, Dialect.MYSQL)).map(Refusal::reason)
                .contains("statement switches, creates, alters or drops a database");
        assertThat(SqlGuard.check("/*!50001 CREATE TABLE other.t (id INT) */", Dialect.MYSQL)).map(Refusal::reason)
                .contains("statement names another database `other`");
        assertThat(SqlGuard.check("/*+ USE other */ SELECT 1", Dialect.MYSQL)).isEmpty();
    }

    @Test
    void namesTheReasonAndTheFix() {
        assertThat(mysql("USE`other`")).contains(new Refusal("statement switches, creates, alters or drops a database",
                "remove that line: Pristine creates, names and connects to each database itself", 0));
        assertThat(mysql("\\u other")).map(Refusal::reason).contains("mysql client command is not SQL");
        assertThat(standard("\\connect other")).map(Refusal::reason).contains("psql meta-command is not SQL");
    }

    @Test
    void theLineIsTheLineOfTheRefusedPart() {
        assertThat(mysql("CREATE TABLE a (id INT,\n  b INT REFERENCES\n\n  other.p (id))"))
                .contains(new Refusal("statement names another database `other`", OTHER_FIX, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE other.t (id INT)",
        "CREATE TABLE IF NOT EXISTS `other`.`t` (id INT)",
        "CREATE TABLE t LIKE other.t",
        "INSERT INTO other.t VALUES (1)",
        "insert ignore into other . t values (1)",
        "REPLACE INTO other.t VALUES (1)",
        "UPDATE other.t SET a = 1",
        "UPDATE a JOIN other.t ON a.id = t.id SET a.x = t.x",
        "DELETE FROM other.t",
        "DELETE a, other.t FROM a, other.t",
        "RENAME TABLE t TO other.t",
        "RENAME TABLE a TO b, t TO other.t",
        "ALTER TABLE t RENAME TO other.t",
        "DROP TABLE a, other.t",
        "DROP TABLE IF EXISTS other.t",
        "TRUNCATE other.t",
        "TRUNCATE TABLE other.t",
        "INSERT INTO t SELECT * FROM other.t",
        "INSERT INTO t SELECT * FROM a x, other.t",
        "SELECT * FROM a LEFT JOIN other.t ON 1 = 1",
        "CREATE VIEW other.v AS SELECT 1",
        "CREATE VIEW v AS SELECT * FROM (SELECT id FROM other.t) x",
        "CREATE INDEX i ON other.t (id)",
        "CREATE TRIGGER tr BEFORE INSERT ON other.t FOR EACH ROW SET NEW.a = 1",
        "CREATE TRIGGER tr AFTER INSERT ON a FOR EACH ROW INSERT INTO other.t VALUES (NEW.id)",
        "CREATE PROCEDURE other.p() SELECT 1",
        "CALL other.p()",
        "SELECT other.f(1)",
        "SELECT other.t.id FROM t",
        "GRANT SELECT ON other.* TO 'u'@'%'",
        "CREATE SEQUENCE other.s",
    })
    void refusesNamesOfAnotherDatabaseOnMariadb(String sql) {
        assertThat(mysql(sql)).map(Refusal::reason).contains("statement names another database `other`");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE a (id INT PRIMARY KEY, b INT, CONSTRAINT f FOREIGN KEY (b) REFERENCES a (id) ON DELETE CASCADE)",
        "SELECT * FROM t USE INDEX (i) WHERE t.id = 1",
        "SELECT t.a, u.b FROM t JOIN u ON t.id = u.id WHERE t.x LIKE u.y",
        "CREATE VIEW v AS SELECT EXTRACT(YEAR FROM o.created) AS y, TRIM(BOTH 'x' FROM o.name) FROM o",
        "INSERT INTO t (a, b) VALUES ('USE other', 'DROP DATABASE victim')",
        "INSERT INTO t VALUES ('it''s', 'a\\'; USE other; --')",
        "SELECT `use`, `database` FROM t",
        "SELECT t.use FROM t",
        "-- USE other\nCREATE TABLE a (id INT)",
        "# DROP DATABASE victim\nCREATE TABLE a (id INT)",
        "/* DROP SCHEMA victim */ CREATE TABLE a (id INT)",
        "CREATE TABLE a (id INT) COMMENT 'USE other'",
        "ALTER DATABASE CHARACTER SET utf8mb4",
        "ALTER SCHEMA DEFAULT COLLATE utf8mb4_bin",
        "SHOW CREATE DATABASE x",
        "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()",
        "SELECT 1.5 + 2.25",
        "/*!40101 SET NAMES utf8mb4 */",
        "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */",
        "UPDATE t SET t.a = 1 WHERE t.b = 2",
        "INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = VALUES(a)",
        "DELIMITER //\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = NEW.b; END//\nDELIMITER ;",
        "PREPARE s FROM 'SELECT 1'",
        "CREATE SCHEMA_X (id INT)",
    })
    void letsOrdinaryMigrationsThroughOnMariadb(String sql) {
        assertThat(mysql(sql)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE DATABASE other",
        "DROP DATABASE decoy",
        "drop /* x */ database \"decoy\"",
        "ALTER DATABASE decoy RENAME TO x",
        "ALTER DATABASE decoy SET search_path = x",
        "COMMENT ON DATABASE decoy IS 'x'",
        "GRANT CONNECT ON DATABASE decoy TO PUBLIC",
        "USE other",
        "\\c other",
        "\\connect other",
        "CREATE TABLE a (id INT);\n\\connect other",
        "ATTACH DATABASE 'other.db' AS o",
        "attach 'other.db' as o",
        "VACUUM INTO 'copy.db'",
    })
    void refusesWhatLeavesTheBuildOnOtherEngines(String sql) {
        assertThat(standard(sql)).map(Refusal::reason).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE SCHEMA sales",
        "DROP SCHEMA IF EXISTS sales CASCADE",
        "CREATE TABLE sales.orders (id INT)",
        "INSERT INTO sales.orders SELECT * FROM other.orders",
        "CREATE TABLE t (database TEXT, use TEXT)",
        "ALTER TABLE t DROP database",
        "CREATE FUNCTION f() RETURNS INT AS $$ SELECT 1 $$ LANGUAGE sql",
        "INSERT INTO t VALUES ('DROP DATABASE decoy', $x$ USE other $x$)",
        "/* outer /* DROP DATABASE decoy */ still a comment */ SELECT 1",
        "SELECT E'\\' DROP DATABASE decoy'",
        "VACUUM",
        "SELECT \"use\" FROM t",
    })
    void letsOrdinaryMigrationsThroughOnOtherEngines(String sql) {
        assertThat(standard(sql)).isEmpty();
    }
}
