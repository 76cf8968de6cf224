package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pristine.testkit.TestServers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lease --json} gives every language what it needs: the file of a file engine (the JDBC URL's tail is no
 * path: it carries {@code ?foreign_keys=…}), and a native URL without a password plus host, port and database of
 * a server.
 */
class CoordinatesIT {

    @TempDir
    Path tmp;

    @Test
    void theSqlitePathIsTheLeasedFileWithItsTables() throws Exception {
        JsonNode lease = Cli.run("lease", "--migrations", Cli.schema(tmp).toString(), "--state-dir",
                tmp.resolve("state").toString(), "--json").ok();

        Path path = Path.of(lease.get("path").asText());
        assertThat(path).isAbsolute().isRegularFile().hasFileName(lease.get("id").asText() + ".db");
        assertThat(lease.get("url").asText()).isEqualTo("sqlite:///" + path);
        assertThat(lease.get("host").isNull()).isTrue();
        assertThat(lease.get("port").isNull()).isTrue();
        assertThat(lease.get("database").isNull()).isTrue();
        // what sqlite3 "$path" .tables does, through the driver and the bare path (no URL parameters)
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + path)) {
            assertThat(tables(c)).contains("author", "book");
        }
        Cli.run("release", lease.get("id").asText(), "--state-dir", tmp.resolve("state").toString(), "--json").ok();
    }

    @Test
    void theH2PathIsTheLeasedFile() {
        JsonNode lease = Cli.run("lease", "--engine", "h2", "--migrations", Cli.schema(tmp).toString(), "--state-dir",
                tmp.resolve("state").toString(), "--json").ok();

        assertThat(Path.of(lease.get("path").asText())).isAbsolute().isRegularFile()
                .hasFileName(lease.get("id").asText() + ".mv.db");
        assertThat(lease.get("url").isNull()).isTrue();
        Cli.run("release", lease.get("id").asText(), "--engine", "h2", "--state-dir", tmp.resolve("state").toString(),
                "--json").ok();
    }

    @ParameterizedTest
    @CsvSource({"postgres, postgresql, jdbc:postgresql", "mariadb, mysql, jdbc:mariadb"})
    void theServerFieldsConnectAndTheUrlHoldsNoPassword(String engine, String scheme, String jdbcScheme) throws Exception {
        boolean pg = engine.equals("postgres");
        String state = tmp.resolve("state").toString();
        List<String> server = List.of("--engine", engine, "--url", pg ? TestServers.PG_URL : TestServers.MARIADB_URL,
                "--user", pg ? TestServers.PG_USER : TestServers.MARIADB_USER, "--state-dir", state);
        JsonNode lease = Cli.run(args(server, "lease", "--migrations", Cli.schema(tmp).toString(), "--json")).ok();
        try {
            String host = lease.get("host").asText();
            int port = lease.get("port").asInt();
            String database = lease.get("database").asText();
            String user = lease.get("user").asText();
            assertThat(database).isEqualTo(lease.get("id").asText());
            assertThat(lease.get("url").asText()).isEqualTo(scheme + "://" + user + "@" + host + ":" + port + "/" + database);
            assertThat(lease.get("path").isNull()).isTrue();
            String password = lease.get("password").isNull() ? null : lease.get("password").asText();
            try (Connection c = DriverManager.getConnection(jdbcScheme + "://" + host + ":" + port + "/" + database,
                    user, password)) {
                assertThat(tables(c)).contains("author", "book");
            }
        } finally {
            Cli.run(args(server, "release", lease.get("id").asText(), "--json")).ok();
            // the template too: the servers are shared
            Cli.run(Map.of("PRISTINE_TEMPLATE_RETENTION", "1ms"), args(server, "gc", "--json")).ok();
        }
    }

    private static String[] args(List<String> common, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(common);
        return all.toArray(String[]::new);
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        names.sort(null);
        return names;
    }
}
