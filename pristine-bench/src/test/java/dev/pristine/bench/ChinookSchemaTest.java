package dev.pristine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --schema chinook} without the real fixtures: prologue stripping, the fixtures folder, usage errors. */
class ChinookSchemaTest {

    private static final String HEADER = """

            /*******************************************************************************
               Chinook Database - Version 1.4.5
            ********************************************************************************/
            """;

    @TempDir
    Path dir;

    @Test
    void thePostgresPrologueIsBlankedLineForLine() {
        String sql = HEADER + """
                DROP DATABASE IF EXISTS chinook;

                CREATE DATABASE chinook;

                \\c chinook;

                CREATE TABLE album
                (
                    album_id INT NOT NULL
                );
                INSERT INTO album (album_id) VALUES (1);
                """;
        String stripped = ChinookSchema.stripPrologue(sql);
        assertThat(stripped).isEqualTo(HEADER + "\n\n\n\n\n\nCREATE TABLE album\n(\n    album_id INT NOT NULL\n);\n"
                + "INSERT INTO album (album_id) VALUES (1);\n");
        assertThat(stripped.lines()).hasSameSizeAs(sql.lines().toList());
    }

    @Test
    void theMysqlPrologueIsBlankedWithItsBackquotes() {
        String sql = HEADER + "DROP DATABASE IF EXISTS `Chinook`;\n\nCREATE DATABASE `Chinook`;\n\nUSE `Chinook`;\n\n"
                + "CREATE TABLE `Album`\n(\n    `AlbumId` INT NOT NULL\n);\n";
        assertThat(ChinookSchema.stripPrologue(sql))
                .isEqualTo(HEADER + "\n\n\n\n\n\nCREATE TABLE `Album`\n(\n    `AlbumId` INT NOT NULL\n);\n");
    }

    @Test
    void theSqliteScriptHasNoPrologueAndOnlyThePrologueIsTouched() {
        String sql = HEADER + "DROP TABLE IF EXISTS [Album];\n\nCREATE TABLE [Album]\n(\n    [AlbumId] INTEGER NOT NULL\n);\n"
                + "USE other;\nCREATE DATABASE later;\n";
        assertThat(ChinookSchema.stripPrologue(sql)).isEqualTo(sql);
    }

    @Test
    void preparedChinookIsOneFlywayMigrationPlusWorkBesideIt() throws Exception {
        Files.createDirectories(dir.resolve("fx/chinook"));
        Files.writeString(dir.resolve("fx/chinook/Chinook_PostgreSql.sql"),
                HEADER + "DROP DATABASE IF EXISTS chinook;\n\\c chinook;\nCREATE TABLE genre (genre_id INT);\n");
        ChinookSchema.Prepared p = ChinookSchema.prepare("postgres",
                new ChinookSchema.Fixtures(dir.resolve("fx"), "--fixtures"), dir.resolve("work"));

        assertThat(p.name()).isEqualTo("chinook 1.4.5");
        assertThat(p.migrations()).isEqualTo(dir.resolve("work/chinook-postgres"));
        try (var files = Files.list(p.migrations())) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("V1__chinook.sql")
                    .allMatch(n -> n.matches("V\\d+(?:[._]\\d+)*__.+\\.sql"), "a Flyway name");
        }
        assertThat(p.migrations().resolve("V1__chinook.sql")).content()
                .isEqualTo(HEADER + "\n\nCREATE TABLE genre (genre_id INT);\n");
        assertThat(p.work()).isEqualTo(dir.resolve("work/chinook-postgres-work.sql"));
        Work work = Work.fromFile(p.work());
        assertThat(work.statements()).hasSize(6).allMatch(s -> s.contains(":id"));
        assertThat(work.statements().get(1)).startsWith("INSERT INTO invoice_line (invoice_line_id, invoice_id, track_id");
        assertThat(Work.fromFile(ChinookSchema.prepare("sqlite", fixturesWith("Chinook_Sqlite.sql"), dir.resolve("w2"))
                .work()).statements().get(1)).startsWith("INSERT INTO InvoiceLine (InvoiceLineId, InvoiceId, TrackId");
    }

    @Test
    void theWorkOnPostgresIsTheSameWorkOnItsSnakeCaseNames() throws Exception {
        Files.writeString(dir.resolve("pascal.sql"), ChinookSchema.WORK);
        Files.writeString(dir.resolve("snake.sql"), ChinookSchema.snakeCase(ChinookSchema.WORK));
        List<String> pascal = Work.fromFile(dir.resolve("pascal.sql")).statements();
        List<String> snake = Work.fromFile(dir.resolve("snake.sql")).statements().stream()
                .map(q -> q.replaceAll("\\s+", " ")).toList();
        assertThat(pascal).hasSize(6);
        assertThat(snake).hasSize(6);
        assertThat(snake.get(3)).isEqualTo("UPDATE invoice SET total = (SELECT SUM(unit_price * quantity) FROM "
                + "invoice_line WHERE invoice_id = :id) WHERE invoice_id = :id");
        assertThat(snake.get(4)).isEqualTo("SELECT i.invoice_id, i.invoice_date, t.name, il.quantity, il.unit_price "
                + "FROM invoice i JOIN invoice_line il ON il.invoice_id = i.invoice_id JOIN track t ON t.track_id = "
                + "il.track_id WHERE i.customer_id = 1 + :id % 59 ORDER BY i.invoice_date DESC, il.invoice_line_id");
    }

    @Test
    void theFixturesFolderIsTheOptionThenThePropertyThenTheEnvironmentThenTheDefault() {
        Path cwd = dir.resolve("main");
        assertThat(ChinookSchema.locate(Path.of("/opt/fx"), "/p", "/e", cwd))
                .isEqualTo(new ChinookSchema.Fixtures(Path.of("/opt/fx"), "--fixtures"));
        assertThat(ChinookSchema.locate(null, "/p", "/e", cwd))
                .isEqualTo(new ChinookSchema.Fixtures(Path.of("/p"), "system property pristine.fixtures"));
        assertThat(ChinookSchema.locate(null, " ", "/e", cwd))
                .isEqualTo(new ChinookSchema.Fixtures(Path.of("/e"), "environment variable PRISTINE_FIXTURES"));
        assertThat(ChinookSchema.locate(null, null, "", cwd)).isEqualTo(new ChinookSchema.Fixtures(
                dir.resolve("shared/fixtures"), "the default ../shared/fixtures of working directory " + cwd));
    }

    @Test
    void aMissingFixturesFolderIsAUsageErrorThatSaysWhereItLookedAndTheFix() {
        Path nowhere = dir.resolve("nowhere");
        Run run = bench("--schema", "chinook", "--fixtures", nowhere.toString(), "--work-dir", dir.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.get(0)).isEqualTo("--schema chinook: no fixtures folder at " + nowhere
                + " (from --fixtures); pass --fixtures DIR (the folder that holds chinook/) or set PRISTINE_FIXTURES");
    }

    @Test
    void aMissingScriptIsAUsageErrorThatNamesTheFileTried() throws Exception {
        Files.createDirectories(dir.resolve("fx/chinook"));
        Run run = bench("--schema", "chinook", "--engine", "mariadb", "--fixtures", dir.resolve("fx").toString(),
                "--work-dir", dir.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.get(0)).isEqualTo("--schema chinook: no Chinook script for mariadb at "
                + dir.resolve("fx/chinook/Chinook_MySql.sql") + " (fixtures folder from --fixtures); pass --fixtures DIR "
                + "(the folder that holds chinook/) or set PRISTINE_FIXTURES");
    }

    @Test
    void chinookWithMigrationsIsAUsageError() {
        Run run = bench("--schema", "chinook", "--migrations", "x", "--work-dir", dir.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.get(0)).isEqualTo("--schema chinook and --migrations x both choose the schema: pass one of them");
    }

    @Test
    void chinookOnH2IsRefusedBeforeAnyFixtureIsLookedFor() {
        Run run = bench("--schema", "chinook", "--engine", "h2", "--fixtures", dir.resolve("nowhere").toString(),
                "--work-dir", dir.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.get(0)).startsWith("--schema chinook does not run on h2: no Chinook script runs on H2 2.x")
                .endsWith("use --engine sqlite, postgres or mariadb, or pass --migrations DIR with a script written for H2");
        assertThatThrownBy(() -> ChinookSchema.script("oracle")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--schema chinook has scripts for sqlite, postgres and mariadb; engine here: oracle");
    }

    @Test
    void anUnknownSchemaIsAUsageError() {
        Run run = bench("--schema", "northwind", "--work-dir", dir.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.get(0)).isEqualTo("unknown --schema 'northwind'; schemas: generated, chinook");
    }

    private ChinookSchema.Fixtures fixturesWith(String script) throws Exception {
        Path fx = dir.resolve("fx-" + script);
        Files.createDirectories(fx.resolve("chinook"));
        Files.writeString(fx.resolve("chinook").resolve(script), HEADER + "CREATE TABLE [Genre] ([GenreId] INTEGER);\n");
        return new ChinookSchema.Fixtures(fx, "--fixtures");
    }

    private record Run(int exit, List<String> err) {}

    /** Runs the command with stderr captured (picocli takes System.err when the command line is built). */
    private static Run bench(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = BenchCommand.execute(args);
        } finally {
            System.setErr(original);
        }
        return new Run(exit, err.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
