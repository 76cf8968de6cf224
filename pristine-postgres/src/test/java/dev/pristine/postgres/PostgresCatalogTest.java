package dev.pristine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How Pristine's databases are named, tagged, commented and told apart from everyone else's. */
class PostgresCatalogTest {

    private static final String KEY = "0123456789abcdef".repeat(4);
    private static final String MARKER = "pristine:v1 key=" + KEY + "&host=h&pid=1&start=2&expires=0&created=3&test=t";

    private static PostgresCatalog.Row row(String name, String comment) {
        return new PostgresCatalog.Row(name, comment, PostgresCatalog.tagNow(), true);
    }

    @Test
    void theTagIsTheCreationTimeAndLimitsNothing() {
        int tag = PostgresCatalog.tagNow();
        assertThat(tag).isGreaterThanOrEqualTo(PostgresCatalog.MIN_TAG);
        assertThat(new PostgresCatalog.Row("pristine_x", null, tag, true).createdAt())
                .isBetween(Instant.now().minus(Duration.ofSeconds(2)), Instant.now().plus(Duration.ofSeconds(1)));
        assertThat(new PostgresCatalog.Row("pristine_x", null, -1, true).ours()).isFalse();
        assertThat(new PostgresCatalog.Row("pristine_x", null, 100, true).ours()).as("a real connection limit").isFalse();
    }

    @Test
    void templatesBuildsAndClonesAreToldApart() {
        String template = PostgresCatalog.templateName(KEY);
        PostgresCatalog.TemplateInfo info = new PostgresCatalog.TemplateInfo(KEY, Instant.ofEpochMilli(1000),
                Instant.ofEpochMilli(2000));
        assertThat(template).isEqualTo("pristine_tpl_0123456789abcdef");
        assertThat(row(template, info.encode()).isTemplate()).isTrue();
        assertThat(row(template, info.encode()).isClone()).isFalse();
        assertThat(row("pristine_build_0123456789abcdef_abcd1234", PostgresCatalog.BUILD_COMMENT + MARKER).isBuild()).isTrue();
        assertThat(row("pristine_build_0123456789abcdef_abcd1234", null).isBuild()).as("not commented yet").isTrue();
        assertThat(row("pristine_build_0123456789abcdef_abcd1234", MARKER).isClone())
                .as("a test named 'build 0123…' gets a clone name like a build's; its comment tells").isTrue();
        assertThat(row("pristine_orders_test_abcd1234", MARKER).isClone()).isTrue();
        assertThat(row("pristine_orders_test_abcd1234", null).isClone()).as("created, not yet commented").isTrue();
        assertThat(row("pristine_orders_test_abcd1234", "the team's database").ours()).isFalse();
        assertThat(row("orders_abcd1234", MARKER).ours()).isFalse();
        PostgresCatalog.Row others = new PostgresCatalog.Row("pristine_orders_test_abcd1234", MARKER, PostgresCatalog.tagNow(),
                false);
        assertThat(others.pristines()).isTrue();
        assertThat(others.ours()).as("another role's: theirs to reap").isFalse();
        assertThat(others.isClone()).isFalse();
    }

    @Test
    void templateCommentsRoundTrip() {
        PostgresCatalog.TemplateInfo info = new PostgresCatalog.TemplateInfo(KEY, Instant.ofEpochMilli(1000),
                Instant.ofEpochMilli(2000));
        assertThat(info.encode()).isEqualTo("pristine-template:v1 key=" + KEY + "&built=1000&used=2000");
        assertThat(PostgresCatalog.TemplateInfo.decode(info.encode())).contains(info);
        assertThat(PostgresCatalog.TemplateInfo.decode(MARKER)).isEmpty();
        assertThat(PostgresCatalog.TemplateInfo.decode(null)).isEmpty();
    }

    @Test
    void identifiersAndLiteralsAreQuoted() {
        assertThat(PostgresCatalog.ident("app\"role")).isEqualTo("\"app\"\"role\"");
        assertThat(PostgresCatalog.literal("it's a \\ test")).isEqualTo("E'it\\'s a \\\\ test'");
    }

    @Test
    void namesPristineCouldNotHaveMadeAreRefused() {
        assertThat(PostgresCatalog.checkName("pristine_a_b1")).isEqualTo("pristine_a_b1");
        for (String bad : new String[] {"postgres", "pristine_x\"; DROP DATABASE postgres; --", "pristine_" + "a".repeat(60)}) {
            assertThatThrownBy(() -> PostgresCatalog.checkName(bad)).isInstanceOfSatisfying(PristineException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_TARGET));
        }
        assertThatThrownBy(() -> PostgresCatalog.templateName("nope")).isInstanceOfSatisfying(PristineException.class,
                e -> assertThat(e.getMessage()).isEqualTo("not a template key, nope, use a key printed by prepare or status"));
    }

    @Test
    void theLockIdIsTheKeysFirst64Bits() {
        assertThat(PostgresLock.lockId(KEY)).isEqualTo(0x0123456789abcdefL);
        assertThat(PostgresLock.lockId("f".repeat(64))).isEqualTo(-1L);
    }

    @Test
    void urlsSwapTheDatabaseAndKeepCredentialsApart() {
        PostgresConnections c = new PostgresConnections(
                "jdbc:postgresql://db.local:6543/admin?user=app&password=s3cret-Value&sslmode=disable", null, null, 2);
        assertThat(c.url("pristine_x_1")).isEqualTo("jdbc:postgresql://db.local:6543/pristine_x_1?sslmode=disable");
        assertThat(c.location()).isEqualTo("postgresql://db.local:6543/admin");
        assertThat(c.user()).isEqualTo("app");
        assertThat(c.password()).isEqualTo("s3cret-Value");
        assertThat(c.hostNames()).containsExactly("db.local");
        PostgresConnections explicit = new PostgresConnections("jdbc:postgresql://127.0.0.1/", "me", "pw", 2);
        assertThat(explicit.url("d")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/d");
        assertThat(explicit.adminDatabase()).isEqualTo("postgres");
        assertThat(explicit.user()).isEqualTo("me");
    }
}
