package dev.pristine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PristineSettingsTest {

    @Test
    void precedenceIsOverridesThenSystemThenFileThenEnvironment() {
        Properties system = new Properties();
        system.setProperty("pristine.engine", "from-system");
        system.setProperty("pristine.pool-size", "3");
        Properties file = new Properties();
        file.setProperty("pristine.engine", "from-file");
        file.setProperty("migrations", "from-file-unprefixed");
        file.setProperty("pristine.state-dir", "/from/file");
        Map<String, String> env = Map.of("PRISTINE_ENGINE", "from-env", "PRISTINE_STATE_DIR", "/from/env",
                "PRISTINE_URL", "jdbc:env", "HOME", "/ignored");
        PristineSettings s = PristineSettings.standard(env, system, file)
                .withOverrides(Map.of("pristine.engine", "from-override"));
        assertThat(s.get("engine")).contains("from-override");
        assertThat(s.get("pool-size")).contains("3");
        assertThat(s.get("state-dir")).contains("/from/file");
        assertThat(s.get("migrations")).contains("from-file-unprefixed");
        assertThat(s.get("url")).contains("jdbc:env");
        assertThat(s.get("home")).isEmpty();
    }

    @Test
    void namesMatchAcrossSeparatorsAndCase() {
        PristineSettings s = PristineSettings.empty().withOverrides(Map.of("PRISTINE_STATE_DIR", "/a"));
        assertThat(s.get("state-dir")).contains("/a");
        assertThat(s.get("pristine.state.dir")).contains("/a");
        assertThat(s.get("state_dir")).contains("/a");
        assertThat(s.asMap()).containsEntry("state-dir", "/a");
    }

    @Test
    void blankValuesCountAsUnset() {
        PristineSettings s = PristineSettings.standard(Map.of("PRISTINE_ENGINE", "env"), new Properties(), new Properties())
                .withOverrides(Map.of("engine", "  "));
        assertThat(s.get("engine")).contains("env");
    }

    @Test
    void durationsAreBoundedByAYearInEveryForm() {
        assertThat(PristineSettings.parseDuration("pristine.template-retention", "365d")).isEqualTo(Duration.ofDays(365));
        assertThat(PristineSettings.parseDuration("pristine.template-retention", "0s")).isEqualTo(Duration.ZERO);
        for (String tooLong : new String[] {"999999999999999d", "366d", "PT8785H", "99999999999999999999999s",
                "PT999999999999999999H", "P999999999999999D"}) {
            assertThatThrownBy(() -> PristineSettings.parseDuration("pristine.template-retention", tooLong))
                    .isInstanceOfSatisfying(PristineException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                        assertThat(e.getMessage()).isEqualTo("pristine.template-retention must be at most 365d, " + tooLong
                                + ", give a shorter duration like 1h or 7d");
                    });
        }
    }

    @Test
    void aPositiveDurationRefusesZero() {
        assertThat(PristineSettings.parsePositiveDuration("pristine.lease-ttl", "1ms")).isEqualTo(Duration.ofMillis(1));
        for (String zero : new String[] {"0s", "0", "PT0S"}) {
            assertThatThrownBy(() -> PristineSettings.parsePositiveDuration("pristine.lease-ttl", zero))
                    .isInstanceOfSatisfying(PristineException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                        assertThat(e.getMessage()).isEqualTo("pristine.lease-ttl must be more than 0, " + zero
                                + ", give a duration like 30s, 10m or 24h");
                    });
        }
    }

    @Test
    void toStringMasksPasswords() {
        PristineSettings s = PristineSettings.empty().withOverrides(Map.of("password", "hunter2", "user", "me"));
        assertThat(s.toString()).doesNotContain("hunter2").contains("me");
    }
}
