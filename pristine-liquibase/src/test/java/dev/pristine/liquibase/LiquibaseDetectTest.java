package dev.pristine.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.Pristine;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider recognises changelog files and beats the plain SQL migrator on them, and only on them. */
class LiquibaseDetectTest {

    @TempDir
    Path work;

    private final LiquibaseMigratorProvider provider = new LiquibaseMigratorProvider();

    private int detect(String name, String content) throws Exception {
        Path f = work.resolve(name);
        Files.writeString(f, content);
        return provider.detect(f);
    }

    @Test
    void changelogFilesScoreAboveTheSqlMigrator() throws Exception {
        assertThat(detect("master.xml", "<?xml version=\"1.0\"?>\n<databaseChangeLog/>")).isEqualTo(30);
        assertThat(detect("master.yaml", "databaseChangeLog:\n  - changeSet: {}")).isEqualTo(30);
        assertThat(detect("master.yml", "databaseChangeLog: []")).isEqualTo(30);
        assertThat(detect("master.json", "{\"databaseChangeLog\": []}")).isEqualTo(30);
        assertThat(detect("formatted.sql", "\n\n  --liquibase formatted sql\n--changeset a:1\nSELECT 1;")).isEqualTo(30);
        assertThat(detect("spaced.sql", "-- Liquibase Formatted SQL\n")).isEqualTo(30);
        assertThat(detect("bom.sql", "\uFEFF--liquibase formatted sql\n")).isEqualTo(30);
    }

    @Test
    void otherFilesAndDirectoriesAreNotLiquibases() throws Exception {
        assertThat(detect("V1__plain.sql", "CREATE TABLE a (id INT);\n--liquibase formatted sql\n")).isZero();
        assertThat(detect("pom.xml", "<project/>")).isZero();
        assertThat(detect("config.yaml", "server: {}")).isZero();
        assertThat(provider.detect(work)).isZero();
        assertThat(provider.detect(work.resolve("missing.xml"))).isZero();
    }

    @Test
    void pristineDetectsLiquibaseForAFormattedSqlFile() throws Exception {
        Path changelog = Changelogs.formattedSql(work);
        Map<String, String> s = Map.of("engine", "sqlite", "state-dir", work.resolve("state").toString(),
                "migrations", changelog.toString(), "pool-size", "0", "liquibase.parameters.greeting", "detected");
        try (Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build();
                TestDatabase db = p.acquire("detected")) {
            assertThat(LiquibaseEngineContract.strings(db, "SELECT text FROM greeting WHERE id = 1")).containsExactly("detected");
            assertThat(LiquibaseEngineContract.count(db, "SELECT COUNT(*) FROM DATABASECHANGELOG")).isEqualTo(4);
        }
    }
}
