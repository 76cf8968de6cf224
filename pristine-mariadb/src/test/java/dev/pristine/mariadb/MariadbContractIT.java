package dev.pristine.mariadb;

import dev.pristine.testkit.EngineContract;
import java.nio.file.Path;
import java.util.Map;

/**
 * The MariaDB engine passes the whole engine contract against the local server, as a user with a
 * password (the contract checks that the password never shows).
 */
class MariadbContractIT extends EngineContract {

    @Override
    protected Map<String, String> engineSettings(Path stateDir) {
        return MariadbTestServer.settingsWithPassword(SECRET);
    }
}
