package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lease}, {@code release}, {@code status}, {@code gc}: leases outlive the CLI, are isolated, and go when released or expired. */
class LeaseIT {

    @TempDir
    Path tmp;

    @Test
    void leasesAreIsolatedOutliveTheCliAndGoWhenReleasedOrExpired() throws Exception {
        String migrations = Cli.schema(tmp).toString();
        String state = tmp.resolve("state").toString();

        List<JsonNode> leases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leases.add(Cli.run("lease", "--migrations", migrations, "--state-dir", state, "--json").ok());
        }
        assertThat(leases).extracting(l -> l.get("id").asText()).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("pristine_lease_"));
        assertThat(leases).extracting(l -> l.get("jdbcUrl").asText()).doesNotHaveDuplicates();
        assertThat(leases).extracting(l -> l.get("key").asText()).containsOnly(leases.get(0).get("key").asText());
        assertThat(leases.get(0).has("user")).isTrue();
        assertThat(leases.get(0).has("password")).isTrue();
        assertThat(leases.get(0).get("millis").canConvertToLong()).isTrue();

        // Isolation: a row written into one lease is in no other.
        try (Connection c = DriverManager.getConnection(leases.get(0).get("jdbcUrl").asText());
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO author (id, name) VALUES (99, 'written into lease 0')");
        }
        assertThat(countAuthor99(leases.get(0))).isEqualTo(1);
        assertThat(countAuthor99(leases.get(1))).isZero();
        assertThat(countAuthor99(leases.get(2))).isZero();

        // A lease whose TTL ran out is dropped by gc; the live ones, owned by their TTL and not by the
        // (long gone) lease processes, are kept. (--ttl 0s is refused; 1ms is over before the gc process starts.)
        JsonNode expired = Cli.run("lease", "--migrations", migrations, "--state-dir", state, "--ttl", "1ms", "--json").ok();
        JsonNode gc = Cli.run("gc", "--state-dir", state, "--json").ok();
        assertThat(gc.get("dropped")).extracting(JsonNode::asText).containsExactly(expired.get("id").asText());
        assertThat(gc.get("dryRun").asBoolean()).isFalse();
        assertThat(gc.get("kept").asInt()).isEqualTo(4); // three clones and the template

        String released = leases.get(1).get("id").asText();
        JsonNode release = Cli.run("release", released, "--state-dir", state, "--json").ok();
        assertThat(release.get("id").asText()).isEqualTo(released);
        assertThat(release.get("released").asBoolean()).isTrue();
        assertThat(Path.of(leases.get(1).get("jdbcUrl").asText().substring("jdbc:sqlite:".length()))).doesNotExist();

        JsonNode status = Cli.run("status", "--state-dir", state, "--json").ok();
        List<JsonNode> clones = StreamSupport.stream(status.get("clones").spliterator(), false).toList();
        assertThat(clones).extracting(c -> c.get("id").asText()).containsExactlyInAnyOrder(
                leases.get(0).get("id").asText(), leases.get(2).get("id").asText());
        assertThat(clones).allSatisfy(c -> {
            assertThat(c.get("orphan").asBoolean()).isFalse();
            assertThat(c.get("owner").asText()).startsWith("until ");
            assertThat(c.get("name").asText()).isEqualTo(c.get("id").asText());
            assertThat(c.get("ageSeconds").asLong()).isNotNegative();
        });
        JsonNode template = status.get("templates").get(0);
        assertThat(template.get("key").asText()).isEqualTo(leases.get(0).get("key").asText());
        assertThat(template.get("engine").asText()).isEqualTo("sqlite");
        assertThat(template.get("builtAt").asText()).isNotEmpty();
        assertThat(Files.exists(Path.of(template.get("name").asText()))).isTrue();
    }

    private static int countAuthor99(JsonNode lease) throws SQLException {
        try (Connection c = DriverManager.getConnection(lease.get("jdbcUrl").asText());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM author WHERE id = 99")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
