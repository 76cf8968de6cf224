package dev.pristine.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlywayTomlTest {

    @Test
    void readsTheFlywayTablesOnly() {
        Map<String, String> m = FlywayToml.parse("""
                # a comment
                [environments.default]
                url = "jdbc:postgresql://localhost/app"
                password = "secret"

                [flyway]
                locations = ["filesystem:sql", 'classpath:db/migration']  # trailing comment
                schemas = [
                  "app",
                  "audit",
                ]
                baselineOnMigrate = true
                connectRetries = 1_000
                placeholders.greeting = "hello \\"world\\" # not a comment"
                "quoted.key" = "q"

                [flyway.placeholders]
                owner = 'alice'
                """, "flyway.toml");
        assertThat(m).containsExactly(
                Map.entry("flyway.locations", "filesystem:sql,classpath:db/migration"),
                Map.entry("flyway.schemas", "app,audit"),
                Map.entry("flyway.baselineOnMigrate", "true"),
                Map.entry("flyway.connectRetries", "1000"),
                Map.entry("flyway.placeholders.greeting", "hello \"world\" # not a comment"),
                Map.entry("flyway.quoted.key", "q"),
                Map.entry("flyway.placeholders.owner", "alice"));
    }

    @Test
    void syntaxOutsideTheSubsetNamesTheLine() {
        PristineException e = catchThrowableOfType(PristineException.class,
                () -> FlywayToml.parse("[flyway]\nplaceholders = { a = \"b\" }\n", "/x/flyway.toml"));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("cannot read flyway.toml line 2: multi-line strings and inline tables "
                + "are not supported, /x/flyway.toml, use plain keys with strings, booleans, numbers or arrays, "
                + "or move the setting to flyway.conf");
    }
}
