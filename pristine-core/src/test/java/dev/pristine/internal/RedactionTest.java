package dev.pristine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksUrlUserInfo() {
        assertThat(Redaction.redact("jdbc:postgresql://app:hunter2@db.local:5432/x failed"))
                .isEqualTo("jdbc:postgresql://app:****@db.local:5432/x failed");
        assertThat(Redaction.redact("mysql://root@localhost/ no password")).isEqualTo("mysql://root@localhost/ no password");
    }

    @Test
    void masksPasswordParametersInEveryCommonForm() {
        assertThat(Redaction.redact("jdbc:mariadb://h/db?user=a&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:mariadb://h/db?user=a&password=****&ssl=true");
        assertThat(Redaction.redact("{\"user\":\"a\",\"password\":\"hunter 2\"}"))
                .isEqualTo("{\"user\":\"a\",\"password\":\"****\"}");
        assertThat(Redaction.redact("PWD=abc;Server=x")).isEqualTo("PWD=****;Server=x");
        assertThat(Redaction.redact("Password: s3cret")).isEqualTo("Password: ****");
        assertThat(Redaction.redact("passwordless login")).isEqualTo("passwordless login");
    }

    @Test
    void masksRegisteredSecretsAnywhere() {
        Redaction.registerSecret("Zq9-registered-secret");
        assertThat(Redaction.redact("auth failed for Zq9-registered-secret!")).isEqualTo("auth failed for ****!");
    }

    @Test
    void sanitizeKeepsCleanThrowablesAndCopiesDirtyOnes() {
        SQLException clean = new SQLException("syntax error");
        assertThat(Redaction.sanitize(clean)).isSameAs(clean);
        SQLException dirty = new SQLException("cannot connect to jdbc:x://u:topsecret@h/", new RuntimeException("password=topsecret"));
        Throwable copy = Redaction.sanitize(dirty);
        assertThat(copy).isInstanceOf(Redaction.RedactedException.class);
        assertThat(copy.toString()).startsWith("java.sql.SQLException: ").doesNotContain("topsecret");
        assertThat(copy.getCause().toString()).doesNotContain("topsecret").contains("password=****");
        assertThat(copy.getStackTrace()).isEqualTo(dirty.getStackTrace());
    }

    @Test
    void boundsTheWorkOnHugeInput() {
        String huge = "password=".repeat(200_000);
        String out = Redaction.redact(huge);
        assertThat(out.length()).isLessThanOrEqualTo(Redaction.MAX_LENGTH + 20);
        assertThat(out).endsWith("[truncated]");
    }
}
