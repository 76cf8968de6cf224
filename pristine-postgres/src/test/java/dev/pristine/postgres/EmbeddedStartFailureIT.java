package dev.pristine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start of the embedded server that fails leaves no server running (checked in the process table) and
 * says why in the error, with the last lines of postgres.log.
 */
class EmbeddedStartFailureIT {

    @TempDir
    Path work;

    private Path serverDir;
    private Path data;
    private Map<String, String> settings;

    @BeforeEach
    void aStoppedEmbeddedServer() throws Exception {
        settings = PostgresTestServer.embedded(work);
        serverDir = work.resolve("state/postgres/embedded-17");
        data = serverDir.resolve("pgdata");
        try (Pristine p = builder().build()) {
            assertThat(serverDir.resolve("server.json")).as("the embedded server runs").exists();
        }
        assertThat(postgresOf(data)).as("the last one out stopped the server").isEmpty();
    }

    @AfterEach
    void stopLeftovers() {
        postgresOf(data).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aDataDirectoryHeldByAPostmasterPristineDidNotStartFailsWithThePostgresLogAndStopsOnlyWhatItStarted()
            throws Exception {
        // a postmaster on the data directory that Pristine has no record of (no server.json): started by hand, or
        // left by an older failed start; PostgreSQL refuses to start a second one on the same directory
        PostgresBinaries binaries = PostgresBinaries.get();
        Path log = serverDir.resolve("postgres.log");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        binaries.run(List.of(binaries.bin("pg_ctl"), "-D", data.toString(), "-l", log.toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''", "-w", "start"), log, 90);
        try {
            List<String> pidFile = Files.readAllLines(data.resolve("postmaster.pid"));
            long foreign = Long.parseLong(pidFile.get(0));

            assertThatThrownBy(() -> builder().build()).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNREACHABLE);
                assertThat(e.getMessage()).startsWith("cannot start the embedded PostgreSQL server, " + serverDir
                        + ", see " + log + "; or give a server with --url / pristine.url: the embedded server exited "
                        + "before it was ready; last lines of " + log + ": ")
                        // PostgreSQL's own words; each log line starts with a time and a pid
                        .contains(" FATAL:  lock file \"postmaster.pid\" already exists | ")
                        .endsWith(" HINT:  Is another postmaster (PID " + foreign + ") running in data directory \""
                                + data + "\"?");
            });
            assertThat(postgresOf(data)).as("postgres processes on the data directory").extracting(ProcessHandle::pid)
                    .containsExactly(foreign);
            assertThat(Files.readAllLines(data.resolve("postmaster.pid"))).as("the other postmaster's lock file, untouched")
                    .isEqualTo(pidFile);
        } finally {
            binaries.run(List.of(binaries.bin("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "stop"), log, 90);
        }
    }

    @Test
    void aServerThatStartedButCouldNotBeRecordedIsStoppedAgain() throws Exception {
        // server.json is written by moving server.json.tmp into place: a directory there fails it after the start
        Files.createDirectories(serverDir.resolve("server.json.tmp").resolve("blocker"));

        assertThatThrownBy(() -> builder().build()).isInstanceOfSatisfying(PristineException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNREACHABLE);
            assertThat(e.getMessage()).isEqualTo("cannot start the embedded PostgreSQL server, " + serverDir + ", see "
                    + serverDir.resolve("postgres.log") + "; or give a server with --url / pristine.url: "
                    + serverDir.resolve("server.json.tmp") + ": Is a directory");
        });
        assertThat(postgresOf(data)).as("postgres processes on the data directory").isEmpty();
        assertThat(data.resolve("postmaster.pid")).as("the stopped server removed its lock file").doesNotExist();
    }

    private PristineBuilder builder() {
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(settings));
    }

    /** Live processes whose command line names the data directory: a postmaster (or pg_ctl) on it. */
    private static List<ProcessHandle> postgresOf(Path data) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().filter(c -> c.contains(data.toString())).isPresent()).toList();
    }
}
