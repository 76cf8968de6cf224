package dev.pristine.flyway;

import static dev.pristine.flyway.Fixtures.column;
import static dev.pristine.flyway.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java migrations with the same name and different code: compiled here, so only their bytes differ.
 * Covers scanned classes, {@code javaMigrations(...)} instances and code that lives in an anonymous class.
 */
class JavaMigrationBytesIT {

    private static final String SOURCE = """
            package gen;

            import java.sql.Statement;
            import org.flywaydb.core.api.migration.BaseJavaMigration;
            import org.flywaydb.core.api.migration.Context;

            public class V2__AddPerson extends BaseJavaMigration {
                @Override
                public void migrate(Context context) throws Exception {
                    String name = new Object() {
                        String value() {
                            return "%s";
                        }
                    }.value();
                    try (Statement st = context.getConnection().createStatement()) {
                        st.execute("insert into people(name) values ('" + name + "')");
                    }
                }
            }
            """;

    @TempDir
    static Path work;

    private static Path sql;
    private static Path duke;
    private static Path tux;
    private static Path dukeAgain;

    @TempDir
    Path state;

    @BeforeAll
    static void compileThreeVersions() {
        sql = work.resolve("sql");
        write(sql, "V1__create_people.sql", "create table people (id integer primary key, name text not null);\n");
        duke = compile("duke", "Duke");
        tux = compile("tux", "Tux");
        dukeAgain = compile("duke-again", "Duke");
    }

    @Test
    void scannedJavaMigrationBytesChangeTheFingerprintAndRevertRestoresIt() {
        String first = fingerprint(scanning(sql, duke));
        assertThat(first).isNotEqualTo(fingerprint(scanning(sql, tux))).isEqualTo(fingerprint(scanning(sql, dukeAgain)));
    }

    @Test
    void givenJavaMigrationInstancesAreHashedByTheirBytesIncludingAnonymousClasses()
            throws ReflectiveOperationException {
        // the name is a literal in the anonymous class: the outer class's bytes are the same in all three
        String first = fingerprint(given(sql, duke));
        assertThat(first).isNotEqualTo(fingerprint(given(sql, tux))).isEqualTo(fingerprint(given(sql, dukeAgain)));
    }

    @Test
    void theCompiledMigrationRunsInTheTemplate() {
        FluentConfiguration config = scanning(sql, tux);
        try (Pristine pristine = Fixtures.builder(state).migrator(FlywayMigrations.of(config)).build();
                TestDatabase db = pristine.acquire("compiled")) {
            assertThat(column(db.dataSource(), "select name from people")).containsExactly("Tux");
        }
    }

    private static String fingerprint(FluentConfiguration config) {
        return FlywayMigrations.of(config).fingerprint();
    }

    private static FluentConfiguration scanning(Path sql, Path classes) {
        return Flyway.configure(loader(classes)).locations("filesystem:" + sql, "classpath:gen");
    }

    private static FluentConfiguration given(Path sql, Path classes) throws ReflectiveOperationException {
        ClassLoader loader = loader(classes);
        BaseJavaMigration m = (BaseJavaMigration) loader.loadClass("gen.V2__AddPerson").getConstructor().newInstance();
        return Flyway.configure(loader).locations("filesystem:" + sql).javaMigrations(m);
    }

    private static ClassLoader loader(Path classes) {
        try {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, JavaMigrationBytesIT.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles the migration with {@code name} inside its anonymous class; returns the classes directory. */
    private static Path compile(String dir, String name) {
        Path src = write(work.resolve(dir).resolve("src"), "gen/V2__AddPerson.java", SOURCE.formatted(name));
        Path out = work.resolve(dir).resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, "-d", out.toString(), "-cp", flywayJar(), "--release", "17", src.toString());
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private static String flywayJar() {
        try {
            return Path.of(BaseJavaMigration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
