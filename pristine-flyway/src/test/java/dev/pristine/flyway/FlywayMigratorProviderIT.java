package dev.pristine.flyway;

import static dev.pristine.flyway.Fixtures.builder;
import static dev.pristine.flyway.Fixtures.column;
import static dev.pristine.flyway.Fixtures.standard;
import static dev.pristine.flyway.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --migrations DIR --migrator flyway}: the provider, found by ServiceLoader, with its settings. */
class FlywayMigratorProviderIT {

    @TempDir
    Path state;

    @TempDir
    Path dir;

    private final FlywayMigratorProvider provider = new FlywayMigratorProvider();

    @Test
    void namedMigratorWithPlaceholderProperties() {
        standard(dir);
        write(dir, "V3__more_settings.sql", "insert into settings values ('x', '${x}');\n"
                + "insert into settings values ('table', '${table_name}');\n");
        try (Pristine pristine = builder(state).migrations(dir).migrator("flyway")
                .property("flyway.placeholders.owner", "carol")
                .property("flyway.placeholders.x", "y")
                .property("flyway.placeholders.table_name", "people").build();
                TestDatabase db = pristine.acquire("provider")) {
            assertThat(column(db.dataSource(), "select v from settings order by k"))
                    .containsExactly("carol", "people", "y");
            assertThat(column(db.dataSource(), "select count(*) from people_names")).containsExactly("2");
            assertThat(pristine.describe()).contains("Flyway 13.12.1 migrations [filesystem:" + dir + "] (4 SQL)");
        }
    }

    @Test
    void detectScoresDirectoriesWithFlywayConfiguration(@TempDir Path conf, @TempDir Path toml) {
        standard(dir);
        write(conf, "flyway.conf", "flyway.table=history\n");
        write(toml, "flyway.toml", "[flyway]\ntable = \"history\"\n");
        assertThat(provider.id()).isEqualTo("flyway");
        assertThat(provider.detect(dir)).isZero();
        assertThat(provider.detect(dir.resolve("V1__create_people.sql"))).isZero();
        assertThat(provider.detect(conf)).isEqualTo(20);
        assertThat(provider.detect(toml)).isEqualTo(20);
        assertThat(provider.detect(conf.resolve("flyway.conf"))).isEqualTo(20);
        assertThat(provider.detect(dir.resolve("missing"))).isZero();
    }

    @Test
    void detectionPicksFlywayForADirectoryWithFlywayConf(@TempDir Path plain) {
        standard(dir);
        write(dir, "flyway.conf", "flyway.placeholders.owner=dave\nflyway.url=jdbc:sqlite:/nowhere.db\n"
                + "flyway.password=hunter2-secret\n");
        try (Pristine pristine = builder(state).migrations(dir).build(); TestDatabase db = pristine.acquire("detected")) {
            assertThat(pristine.describe()).contains("with Flyway 13.12.1 migrations").doesNotContain("hunter2-secret");
            assertThat(column(db.dataSource(), "select v from settings where k = 'owner'")).containsExactly("dave");
        }
        write(plain, "V1__t.sql", "create table t (id integer);\n");
        try (Pristine pristine = builder(state).migrations(plain).build()) {
            assertThat(pristine.describe()).doesNotContain("Flyway");
        }
    }

    @Test
    void propertiesOverrideFlywayConf() {
        standard(dir);
        write(dir, "flyway.conf", "flyway.table=conf_history\nflyway.placeholders.owner=dave\n");
        try (Pristine pristine = builder(state).migrations(dir).property("flyway.table", "prop_history").build();
                TestDatabase db = pristine.acquire("override")) {
            assertThat(column(db.dataSource(), "select count(*) from prop_history")).containsExactly("3");
            assertThat(column(db.dataSource(),
                    "select count(*) from sqlite_master where name in ('conf_history', 'flyway_schema_history')"))
                    .containsExactly("0");
        }
    }

    @Test
    void flywayTomlLocationsAreRelativeToItsDirectory() {
        standard(dir.resolve("sql"));
        write(dir, "flyway.toml", """
                [environments.default]
                url = "jdbc:sqlite:/nowhere.db"
                password = "hunter2-secret"

                [flyway]
                locations = [
                  "filesystem:sql",   # next to this file
                ]
                table = 'toml_history'

                [flyway.placeholders]
                owner = "erin"
                """);
        try (Pristine pristine = builder(state).migrations(dir).build(); TestDatabase db = pristine.acquire("toml")) {
            assertThat(pristine.describe()).contains("[filesystem:" + dir.resolve("sql") + "]");
            assertThat(column(db.dataSource(), "select v from settings where k = 'owner'")).containsExactly("erin");
            assertThat(column(db.dataSource(), "select count(*) from toml_history")).containsExactly("3");
        }
    }

    @Test
    void settingsThatChangeTheOutcomeChangeTheKey() {
        standard(dir);
        String plain = provider.create(dir, Map.of("flyway-placeholders-owner", "alice")).fingerprint();
        assertThat(provider.create(dir, Map.of("flyway-placeholders-owner", "alice")).fingerprint()).isEqualTo(plain);
        assertThat(provider.create(dir, Map.of("flyway-placeholders-owner", "bob")).fingerprint()).isNotEqualTo(plain);
        assertThat(provider.create(dir, Map.of("flyway-placeholders-owner", "alice", "flyway-schemas", "app"))
                .fingerprint()).isNotEqualTo(plain);
        assertThat(provider.create(dir, Map.of("flyway-placeholders-owner", "alice", "flyway-table", "h"))
                .fingerprint()).isNotEqualTo(plain);
        assertThat(provider.create(dir, Map.of("flyway-placeholders-owner", "alice", "flyway-baseline-on-migrate",
                "true")).fingerprint()).isNotEqualTo(plain);
        assertThat(provider.create(dir, Map.of("flyway-placeholders-owner", "alice", "engine", "sqlite"))
                .fingerprint()).isEqualTo(plain);
    }

    @Test
    void unknownSettingIsRefusedWithTheList() {
        standard(dir);
        PristineException e = catchThrowableOfType(PristineException.class,
                () -> provider.create(dir, Map.of("flyway-colour", "blue")));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).startsWith("unknown Flyway setting, pristine.flyway.colour, use one of "
                + "pristine.flyway.locations, schemas, defaultSchema, ")
                .endsWith(", placeholders.<name>; put others in flyway.conf or use FlywayMigrations.of(...)");
    }

    @Test
    void connectionSettingsAreRefused() {
        standard(dir);
        PristineException e = catchThrowableOfType(PristineException.class,
                () -> provider.create(dir, Map.of("flyway-url", "jdbc:sqlite:/x.db")));
        assertThat(e.getMessage()).isEqualTo("Flyway connection settings are not used by Pristine, pristine.flyway.url, "
                + "remove it: Pristine creates each database and hands Flyway its connection");
    }

    @Test
    void invalidValueIsAConfigurationError() {
        standard(dir);
        PristineException e = catchThrowableOfType(PristineException.class,
                () -> provider.create(dir, Map.of("flyway-baseline-on-migrate", "maybe")));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("invalid Flyway setting: Invalid value for flyway.baselineOnMigrate "
                + "(should be either true or false): maybe, " + dir
                + ", fix it in flyway.conf / flyway.toml or in the pristine.flyway.* settings");
    }

    @Test
    void missingLocationsAreConfigurationErrors() {
        Path missing = dir.resolve("nope");
        PristineException fs = catchThrowableOfType(PristineException.class,
                () -> FlywayMigrations.locations("filesystem:" + missing));
        assertThat(fs.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(fs.getMessage()).isEqualTo("Flyway location does not exist, " + missing
                + ", create the directory or fix the location (filesystem:DIR or classpath:PACKAGE/PATH)");

        PristineException cp = catchThrowableOfType(PristineException.class,
                () -> FlywayMigrations.locations("classpath:db/flyway-classpath", "classpath:db/nope").fingerprint());
        assertThat(cp.getMessage()).isEqualTo("Flyway location not found on the class path, classpath:db/nope, "
                + "check the location's spelling and that its resources are on the test class path "
                + "(src/test/resources or src/main/resources)");

        PristineException dirMissing = catchThrowableOfType(PristineException.class,
                () -> provider.create(missing, Map.of()));
        assertThat(dirMissing.getMessage()).isEqualTo("Flyway migrations location does not exist, " + missing
                + ", point --migrations / pristine.migrations at the directory that holds V1__*.sql (and flyway.conf)");
    }

    @Test
    void aLocationWithoutMigrationsIsAConfigurationError() {
        write(dir, "README.md", "migrations go here\n");
        PristineException e = catchThrowableOfType(PristineException.class,
                () -> FlywayMigrations.directory(dir).fingerprint());
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("no Flyway migrations found, [filesystem:" + dir
                + "], put migrations named like V1__create_tables.sql in a location, or fix flyway.locations");
    }

    @Test
    void classpathLocationsWork() {
        try (Pristine pristine = builder(state).migrator(FlywayMigrations.locations("classpath:db/flyway-classpath"))
                .build(); TestDatabase db = pristine.acquire("classpath")) {
            assertThat(column(db.dataSource(), "select name from people order by id")).containsExactly("Ada", "Grace");
        }
    }
}
