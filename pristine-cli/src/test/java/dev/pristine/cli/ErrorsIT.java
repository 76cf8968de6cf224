package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Errors: the exit code of their kind, one line on stderr (and in the JSON), never a password. */
class ErrorsIT {

    @TempDir
    Path tmp;

    @Test
    void aUsageErrorExitsWith2AndOneLineNamingTheFix() {
        Cli.Run run = Cli.run("lease", "--bogus", "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(
                "pristine: CONFIGURATION: Unknown option: '--bogus', run pristine lease --help for the options\n");
        JsonNode error = run.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("CONFIGURATION");
        assertThat(error.get("exitCode").asInt()).isEqualTo(2);
        assertThat(error.get("message").asText())
                .isEqualTo("Unknown option: '--bogus', run pristine lease --help for the options");
    }

    @Test
    void anUnknownEngineExitsWith2NamingTheAvailableEngines() {
        Cli.Run run = Cli.run("prepare", "--engine", "nosuchdb", "--migrations", Cli.schema(tmp).toString(),
                "--state-dir", tmp.resolve("state").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: unknown engine, nosuchdb, use one of "
                + "[h2, mariadb, postgres, sqlite], or add the module of the engine that provides it\n");
    }

    @Test
    void aMisspeltEngineIsAnsweredWithTheEngineMeantNotANonExistentArtifact() {
        Cli.Run run = Cli.run("prepare", "--engine", "postgress", "--migrations", Cli.schema(tmp).toString(),
                "--state-dir", tmp.resolve("state").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: unknown engine, postgress, did you mean postgres?\n");
    }

    @Test
    void leaseWithoutMigrationsTellsAShellUserWhatToPassNotWhatToCall() {
        Cli.Run run = Cli.run("lease", "--state-dir", tmp.resolve("state").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: no migrations configured, --migrations and "
                + "PRISTINE_MIGRATIONS are unset, pass --migrations DIR or set PRISTINE_MIGRATIONS\n");
    }

    @Test
    void aTtlBeyondAYearOrOfZeroExitsWith2NamingTheBound() {
        String[] common = {"--migrations", Cli.schema(tmp).toString(), "--state-dir", tmp.resolve("state").toString()};
        Cli.Run tooLong = Cli.run(concat(new String[] {"lease", "--ttl", "999999999999999d"}, common));
        assertThat(tooLong.exit()).as(tooLong.toString()).isEqualTo(2);
        assertThat(tooLong.out()).isEmpty();
        assertThat(tooLong.err()).isEqualTo(
                "pristine: CONFIGURATION: --ttl must be at most 365d, 999999999999999d, give a shorter duration like 1h or 7d\n");

        Cli.Run zero = Cli.run(concat(new String[] {"lease", "--ttl", "0s"}, common));
        assertThat(zero.exit()).as(zero.toString()).isEqualTo(2);
        assertThat(zero.out()).isEmpty();
        assertThat(zero.err()).isEqualTo(
                "pristine: CONFIGURATION: --ttl must be more than 0, 0s, give a duration like 30s, 10m or 24h\n");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }

    @Test
    void passwordsNeverReachTheOutput() {
        String secret = "hunter2secret";
        Cli.Run run = Cli.run("prepare", "--url", "jdbc:nosuchdb://bob:" + secret + "@127.0.0.1/db?password=" + secret,
                "--password", secret, "--migrations", Cli.schema(tmp).toString(), "--state-dir",
                tmp.resolve("state").toString(), "--json", "--verbose");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out() + run.err()).doesNotContain(secret).contains(Masking.MASK);
        assertThat(run.err().lines().findFirst()).hasValue(
                "pristine: CONFIGURATION: no engine accepts the URL, jdbc:nosuchdb://bob:****@127.0.0.1/db?password=****, "
                        + "set --engine / pristine.engine; available engines: " + availableEngines(run));
    }

    @Test
    void releaseRefusesANameThatPristineDidNotMake() {
        Cli.Run run = Cli.run("release", "users", "--state-dir", tmp.resolve("state").toString(), "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(6);
        assertThat(run.err()).isEqualTo("pristine: UNSAFE_TARGET: not a Pristine database name, users, release only ids "
                + "printed by 'pristine lease' or 'pristine status'; Pristine never drops anything else\n");
        assertThat(run.json().get("error").get("code").asText()).isEqualTo("UNSAFE_TARGET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyUrlIsAUsageErrorNotTheEmbeddedServer(String url) {
        Cli.Run run = Cli.run("status", "--engine", "postgres", "--url", url, "--state-dir", tmp.resolve("state").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: --url is empty, '" + url + "', give the server's JDBC URL, "
                + "e.g. jdbc:postgresql://127.0.0.1:5432/postgres, or leave --url out for the engine's default\n");
        assertThat(tmp.resolve("state")).doesNotExist();
    }

    @Test
    void statusChangesNothingNotEvenTheStateDirectory() {
        for (String engine : new String[] {"sqlite", "h2"}) {
            Path state = tmp.resolve("fresh-" + engine).resolve("state");

            JsonNode status = Cli.run("status", "--engine", engine, "--state-dir", state.toString(), "--json").ok();

            assertThat(status.get("templates")).isEmpty();
            assertThat(status.get("clones")).isEmpty();
            assertThat(state.getParent()).as(engine).doesNotExist();
        }
    }

    @Test
    void anEngineFailureCarriesItsCauseInTheOneLineAndPromisesNothingThatIsNotPrinted() throws Exception {
        String migrations = Cli.schema(tmp).toString();
        String key = Cli.run("prepare", "--migrations", migrations, "--state-dir", tmp.resolve("other").toString(), "--json")
                .ok().get("key").asText();
        Path state = tmp.resolve("state");
        Path lock = Files.createDirectories(state.resolve("sqlite").resolve("locks").resolve(key + ".lock"));

        Cli.Run run = Cli.run("prepare", "--migrations", migrations, "--state-dir", state.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("pristine: UNEXPECTED: taking the build lock failed: java.nio.file.FileSystemException: "
                + lock + ": Is a directory, " + key + ", run again with --verbose for the stack trace, and report it\n");
    }

    private static String availableEngines(Cli.Run run) {
        String line = run.err().lines().findFirst().orElseThrow();
        return line.substring(line.lastIndexOf('['));
    }
}
