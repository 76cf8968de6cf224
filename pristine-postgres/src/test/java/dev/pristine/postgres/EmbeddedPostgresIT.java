package dev.pristine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.CloneStatus;
import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import dev.pristine.testkit.ChildJvm;
import dev.pristine.testkit.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server: one per state directory, shared by every JVM using it, stopped by the last one out. */
class EmbeddedPostgresIT {

    private static final String WRONG = "Wr0ng-pg-Passw0rd";
    private static final Pattern PORT = Pattern.compile("\"port\": (\\d+), \"pid\": (\\d+)");

    @TempDir
    Path work;

    private Path serverDir;
    private Map<String, String> settings;

    @BeforeEach
    void settings() {
        settings = PostgresTestServer.embedded(work);
        serverDir = work.resolve("state/postgres/embedded-17");
    }

    private PristineBuilder builder() {
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(settings));
    }

    @Test
    void everyJvmOfAStateDirectorySharesOneServerAndTheLastOneOutStopsIt() throws Exception {
        for (boolean killed : new boolean[] {false, true}) {
            long postmaster;
            try (ChildJvm child = ChildJvm.start("hold", settings, work.resolve("logs"))) {
                List<String> held = List.of(child.awaitLine("lease=").substring(6), child.awaitLine("lease=").substring(6));
                child.awaitLine("READY");
                long[] server = server();
                postmaster = server[1];
                try (Pristine p = builder().build()) {
                    assertThat(server()).as("the second JVM joined the running server").isEqualTo(server);
                    assertThat(p.status().clones()).extracting(CloneStatus::id).containsAll(held);
                    try (Stream<Path> users = Files.list(serverDir.resolve("users"))) {
                        assertThat(users).hasSize(2);
                    }
                }
                assertThat(isAlive(postmaster)).as("the child still uses the server").isTrue();
                if (killed) {
                    child.kill();
                } else {
                    child.send("done");
                    assertThat(child.waitFor()).as("stderr: %s", child.stderrText()).isZero();
                    assertThat(isAlive(postmaster)).as("the last one out stopped it").isFalse();
                    assertThat(serverDir.resolve("server.json")).doesNotExist();
                }
            }
            if (killed) {
                assertThat(isAlive(postmaster)).as("a killed user leaves the server up until the next JVM comes and goes")
                        .isTrue();
                try (Pristine p = builder().build()) {
                    assertThat(server()[1]).as("the next JVM adopted the orphaned server").isEqualTo(postmaster);
                    try (Stream<Path> users = Files.list(serverDir.resolve("users"))) {
                        assertThat(users).as("the dead user was forgotten").hasSize(1);
                    }
                }
                assertThat(isAlive(postmaster)).isFalse();
            }
        }
    }

    @Test
    void aWrongPasswordIsExitFourAndNeverShows() throws Exception {
        try (Pristine owner = builder().build()) {
            int port = (int) server()[0];
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE pristine_pw LOGIN CREATEDB PASSWORD 'Right-pg-Passw0rd'");
                Path hba = serverDir.resolve("pgdata/pg_hba.conf");
                Files.writeString(hba, "host all pristine_pw 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
                try (ResultSet rs = s.executeQuery("SELECT pg_reload_conf()")) {
                    rs.next();
                }
            }
            Map<String, String> remote = new LinkedHashMap<>(settings);
            remote.put("url", url);
            remote.put("user", "pristine_pw");
            remote.put("password", WRONG);
            assertThatThrownBy(() -> Pristine.builder().settings(PristineSettings.empty().withOverrides(remote)).build())
                    .isInstanceOfSatisfying(PristineException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNREACHABLE);
                        assertThat(e.code().exitCode()).isEqualTo(4);
                        assertThat(e.getMessage()).isEqualTo("cannot use the PostgreSQL server: 28P01 FATAL: password "
                                + "authentication failed for user \"pristine_pw\", postgresql://127.0.0.1:" + port
                                + "/postgres as pristine_pw, check that the server runs and that the URL, user and password "
                                + "are right");
                        assertThat(e.toErrorLine()).doesNotContain(WRONG);
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t)).doesNotContain(WRONG);
                        }
                    });
            remote.put("password", "Right-pg-Passw0rd");
            try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(remote)).build();
                    TestDatabase db = p.acquire("right.password")) {
                assertThat(db.user()).isEqualTo("pristine_pw");
                assertThat(db.password()).isEqualTo("Right-pg-Passw0rd");
            }
        }
    }

    @Test
    void aBuildLogsInAsAThrowawayRoleWithItsPasswordAndClonesBelongToPostgres() throws Exception {
        Schemas.write(Path.of(settings.get("migrations")).resolve("V3__who.sql"),
                "CREATE TABLE who AS SELECT current_user::text AS name, system_user AS login;\n");
        try (Pristine p = builder().build()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server()[0] + "/postgres";
            try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
                // build roles must log in with their password: trust would accept any
                Path hba = serverDir.resolve("pgdata/pg_hba.conf");
                Files.writeString(hba, "host all /^pristine_build_ 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
                try (ResultSet rs = s.executeQuery("SELECT pg_reload_conf()")) {
                    rs.next();
                }
            }
            try (TestDatabase db = p.acquire("build.role");
                    Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT name, login FROM who")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).startsWith("pristine_build_" + p.key().substring(0, 16) + "_");
                    assertThat(rs.getString(2)).isEqualTo("scram-sha-256:" + rs.getString(1));
                }
                try (ResultSet rs = s.executeQuery("SELECT string_agg(relname || ' ' || relowner::regrole::text, ', ' "
                        + "ORDER BY relname), (SELECT count(*) FROM pg_roles WHERE rolname LIKE 'pristine\\_build\\_%') "
                        + "FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("item postgres, tag postgres, who postgres");
                    assertThat(rs.getInt(2)).as("the build role is dropped").isZero();
                }
            }
        }
    }

    /** Port and postmaster pid from server.json. */
    private long[] server() throws Exception {
        Matcher m = PORT.matcher(Files.readString(serverDir.resolve("server.json")));
        assertThat(m.find()).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
