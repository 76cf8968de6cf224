package dev.pristine;

import static org.assertj.core.api.Assertions.assertThat;

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
    void toStringMasksPasswords() {
        PristineSettings s = PristineSettings.empty().withOverrides(Map.of("password", "hunter2", "user", "me"));
        assertThat(s.toString()).doesNotContain("hunter2").contains("me");
    }
}
