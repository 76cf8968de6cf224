package dev.pristine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactTest {

    @Test
    void masksUrlUserInfo() {
        assertThat(Redact.mask("jdbc:postgresql://app:hunter2@db.local:5432/x failed"))
                .isEqualTo("jdbc:postgresql://app:****@db.local:5432/x failed");
        assertThat(Redact.mask("mysql://root@localhost/ no password")).isEqualTo("mysql://root@localhost/ no password");
    }

    @Test
    void masksPasswordParametersInEveryCommonForm() {
        assertThat(Redact.mask("jdbc:mariadb://h/db?user=a&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:mariadb://h/db?user=a&password=****&ssl=true");
        assertThat(Redact.mask("{\"user\":\"a\",\"password\":\"hunter 2\"}"))
                .isEqualTo("{\"user\":\"a\",\"password\":\"****\"}");
        assertThat(Redact.mask("PWD=abc;Server=x")).isEqualTo("PWD=****;Server=x");
        assertThat(Redact.mask("Password: s3cret")).isEqualTo("Password: ****");
        assertThat(Redact.mask("passwordless login")).isEqualTo("passwordless login");
    }

    @Test
    void masksRegisteredSecretsAnywhere() {
        Redact.register("Zq9-registered-secret");
        assertThat(Redact.mask("auth failed for Zq9-registered-secret!")).isEqualTo("auth failed for ****!");
    }

    @Test
    void sanitizeKeepsCleanThrowablesAndCopiesDirtyOnes() {
        SQLException clean = new SQLException("syntax error");
        assertThat(Redact.sanitize(clean)).isSameAs(clean);
        SQLException dirty = new SQLException("cannot connect to jdbc:x://u:topsecret@h/", new RuntimeException("password=topsecret"));
        Throwable copy = Redact.sanitize(dirty);
        assertThat(copy).isInstanceOf(Redact.RedactedException.class);
        assertThat(copy.toString()).startsWith("java.sql.SQLException: ").doesNotContain("topsecret");
        assertThat(copy.getCause().toString()).doesNotContain("topsecret").contains("password=****");
        assertThat(copy.getStackTrace()).isEqualTo(dirty.getStackTrace());
    }

    @Test
    void boundsTheWorkOnHugeInput() {
        String huge = "password=".repeat(200_000);
        String out = Redact.mask(huge);
        assertThat(out.length()).isLessThanOrEqualTo(Redact.MAX_LENGTH + 20);
        assertThat(out).endsWith("[truncated]");
    }
}
