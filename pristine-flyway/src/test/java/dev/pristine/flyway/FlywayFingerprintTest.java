package dev.pristine.flyway;

import static dev.pristine.flyway.Fixtures.delete;
import static dev.pristine.flyway.Fixtures.move;
import static dev.pristine.flyway.Fixtures.standard;
import static dev.pristine.flyway.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.flyway.javamigrations.alpha.V3__AddJavaPerson;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint follows every change that changes the outcome, and nothing else; no database needed. */
class FlywayFingerprintTest {

    @TempDir
    Path dir;

    private String original;

    @BeforeEach
    void writeMigrations() {
        standard(dir);
        original = fingerprint();
    }

    private FluentConfiguration config() {
        return Flyway.configure().locations("filesystem:" + dir).placeholders(Map.of("owner", "alice"));
    }

    private String fingerprint() {
        return fingerprint(c -> c);
    }

    private String fingerprint(UnaryOperator<FluentConfiguration> change) {
        return FlywayMigrations.of(change.apply(config())).fingerprint();
    }

    @Test
    void isSha256HexAndStable() {
        assertThat(original).matches("[0-9a-f]{64}");
        assertThat(fingerprint()).isEqualTo(original);
    }

    @Test
    void contentEditChangesItAndRevertRestoresIt() {
        write(dir, "V2__seed_people.sql", Fixtures.V2.replace("Grace", "Grace Hopper"));
        assertThat(fingerprint()).isNotEqualTo(original);
        write(dir, "V2__seed_people.sql", Fixtures.V2);
        assertThat(fingerprint()).isEqualTo(original);
    }

    @Test
    void whitespaceOnlyEditChangesIt() {
        write(dir, "R__people_view.sql", Fixtures.R + "\n");
        assertThat(fingerprint()).isNotEqualTo(original);
    }

    @Test
    void renameChangesItAndRevertRestoresIt() {
        move(dir, "V2__seed_people.sql", "V2__seed_persons.sql");
        assertThat(fingerprint()).isNotEqualTo(original);
        move(dir, "V2__seed_persons.sql", "V2__seed_people.sql");
        assertThat(fingerprint()).isEqualTo(original);
    }

    @Test
    void versionSwapChangesIt() {
        write(dir, "V3__more.sql", "insert into people(name) values ('Linus');\n");
        String three = fingerprint();
        move(dir, "V2__seed_people.sql", "V9__tmp.sql");
        move(dir, "V3__more.sql", "V2__more.sql");
        move(dir, "V9__tmp.sql", "V3__seed_people.sql");
        assertThat(fingerprint()).isNotEqualTo(three).isNotEqualTo(original);
        move(dir, "V3__seed_people.sql", "V9__tmp.sql");
        move(dir, "V2__more.sql", "V3__more.sql");
        move(dir, "V9__tmp.sql", "V2__seed_people.sql");
        assertThat(fingerprint()).isEqualTo(three);
    }

    @Test
    void addingAndDeletingAMigrationChangeIt() {
        write(dir, "V3__more.sql", "insert into people(name) values ('Linus');\n");
        String added = fingerprint();
        assertThat(added).isNotEqualTo(original);
        delete(dir, "V3__more.sql");
        assertThat(fingerprint()).isEqualTo(original);
        delete(dir, "R__people_view.sql");
        assertThat(fingerprint()).isNotEqualTo(original).isNotEqualTo(added);
    }

    @Test
    void subdirectoryMigrationsAndCallbacksCount() {
        write(dir, "more/V3__nested.sql", "insert into people(name) values ('Nested');\n");
        String nested = fingerprint();
        assertThat(nested).isNotEqualTo(original);
        write(dir, "afterMigrate.sql", "insert into settings values ('migrated', 'yes');\n");
        String callback = fingerprint();
        assertThat(callback).isNotEqualTo(nested);
        write(dir, "afterMigrate.sql", "insert into settings values ('migrated', 'no');\n");
        assertThat(fingerprint()).isNotEqualTo(callback);
    }

    @Test
    void placeholderValuesAndSyntaxChangeIt() {
        assertThat(fingerprint(c -> c.placeholders(Map.of("owner", "bob")))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.placeholders(Map.of("owner", "alice", "extra", "x")))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.placeholderPrefix("#{"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.placeholderReplacement(false))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.placeholders(Map.of("owner", "alice")))).isEqualTo(original);
    }

    @Test
    void schemaTableBaselineAndTargetChangeIt() {
        assertThat(fingerprint(c -> c.schemas("app"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.schemas("app", "audit")))
                .isNotEqualTo(fingerprint(c -> c.schemas("audit", "app")));
        assertThat(fingerprint(c -> c.defaultSchema("app"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.table("schema_history"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.baselineOnMigrate(true))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.baselineVersion("5"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.target("1"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.initSql("pragma foreign_keys = on"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.installedBy("ci"))).isNotEqualTo(original);
    }

    @Test
    void namingRulesAndEncodingChangeIt() {
        assertThat(fingerprint(c -> c.sqlMigrationPrefix("M"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.sqlMigrationSuffixes(".sql", ".ddl"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.repeatableSqlMigrationPrefix("RR"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.encoding("ISO-8859-1"))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.outOfOrder(true))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.mixed(true))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.group(true))).isNotEqualTo(original);
        assertThat(fingerprint(c -> c.validateMigrationNaming(true))).isNotEqualTo(original);
    }

    @Test
    void connectionSettingsDoNotChangeIt() {
        assertThat(fingerprint(c -> c.dataSource("jdbc:sqlite:/nowhere/app.db", "app", "secret"))).isEqualTo(original);
        assertThat(fingerprint(c -> c.connectRetries(3))).isEqualTo(original);
    }

    @Test
    void theSameMigrationsInAnotherDirectoryShareTheFingerprint(@TempDir Path other) {
        standard(other);
        String elsewhere = FlywayMigrations.of(Flyway.configure().locations("filesystem:" + other)
                .placeholders(Map.of("owner", "alice"))).fingerprint();
        assertThat(elsewhere).isEqualTo(original);
    }

    @Test
    void javaMigrationClassesChangeIt() {
        String alpha = fingerprint(c -> c.javaMigrations(new V3__AddJavaPerson()));
        String beta = fingerprint(c -> c.javaMigrations(new dev.pristine.flyway.javamigrations.beta.V3__AddJavaPerson()));
        assertThat(alpha).isNotEqualTo(original).isNotEqualTo(beta);
        assertThat(fingerprint(c -> c.javaMigrations(new V3__AddJavaPerson()))).isEqualTo(alpha);
        String scannedAlpha = fingerprint(c -> c.locations("filesystem:" + dir, "classpath:dev/pristine/flyway/javamigrations/alpha"));
        String scannedBeta = fingerprint(c -> c.locations("filesystem:" + dir, "classpath:dev/pristine/flyway/javamigrations/beta"));
        assertThat(scannedAlpha).isNotEqualTo(original).isNotEqualTo(scannedBeta).isNotEqualTo(alpha);
    }
}
