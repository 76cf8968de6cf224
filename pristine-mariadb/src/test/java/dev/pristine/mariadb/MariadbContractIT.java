package dev.pristine.mariadb;

import dev.pristine.Pristine;
import dev.pristine.spi.Engine;
import dev.pristine.testkit.EngineContract;
import dev.pristine.testkit.SchemaShape;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The MariaDB engine passes the whole engine contract against the local server, as a user with a
 * password (the contract checks that the password never shows).
 */
class MariadbContractIT extends EngineContract {

    @Override
    protected Map<String, String> engineSettings(Path stateDir) {
        return MariadbTestServer.settingsWithPassword(SECRET);
    }

    /** The portable shape, plus everything MariaDB's information_schema shows (options, checks, views, triggers, routines). */
    @Override
    protected List<String> shape(Connection c) throws SQLException {
        List<String> all = new ArrayList<>(SchemaShape.portable(c));
        all.addAll(MariadbShape.informationSchema(c));
        return SchemaShape.normalise(all, c.getCatalog());
    }

    /** The server outlives the test: drop the template of this test's migrations (a new one every run). */
    @AfterEach
    void dropThisTestsTemplate() throws Exception {
        String key;
        try (Pristine p = builder().reapOnStart(false).poolSize(0).build()) {
            key = p.key();
        }
        try (Engine engine = inspectEngine()) {
            engine.dropTemplate(key);
        }
    }
}
