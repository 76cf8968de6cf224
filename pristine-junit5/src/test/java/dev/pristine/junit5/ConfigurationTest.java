package dev.pristine.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.Cleanup;
import dev.pristine.Migrations;
import dev.pristine.PristineException;
import dev.pristine.Redact;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Parsing of the extension's own settings, and URL masking. */
class ConfigurationTest {

    @Test
    void cleanupModesParseInAnyCaseWithDashOrUnderscore() {
        assertThat(Configuration.cleanupMode("always")).isEqualTo(Cleanup.ALWAYS);
        assertThat(Configuration.cleanupMode("ON-SUCCESS")).isEqualTo(Cleanup.ON_SUCCESS);
        assertThat(Configuration.cleanupMode(" on_success ")).isEqualTo(Cleanup.ON_SUCCESS);
        assertThat(Configuration.cleanupMode("Never")).isEqualTo(Cleanup.NEVER);
    }

    @Test
    void defaultIsNotACleanupModeSetting() {
        assertThatThrownBy(() -> Configuration.cleanupMode("default")).isInstanceOf(PristineException.class)
                .hasMessage("pristine.cleanup must be always, on_success or never, default, e.g. pristine.cleanup=on_success");
    }

    @Test
    void keepDurationsParseShortFormsAndIso() {
        assertThat(Configuration.keepFor("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Configuration.keepFor("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Configuration.keepFor("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(Configuration.keepFor("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Configuration.keepFor("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Configuration.keepFor("PT2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aBadKeepDurationSaysHowToWriteOne() {
        assertThatThrownBy(() -> Configuration.keepFor("a while")).isInstanceOf(PristineException.class)
                .hasMessage("pristine.keep-for is not a duration, a while, write it like 500ms, 30s, 10m, 24h, 7d or PT1H30M");
        assertThatThrownBy(() -> Configuration.keepFor("0s"))
                .hasMessage("pristine.keep-for must be more than 0, 0s, give a duration like 30s, 10m or 24h");
    }

    @Test
    void relativeMigrationsResolveAgainstTheWorkingDirectoryAndClasspathToADirectory() {
        assertThat(Migrations.location("src/test/resources/db/example"))
                .isEqualTo(Path.of("").toAbsolutePath().resolve("src/test/resources/db/example"));
        assertThat(Migrations.location("classpath:db/example")).isDirectory()
                .endsWith(Path.of("test-classes", "db", "example"));
        assertThat(Migrations.location("classpath:/db/example")).isEqualTo(Migrations.location("classpath:db/example"));
    }

    @Test
    void passwordsAreMaskedInLoggedUrls() {
        assertThat(Redact.mask("jdbc:postgresql://bob:s3cret@127.0.0.1:5432/pristine_x?password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://bob:****@127.0.0.1:5432/pristine_x?password=****&ssl=true");
        assertThat(Redact.mask("jdbc:mariadb://127.0.0.1/db;user=bob;pwd=s3cret")).isEqualTo("jdbc:mariadb://127.0.0.1/db;user=bob;pwd=****");
        assertThat(Redact.mask("jdbc:sqlite:/tmp/state/sqlite/clones/pristine_a_b.db"))
                .isEqualTo("jdbc:sqlite:/tmp/state/sqlite/clones/pristine_a_b.db");
    }
}
