package dev.pristine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.internal.SqlScript.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    private static List<String> sql(String text) {
        return SqlScript.split(text, false).stream().map(Statement::sql).toList();
    }

    @Test
    void splitsOnSemicolonsAndKeepsStartLines() {
        List<Statement> s = SqlScript.split("CREATE TABLE a (id INT);\n\n  INSERT INTO a VALUES (1);\nSELECT 1", false);
        assertThat(s).extracting(Statement::sql)
                .containsExactly("CREATE TABLE a (id INT)", "INSERT INTO a VALUES (1)", "SELECT 1");
        assertThat(s).extracting(Statement::line).containsExactly(1, 3, 4);
    }

    @Test
    void semicolonsInQuotesAndCommentsDoNotSplit() {
        assertThat(sql("INSERT INTO a VALUES ('x;y', \"q;r\", `b;t`); -- c;d\n/* e;\nf */ SELECT 'it''s;';"))
                .containsExactly("INSERT INTO a VALUES ('x;y', \"q;r\", `b;t`)", "SELECT 'it''s;'");
    }

    @Test
    void commentsBeforeAStatementDoNotMoveItsLine() {
        List<Statement> s = SqlScript.split("-- header\n/* block\n comment */\nCREATE TABLE a (id INT);", false);
        assertThat(s).singleElement().satisfies(st -> {
            assertThat(st.line()).isEqualTo(4);
            assertThat(st.sql()).isEqualTo("CREATE TABLE a (id INT)");
        });
    }

    @Test
    void triggerBodiesStayWhole() {
        String trigger = "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  UPDATE b SET n = n + 1;\n"
                + "  UPDATE c SET n = CASE WHEN n > 1 THEN 0 ELSE n END;\nEND";
        assertThat(sql(trigger + ";\nSELECT 1;")).containsExactly(trigger, "SELECT 1");
    }

    @Test
    void mysqlProceduresWithControlFlowStayWhole() {
        String proc = "CREATE PROCEDURE p()\nBEGIN\n  IF 1 = 1 THEN\n    SELECT 1;\n  END IF;\n"
                + "  WHILE 0 = 1 DO SELECT 2; END WHILE;\nEND";
        assertThat(sql(proc + ";\nCALL p();")).containsExactly(proc, "CALL p()");
    }

    @Test
    void aTopLevelBeginIsATransactionNotABlock() {
        assertThat(sql("BEGIN;\nINSERT INTO a VALUES (1);\nCOMMIT;"))
                .containsExactly("BEGIN", "INSERT INTO a VALUES (1)", "COMMIT");
    }

    @Test
    void dollarQuotedBodiesStayWhole() {
        String fn = "CREATE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  PERFORM 1; RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql";
        assertThat(sql(fn + ";\nSELECT $$a;b$$;")).containsExactly(fn, "SELECT $$a;b$$");
    }

    @Test
    void theDelimiterDirectiveChangesTheTerminator() {
        String text = "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\nDELIMITER ;\nCALL p();";
        assertThat(sql(text)).containsExactly("CREATE PROCEDURE p() BEGIN SELECT 1; END", "CALL p()");
    }

    @Test
    void backslashesEscapeOnlyWhereTheEngineSaysSo() {
        assertThat(SqlScript.split("SELECT 'a\\';b';", true)).extracting(Statement::sql)
                .containsExactly("SELECT 'a\\';b'");
        assertThat(SqlScript.split("SELECT 'C:\\'; SELECT 2;", false)).extracting(Statement::sql)
                .containsExactly("SELECT 'C:\\'", "SELECT 2");
    }

    @Test
    void blankAndCommentOnlyScriptsHaveNoStatements() {
        assertThat(sql("  \n-- nothing\n/* at all */\n;;\n")).isEmpty();
    }
}
