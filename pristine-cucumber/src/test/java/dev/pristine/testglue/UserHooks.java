package dev.pristine.testglue;

import dev.pristine.cucumber.PristineHooks;
import dev.pristine.cucumber.ScenarioDatabase;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The user's own hooks, at the default order and before the glue's. */
public class UserHooks {

    private final ScenarioDatabase db;

    public UserHooks(ScenarioDatabase db) {
        this.db = db;
    }

    @Before("@observe-hooks")
    public void before() throws SQLException {
        Recorder.EVENTS.add("user @Before saw " + db.id() + " with " + count() + " customer(s)");
    }

    @After("@observe-hooks")
    public void after() throws SQLException {
        Recorder.EVENTS.add("user @After saw " + db.id() + " with " + count() + " customer(s)");
    }

    @Before(value = "@too-early", order = PristineHooks.ORDER - 1)
    public void tooEarly() {
        try {
            ScenarioDatabase.current();
            Recorder.EVENTS.add("too early: a database was there");
        } catch (RuntimeException e) {
            Recorder.EVENTS.add("too early: " + e.getMessage());
        }
    }

    @Before("@broken-setup")
    public void brokenSetup() {
        throw new IllegalStateException("the user's setup hook breaks on purpose");
    }

    private int count() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customer")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
