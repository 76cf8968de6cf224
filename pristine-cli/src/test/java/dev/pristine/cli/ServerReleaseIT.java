package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On the local PostgreSQL and MariaDB servers ({@code PRISTINE_PG_URL}, {@code PRISTINE_MARIADB_URL}), {@code release}
 * of a {@code pristine_*} database that Pristine did not create exits with 6 and leaves it alone.
 */
class ServerReleaseIT {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "postgres, PRISTINE_PG_URL, jdbc:postgresql://127.0.0.1:5432/postgres, PRISTINE_PG_USER, postgres, "
                + "SELECT 1 FROM pg_database WHERE datname = '%s'",
        "mariadb, PRISTINE_MARIADB_URL, jdbc:mariadb://127.0.0.1:3306/, PRISTINE_MARIADB_USER, root, "
                + "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '%s'"})
    void releaseOfADatabasePristineDidNotCreateExitsWith6(String engine, String urlVariable, String defaultUrl,
            String userVariable, String defaultUser, String existsQuery) throws Exception {
        String url = System.getenv().getOrDefault(urlVariable, defaultUrl);
        String user = System.getenv().getOrDefault(userVariable, defaultUser);
        String name = "pristine_notmine_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            try {
                Cli.Run run = Cli.run("release", name, "--engine", engine, "--url", url, "--user", user,
                        "--state-dir", tmp.resolve("state").toString(), "--json");

                assertThat(run.exit()).as(run.toString()).isEqualTo(6);
                assertThat(run.err()).isEqualTo("pristine: UNSAFE_TARGET: refusing to release a database that is not a "
                        + "clone Pristine made, " + name + ", release only ids printed by 'pristine lease' or "
                        + "'pristine status'; Pristine never drops anything else\n");
                assertThat(exists(s, existsQuery.formatted(name))).as("left alone").isTrue();
            } finally {
                s.execute("DROP DATABASE " + name);
            }
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }
}
