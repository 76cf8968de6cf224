package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A URL with user-info ({@code user:password@host}) on the server engines: the user and password are taken
 * out and used, and the password never reaches a resolver, a message, the JSON or a {@code -v} trace.
 */
class UserInfoUrlIT {

    private static final String PG_URL = System.getenv().getOrDefault("PRISTINE_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_USER = System.getenv().getOrDefault("PRISTINE_PG_USER", "postgres");
    private static final String PG_PASSWORD = System.getenv().getOrDefault("PRISTINE_PG_PASSWORD", "S3cret-pg-info");
    private static final String MARIADB_URL = System.getenv().getOrDefault("PRISTINE_MARIADB_URL",
            "jdbc:mariadb://127.0.0.1:3306/");
    private static final String MARIADB_USER = System.getenv().getOrDefault("PRISTINE_MARIADB_USER", "root");
    private static final String MARIADB_PASSWORD = System.getenv().getOrDefault("PRISTINE_MARIADB_PASSWORD", "");
    private static final String WRONG = "Wr0ng-maria-info";

    @TempDir
    Path tmp;

    @Test
    void postgresUsesTheUserAndPasswordOfTheUrlAndNeverShowsThePassword() {
        // the local server trusts 127.0.0.1, so the password only has to get through unseen
        Cli.Run run = Cli.run("status", "--engine", "postgres", "--url", withUserInfo(PG_URL, PG_USER, PG_PASSWORD),
                "--state-dir", tmp.toString(), "--json", "-v");

        JsonNode json = run.ok();
        assertThat(json.get("clones").isArray()).isTrue();
        assertThat(run.out() + run.err()).doesNotContain(PG_PASSWORD);
    }

    @Test
    void mariadbUsesTheUserAndEmptyPasswordOfTheUrl() {
        Cli.Run run = Cli.run("status", "--engine", "mariadb", "--url",
                withUserInfo(MARIADB_URL, MARIADB_USER, MARIADB_PASSWORD), "--state-dir", tmp.toString(), "--json");

        assertThat(run.ok().get("templates").isArray()).isTrue();
    }

    @Test
    void aWrongPasswordInTheUrlIsExitFourAndMaskedEvenInTheVerboseTrace() {
        Cli.Run run = Cli.run("status", "--engine", "mariadb", "--url", withUserInfo(MARIADB_URL, MARIADB_USER, WRONG),
                "--state-dir", tmp.toString(), "--json", "-v");

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.out() + run.err()).doesNotContain(WRONG);
        // word for word but the client address, which is the server's view of this machine
        String location = MARIADB_URL.replaceFirst("^jdbc:", "").replaceFirst("(//[^/?]*).*", "$1");
        assertThat(run.json().get("error").get("message").asText())
                .startsWith("cannot use the MariaDB/MySQL server: 1045 (28000) Access denied for user '" + MARIADB_USER + "'@'")
                .endsWith("' (using password: ****), " + location + " as " + MARIADB_USER
                        + ", check that the server runs and that the URL, user and password are right");
    }

    @Test
    void aBrokenEscapeInTheUserInfoIsExitTwoWithThePasswordMasked() {
        String secret = "Br0ken%zz-secret";
        Cli.Run run = Cli.run("status", "--engine", "postgres", "--url", withUserInfo(PG_URL, PG_USER, secret),
                "--state-dir", tmp.toString(), "--json", "-v");

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out() + run.err()).doesNotContain("Br0ken").doesNotContain("zz-secret");
        assertThat(run.err().lines().findFirst()).hasValue("pristine: CONFIGURATION: cannot read the user name and "
                + "password in the PostgreSQL URL, " + withUserInfo(PG_URL, PG_USER, "****") + ", percent-encode them "
                + "(% as %25, / as %2F, ? as %3F, # as %23, @ as %40)");
    }

    private static String withUserInfo(String url, String user, String password) {
        return url.replaceFirst("://", "://" + user + ":" + password + "@");
    }
}
