package dev.pristine.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.Pristine;
import dev.pristine.PristineException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Liquibase templates build and clone on SQLite. */
class LiquibaseSqliteIT extends LiquibaseEngineContract {

    @Override
    protected Map<String, String> engineSettings() {
        return Map.of("engine", "sqlite");
    }

    @Test
    void aBrokenChangesetReadsLikeThis() {
        Path changelog = Changelogs.formattedSql(work);
        Changelogs.write(changelog, "--liquibase formatted sql\n--changeset mallory:oops\nCREAT TABLE oops (id INT);\n");
        try (Pristine p = pristine(changelog, Map.of())) {
            assertThatThrownBy(p::prepare).isInstanceOfSatisfying(PristineException.class, e -> assertThat(e.toErrorLine())
                    .isEqualTo("pristine: MIGRATION_FAILED: Liquibase changeset oops by mallory in changelog.sql failed: "
                            + "[SQLITE_ERROR] SQL error or missing database (near \"CREAT\": syntax error) "
                            + "[Failed SQL: (1) CREAT TABLE oops (id INT)], "
                            + "fix the changeset and run again; no template was published for it"));
        }
    }
}
