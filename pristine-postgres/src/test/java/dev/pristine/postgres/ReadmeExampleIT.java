package dev.pristine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import dev.pristine.testkit.Schemas;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example, compiled and run against the local server. */
class ReadmeExampleIT {

    @TempDir
    Path work;

    @Test
    void theReadmeExampleRuns() throws Exception {
        Path migrations = Schemas.portable(work);
        String jdbcUrl;
        // README: your server (must be on this machine unless you allow remote ones)
        try (Pristine pristine = Pristine.builder()
                .url(PostgresTestServer.URL).user(PostgresTestServer.USER) // README: the literal local defaults
                .migrations(migrations)
                .stateDir(work.resolve("state")).templateRetention(java.time.Duration.ofHours(1))
                .build();
             TestDatabase db = pristine.acquire("OrderTest.placesOrder")) {
            DataSource ds = db.dataSource();
            try (Connection c = ds.getConnection()) {
                jdbcUrl = c.getMetaData().getURL();
            }
        }
        assertThat(jdbcUrl).startsWith(PostgresTestServer.URL.replaceFirst("/[^/?]*(\\?.*)?$", "/pristine_ordertest_placesorder_"))
                .matches(".*_placesorder_[a-z0-9]{8}(\\?.*)?");
    }
}
