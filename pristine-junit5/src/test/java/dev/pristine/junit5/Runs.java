package dev.pristine.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pristine.CloneStatus;
import dev.pristine.Pristine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs test classes on the real JUnit Jupiter engine, as a build would, and looks at what they left. */
final class Runs {

    /** The example schema, as a user would point {@code pristine.migrations} at it. */
    static final String EXAMPLE = "src/test/resources/db/example";

    private Runs() {}

    /** Configuration parameters for a run on its own state dir with the example schema. */
    static Map<String, String> parameters(Path stateDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("pristine.state-dir", stateDir.toString());
        p.put("pristine.migrations", EXAMPLE);
        return p;
    }

    /** The same, with JUnit's parallel execution on: concurrent by default, four threads. */
    static Map<String, String> parallel(Path stateDir) {
        Map<String, String> p = parameters(stateDir);
        p.put("junit.jupiter.execution.parallel.enabled", "true");
        p.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        p.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        p.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        return p;
    }

    static EngineExecutionResults run(Map<String, String> parameters, Class<?>... testClasses) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters);
        for (Class<?> c : testClasses) {
            kit = kit.selectors(selectClass(c));
        }
        return kit.execute();
    }

    /** The clones left in a state dir after a run, seen by a new Pristine that reaps nothing. */
    static List<CloneStatus> clonesIn(Path stateDir) {
        try (Pristine p = Pristine.builder().stateDir(stateDir).migrations(Path.of(EXAMPLE)).reapOnStart(false)
                .poolSize(0).build()) {
            return p.status().clones();
        }
    }

    /** The user tables of a database, sorted. */
    static List<String> tables(DataSource db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** One number from a query. */
    static long count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs one update. */
    static void update(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
