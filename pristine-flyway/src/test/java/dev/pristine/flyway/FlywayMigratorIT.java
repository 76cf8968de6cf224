package dev.pristine.flyway;

import static dev.pristine.flyway.Fixtures.builder;
import static dev.pristine.flyway.Fixtures.column;
import static dev.pristine.flyway.Fixtures.standard;
import static dev.pristine.flyway.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pristine.ErrorCode;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.TemplateStatus;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Coordinates;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Flyway on real SQLite through a real {@link Pristine}. */
class FlywayMigratorIT {

    @TempDir
    Path state;

    @TempDir
    Path migrations;

    private FluentConfiguration config() {
        return Flyway.configure().locations("filesystem:" + migrations).placeholders(Map.of("owner", "alice"));
    }

    @Test
    void buildsTemplateFromFlywayDirectoryAndClonesSeeSchemaAndData() {
        standard(migrations);
        try (Pristine pristine = builder(state).migrator(FlywayMigrations.of(config())).build();
                TestDatabase db = pristine.acquire("FlywayMigratorIT.builds")) {
            assertThat(column(db.dataSource(), "select name from people order by id")).containsExactly("Ada", "Grace");
            assertThat(column(db.dataSource(), "select name from people_names")).containsExactly("Ada", "Grace");
            assertThat(column(db.dataSource(), "select v from settings where k = 'owner'")).containsExactly("alice");
            assertThat(column(db.dataSource(),
                    "select script from flyway_schema_history where success = 1 order by installed_rank"))
                    .containsExactly("V1__create_people.sql", "V2__seed_people.sql", "R__people_view.sql");
            assertThat(pristine.describe()).contains("with Flyway 13.12.1 migrations [filesystem:" + migrations + "] (3 SQL)");
        }
    }

    @Test
    void migratesTheTemplateOnceAndClonesAreIndependent() {
        standard(migrations);
        try (Pristine pristine = builder(state).migrator(FlywayMigrations.of(config())).build()) {
            PreparedTemplate first = pristine.prepare();
            PreparedTemplate second = pristine.prepare();
            assertThat(first.built()).isTrue();
            assertThat(second.built()).isFalse();
            assertThat(second.key()).isEqualTo(first.key());
            try (TestDatabase a = pristine.acquire("a"); TestDatabase b = pristine.acquire("b")) {
                column(a.dataSource(), "select count(*) from people");
                try (var c = a.dataSource().getConnection(); var st = c.createStatement()) {
                    st.execute("insert into people(name) values ('only in a')");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(column(a.dataSource(), "select count(*) from people")).containsExactly("3");
                assertThat(column(b.dataSource(), "select count(*) from people")).containsExactly("2");
                assertThat(column(b.dataSource(), "select count(*) from flyway_schema_history")).containsExactly("3");
            }
        }
        try (Pristine again = builder(state).migrator(FlywayMigrations.of(config())).build()) {
            assertThat(again.prepare().built()).isFalse();
        }
    }

    @Test
    void brokenMigrationFailsNamingTheFileAndPublishesNothingUntilFixed() {
        standard(migrations);
        write(migrations, "V3__broken.sql", "create table pets (id integer);\n\ninsert into nosuch values (1);\n");
        String key;
        try (Pristine pristine = builder(state).migrator(FlywayMigrations.of(config())).build()) {
            key = pristine.key();
            PristineException e = catchThrowableOfType(PristineException.class, pristine::prepare);
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.getMessage()).isEqualTo("Flyway migration V3__broken.sql failed at line 3: "
                    + "[SQLITE_ERROR] SQL error or missing database (no such table: nosuch), "
                    + "statement `insert into nosuch values (1)`, "
                    + "fix the migration and run again; no template was published for it");
            assertThat(pristine.status().templates()).extracting(TemplateStatus::key).doesNotContain(key);
        }
        write(migrations, "V3__broken.sql", "create table pets (id integer);\n\ninsert into pets values (1);\n");
        try (Pristine pristine = builder(state).migrator(FlywayMigrations.of(config())).build()) {
            assertThat(pristine.key()).isNotEqualTo(key);
            assertThat(pristine.prepare().built()).isTrue();
            try (TestDatabase db = pristine.acquire("fixed")) {
                assertThat(column(db.dataSource(), "select id from pets")).containsExactly("1");
            }
        }
    }

    @Test
    void failingJavaMigrationNamesTheClassAndTheEngineMessage() {
        write(migrations, "V1__create_people.sql", "create table other (id integer);\n");
        Migrator m = FlywayMigrations.of(Flyway.configure().locations("filesystem:" + migrations,
                "classpath:dev/pristine/flyway/javamigrations/alpha"));
        try (Pristine pristine = builder(state).migrator(m).build()) {
            PristineException e = catchThrowableOfType(PristineException.class, pristine::prepare);
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.getMessage()).startsWith("Flyway migration dev.pristine.flyway.javamigrations.alpha.V3__AddJavaPerson "
                    + "failed: [SQLITE_ERROR] SQL error or missing database (no such table: people), ")
                    .endsWith(", fix the migration and run again; no template was published for it");
        }
    }

    @Test
    void javaMigrationsFromTheClassPathRunInTheTemplate() {
        Migrator m = FlywayMigrations.of(Flyway.configure().locations("classpath:db/flyway-classpath",
                "classpath:dev/pristine/flyway/javamigrations/alpha"));
        try (Pristine pristine = builder(state).migrator(m).build(); TestDatabase db = pristine.acquire("java")) {
            assertThat(column(db.dataSource(), "select name from people order by id")).containsExactly("Ada", "Grace", "Duke");
            assertThat(m.describe()).endsWith("(2 SQL, 1 Java)");
        }
    }

    @Test
    void theTemplateIsBuiltFromTheTextTheKeyWasComputedFrom() {
        standard(migrations);
        Migrator m = FlywayMigrations.of(config());
        String before = m.fingerprint();
        write(migrations, "V2__seed_people.sql", Fixtures.V2 + "insert into people(name) values ('Late edit');\n");
        try (Pristine pristine = builder(state).migrator(m).build(); TestDatabase db = pristine.acquire("snapshot")) {
            assertThat(m.fingerprint()).isEqualTo(before);
            assertThat(column(db.dataSource(), "select name from people order by id")).containsExactly("Ada", "Grace");
        }
        assertThat(FlywayMigrations.of(config()).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void connectionSettingsOfTheUsersConfigurationAreIgnoredAndNeverShown() {
        standard(migrations);
        write(migrations, "V3__broken.sql", "insert into nosuch values (1);\n");
        Path elsewhere = state.resolve("not-the-target.db");
        FluentConfiguration users = config().dataSource("jdbc:sqlite:" + elsewhere, "app", "hunter2-secret");
        try (Pristine pristine = builder(state).migrator(FlywayMigrations.of(users)).build()) {
            PristineException e = catchThrowableOfType(PristineException.class, pristine::prepare);
            assertThat(e.getMessage()).contains("V3__broken.sql").doesNotContain("hunter2-secret");
            assertThat(pristine.describe()).doesNotContain("hunter2-secret").doesNotContain("not-the-target");
        }
        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void scriptConfigurationIsServedFromTheSnapshotAndPartOfTheKey() {
        standard(migrations);
        String without = FlywayMigrations.of(config()).fingerprint();
        write(migrations, "V1__create_people.sql.conf", "placeholderReplacement=false\n");
        Migrator m = FlywayMigrations.of(config());
        assertThat(m.fingerprint()).isNotEqualTo(without);
        try (Pristine pristine = builder(state).migrator(m).build(); TestDatabase db = pristine.acquire("conf")) {
            assertThat(column(db.dataSource(), "select v from settings where k = 'owner'")).containsExactly("${owner}");
        }
    }

    @Test
    void flywayFailuresOutsideOneMigrationAreReportedAsFlywayFailed() {
        standard(migrations);
        write(migrations, "more/V1__again.sql", "select 1;\n");
        try (Pristine pristine = builder(state).migrator(FlywayMigrations.of(config())).build()) {
            PristineException e = catchThrowableOfType(PristineException.class, pristine::prepare);
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.getMessage()).startsWith("Flyway failed: Found more than one migration with version 1 Offenders: -> ")
                    .endsWith(", Flyway 13.12.1 migrations [filesystem:" + migrations + "] (4 SQL), fix the migrations "
                            + "or the Flyway configuration and run again; no template was published for it");
        }
    }

    @Test
    void leavesNoConnectionOpenAfterMigratingOrFailing() throws Exception {
        standard(migrations);
        Migrator m = FlywayMigrations.of(config());
        CountingDataSource ds = new CountingDataSource("jdbc:sqlite:" + state.resolve("direct.db"));
        m.migrate(target(ds));
        assertThat(ds.opened.get()).isPositive();
        assertThat(ds.open.get()).isZero();
        assertThat(column(ds, "select count(*) from people")).containsExactly("2");

        write(migrations, "V3__broken.sql", "insert into nosuch values (1);\n");
        Migrator broken = FlywayMigrations.of(config());
        CountingDataSource failing = new CountingDataSource("jdbc:sqlite:" + state.resolve("failing.db"));
        PristineException e = catchThrowableOfType(PristineException.class, () -> broken.migrate(target(failing)));
        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failing.opened.get()).isPositive();
        assertThat(failing.open.get()).isZero();
    }

    private static MigrationTarget target(CountingDataSource ds) {
        return new MigrationTarget() {
            @Override
            public String engineId() {
                return "sqlite";
            }

            @Override
            public Coordinates coordinates() {
                return new Coordinates("jdbc:sqlite:(counted)", null, null);
            }

            @Override
            public DataSource dataSource() {
                return ds;
            }
        };
    }
}
