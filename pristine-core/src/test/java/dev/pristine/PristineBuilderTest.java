package dev.pristine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration errors the builder reports before any engine is touched (core has no engine on its class path). */
class PristineBuilderTest {

    @TempDir
    Path dir;

    private PristineBuilder builder(Map<String, String> settings) {
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(settings));
    }

    @Test
    void anUnknownEngineListsTheAvailableOnes() {
        assertThatThrownBy(() -> builder(Map.of("migrations", dir.toString(), "engine", "oracle")).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage())
                            .isEqualTo("unknown engine, oracle, use one of [], or add the module of the engine that provides it");
                });
    }

    @Test
    void aMisspeltEngineThatIsNotOnTheClassPathNamesTheRealArtifact() {
        assertThatThrownBy(() -> builder(Map.of("migrations", dir.toString(), "engine", "postgress")).build())
                .hasMessage("unknown engine, postgress, did you mean postgres? add the dependency dev.pristine:pristine-postgres");
    }

    @Test
    void badNumbersAndDurationsNameTheSetting() {
        assertThatThrownBy(() -> builder(Map.of("pool-size", "-1", "migrations", dir.toString())).build())
                .hasMessage("pristine.pool-size must be a whole number from 0 to 128, -1, e.g. pristine.pool-size="
                        + Runtime.getRuntime().availableProcessors()
                        + " (every clone is a whole database: more cost disk and server resources, not speed)");
        assertThatThrownBy(() -> builder(Map.of("acquire-timeout", "soon", "migrations", dir.toString())).build())
                .hasMessage("pristine.acquire-timeout is not a duration, soon, write it like 500ms, 30s, 10m, 24h, 7d or PT1H30M");
        assertThatThrownBy(() -> builder(Map.of("allow-remote", "yes", "migrations", dir.toString())).build())
                .hasMessage("pristine.allow-remote must be true or false, yes, e.g. pristine.allow-remote=false");
    }

    @Test
    void poolSizeAndCapHaveAnUpperBound() {
        // PRISTINE_POOL_SIZE=100000 once made one JVM create 68,098 SQLite clones in 12 s
        assertThatThrownBy(() -> builder(Map.of("pool-size", "100000", "migrations", dir.toString())).build())
                .isInstanceOfSatisfying(PristineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessage("pristine.pool-size must be a whole number from 0 to 128, 100000, e.g. pristine.pool-size="
                        + Runtime.getRuntime().availableProcessors()
                        + " (every clone is a whole database: more cost disk and server resources, not speed)");
        assertThatThrownBy(() -> builder(Map.of("max-clones", "1025", "migrations", dir.toString())).build())
                .hasMessage("pristine.max-clones must be a whole number from 1 to 1024, 1025, e.g. pristine.max-clones=64"
                        + " (every clone is a whole database: more cost disk and server resources, not speed)");
        assertThatThrownBy(() -> builder(Map.of("background-threads", "1000", "migrations", dir.toString())).build())
                .hasMessageStartingWith("pristine.background-threads must be a whole number from 1 to 64, 1000, e.g. ");
        assertThatThrownBy(() -> builder(Map.of("pool-size", "99999999999", "migrations", dir.toString())).build())
                .hasMessageStartingWith("pristine.pool-size must be a whole number from 0 to 128, 99999999999, ");
    }

    @Test
    void durationsParseInEveryDocumentedForm() {
        assertThat(PristineBuilder.parseDuration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(PristineBuilder.parseDuration("x", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(PristineBuilder.parseDuration("x", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(PristineBuilder.parseDuration("x", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(PristineBuilder.parseDuration("x", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(PristineBuilder.parseDuration("x", "250")).isEqualTo(Duration.ofMillis(250));
        assertThat(PristineBuilder.parseDuration("x", "PT2M")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aLeaseTtlOrAcquireTimeoutOfZeroIsRefused() {
        assertThatThrownBy(() -> builder(Map.of("lease-ttl", "0s", "migrations", dir.toString())).build())
                .hasMessage("pristine.lease-ttl must be more than 0, 0s, give a duration like 30s, 10m or 24h");
        assertThatThrownBy(() -> builder(Map.of("migrations", dir.toString())).leaseTtl(Duration.ZERO).build())
                .hasMessage("pristine.lease-ttl must be more than 0, PT0S, give a duration like 30s, 10m or 24h");
        assertThatThrownBy(() -> builder(Map.of("migrations", dir.toString())).leaseTtl(Duration.ofDays(400)).build())
                .hasMessage("pristine.lease-ttl must be at most 365d, PT9600H, give a shorter duration like 1h or 7d");
        assertThatThrownBy(() -> builder(Map.of("acquire-timeout", "0", "migrations", dir.toString())).build())
                .hasMessage("pristine.acquire-timeout must be more than 0, 0, give a duration like 30s, 10m or 24h");
    }

    @Test
    void aNegativeDurationIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> builder(Map.of("lease-ttl", "-PT5S", "migrations", dir.toString())).build())
                .hasMessage("pristine.lease-ttl must not be negative, -PT5S, give a duration like 30s, 10m or 24h");
    }

    @Test
    void theMessageOfAConfigurationErrorNeverShowsThePassword() {
        assertThatThrownBy(() -> builder(Map.of("migrations", dir.toString(), "engine", "nope",
                "password", "Xy7-builder-secret", "url", "jdbc:x://u:Xy7-builder-secret@h/")).build())
                .satisfies(e -> assertThat(e.toString()).doesNotContain("Xy7-builder-secret"));
    }
}
