package dev.pristine.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.Migrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint follows the whole changelog tree and every setting that changes the result, and nothing else. */
class LiquibaseFingerprintTest {

    @TempDir
    Path work;

    private static String fp(Path master) {
        return LiquibaseMigrations.changelog(master).build().fingerprint();
    }

    @Test
    void editingAnyFileOfTheTreeChangesTheKeyAndRevertingRestoresIt() throws Exception {
        Path master = Changelogs.tree(work);
        Path dir = master.getParent();
        String original = fp(master);
        assertThat(fp(master)).as("stable").isEqualTo(original);
        Set<String> seen = new HashSet<>();
        seen.add(original);
        for (String file : List.of("tags.yaml", "more/001-seed.sql", "more/002-notes.json", "data/more-items.sql", "master.xml")) {
            Path f = dir.resolve(file);
            String text = Files.readString(f);
            Files.writeString(f, text + "\n");
            assertThat(seen.add(fp(master))).as("editing %s gives a new key", file).isTrue();
            Files.writeString(f, text);
            assertThat(fp(master)).as("reverting %s", file).isEqualTo(original);
        }
    }

    @Test
    void anIncludedFileThatChangesOnlyAContextChangesTheKey() throws Exception {
        // contexts are not part of Liquibase's checksum; the raw bytes of the included file are part of ours
        Path master = Changelogs.tree(work);
        Path seed = master.resolveSibling("more/001-seed.sql");
        String original = fp(master);
        Files.writeString(seed, Files.readString(seed).replace("context:demo", "context:other"));
        assertThat(fp(master)).isNotEqualTo(original);
    }

    @Test
    void addingOrRemovingAFileOfAnIncludeAllDirectoryChangesTheKey() throws Exception {
        Path master = Changelogs.tree(work);
        String original = fp(master);
        Path added = master.resolveSibling("more/003-added.sql");
        Changelogs.write(added, "--liquibase formatted sql\n--changeset zoe:added\nCREATE TABLE added (id INT);\n");
        String withAdded = fp(master);
        assertThat(withAdded).isNotEqualTo(original);
        Files.delete(added);
        assertThat(fp(master)).isEqualTo(original);
        Files.move(master.resolveSibling("more/002-notes.json"), work.resolve("away.json"));
        assertThat(fp(master)).isNotEqualTo(original).isNotEqualTo(withAdded);
    }

    @Test
    void contextsLabelsParametersAndTheLiquibaseVersionArePartOfTheKey() {
        Path changelog = Changelogs.formattedSql(work);
        Set<String> keys = new HashSet<>();
        keys.add(LiquibaseMigrations.changelog(changelog).build().fingerprint());
        keys.add(LiquibaseMigrations.changelog(changelog).contexts("test").build().fingerprint());
        keys.add(LiquibaseMigrations.changelog(changelog).labels("core").build().fingerprint());
        keys.add(LiquibaseMigrations.changelog(changelog).parameter("greeting", "hello").build().fingerprint());
        keys.add(LiquibaseMigrations.changelog(changelog).parameter("greeting", "hi").build().fingerprint());
        LiquibaseConfig config = new LiquibaseConfig(changelog.toAbsolutePath(), List.of(changelog.toAbsolutePath().getParent()),
                "", "", new TreeMap<>());
        keys.add(LiquibaseMigrator.of(config, "4.0.0-not-this-one").fingerprint());
        assertThat(keys).hasSize(6);
        assertThat(LiquibaseMigrator.of(config).fingerprint())
                .isEqualTo(LiquibaseMigrations.changelog(changelog).build().fingerprint());
    }

    @Test
    void settingsReachTheMigratorThroughTheProvider() {
        Path changelog = Changelogs.formattedSql(work);
        LiquibaseMigratorProvider provider = new LiquibaseMigratorProvider();
        Migrator fromSettings = provider.create(changelog, Map.of("liquibase-contexts", "test", "liquibase-labels", "core",
                "liquibase-parameters-greeting", "hello", "sqlite-busy-timeout", "10"));
        Migrator fromCode = LiquibaseMigrations.changelog(changelog).contexts("test").labels("core")
                .parameter("greeting", "hello").build();
        assertThat(fromSettings.fingerprint()).isEqualTo(fromCode.fingerprint());
        assertThat(fromSettings.id()).isEqualTo("liquibase");
        Migrator wider = provider.create(changelog, Map.of("liquibase-search-path", work.toString()));
        assertThat(wider.fingerprint()).as("the changelog's path is part of the key")
                .isNotEqualTo(LiquibaseMigrations.changelog(changelog).build().fingerprint())
                .isEqualTo(LiquibaseMigrations.changelog(changelog).searchPath(List.of(work)).build().fingerprint());
        assertThat(fromSettings.describe()).isEqualTo("Liquibase changelog " + changelog.toAbsolutePath()
                + " (4 changesets in 1 file)");
    }

    @Test
    void pathsAreRelativeToTheEnclosingResourcesDirectoryLikeOnTheClassPath() {
        Path master = work.resolve("src/main/resources/db/changelog/master.yaml");
        assertThat(LiquibaseMigrations.roots(master, List.of())).containsExactly(work.resolve("src/main/resources"));
        assertThat(LiquibaseMigrations.roots(work.resolve("target/test-classes/db/changelog/master.yaml"), List.of()))
                .containsExactly(work.resolve("target/test-classes"));
        assertThat(LiquibaseMigrations.roots(work.resolve("build/resources/main/db/changelog/master.yaml"), List.of()))
                .containsExactly(work.resolve("build/resources/main"));
        Path loose = work.resolve("elsewhere/master.yaml");
        assertThat(LiquibaseMigrations.roots(loose, List.of())).containsExactly(work.resolve("elsewhere"));
    }

    @Test
    void aSearchPathWithoutTheChangelogIsRefused() throws Exception {
        Path changelog = Changelogs.formattedSql(work);
        Path other = Files.createDirectories(work.resolve("other"));
        assertThatThrownBy(() -> LiquibaseMigrations.changelog(changelog).searchPath(List.of(other)).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("no Liquibase search path entry holds the changelog, "
                            + changelog.toAbsolutePath() + " not under [" + other + "], add the directory the changelog "
                            + "paths are relative to to pristine.liquibase.search-path");
                });
    }

    @Test
    void aChangelogLiquibaseCannotParseFailsAsAMigrationNamingTheFile() throws Exception {
        Path master = Changelogs.tree(work);
        Files.writeString(master, Files.readString(master).replace("tags.yaml", "missing.yaml"));
        assertThatThrownBy(() -> LiquibaseMigrations.changelog(master).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.getMessage()).startsWith("Liquibase cannot read the changelog: ")
                            .contains("missing.yaml", ", " + master + ", fix the changelog (or its includes)");
                });
    }

    @Test
    void aMissingChangelogIsAConfigurationError() {
        Path missing = work.resolve("nope.xml");
        assertThatThrownBy(() -> LiquibaseMigrations.changelog(missing).build())
                .isInstanceOfSatisfying(PristineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("the Liquibase changelog is not a file, " + missing
                            + ", point pristine.migrations / --migrations at your master changelog (e.g. db.changelog-master.xml)");
                });
    }
}
