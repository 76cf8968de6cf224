package dev.pristine.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.testkit.CountingMigratorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty parallel tests on the real Chinook database (11 tables, ~15,600 rows), each inserting the same
 * new artist: all pass, and the 600 KB script runs once. Runs in the {@code fixtures} profile only, which
 * sets {@code pristine.fixtures}; without it this test fails, on purpose.
 */
class ChinookFixtureIT {

    @TempDir
    Path stateDir;

    @TempDir
    Path migrations;

    @Test
    void fiftyParallelTestsOnChinookEachGetTheirOwnCopyAndTheScriptRunsOnce() throws Exception {
        String fixtures = System.getProperty("pristine.fixtures", "");
        assertThat(fixtures).as("system property pristine.fixtures (set by the fixtures profile: mvn -Pfixtures)")
                .isNotBlank();
        Path script = Path.of(fixtures, "chinook", "Chinook_Sqlite.sql");
        assertThat(script).as("the Chinook SQLite script under pristine.fixtures").isRegularFile();
        Files.copy(script, migrations.resolve("V1__chinook.sql"));
        CountingMigratorProvider.MIGRATIONS.set(0);
        Map<String, String> parameters = Runs.parallel(stateDir);
        parameters.put("pristine.migrations", migrations.toString());

        Runs.run(parameters, Artists.class).testEvents()
                .assertStatistics(stats -> stats.started(50).succeeded(50).failed(0));

        assertThat(CountingMigratorProvider.MIGRATIONS).hasValue(1);
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }

    static class Artists {
        @PristineDatabase(migrator = "counting")
        DataSource db;

        @RepeatedTest(50)
        void insertsTheSameNewArtistAndReadsTheWholeCatalogue() throws Exception {
            assertThat(Runs.count(db, "SELECT count(*) FROM Artist")).isEqualTo(275);
            assertThat(Runs.count(db, "SELECT count(*) FROM Album JOIN Artist USING (ArtistId)")).isEqualTo(347);
            assertThat(Runs.count(db, "SELECT count(*) FROM Track JOIN Album USING (AlbumId)")).isEqualTo(3503);
            assertThat(Runs.count(db, "SELECT count(*) FROM InvoiceLine")).isEqualTo(2240);

            Runs.update(db, "INSERT INTO Artist (ArtistId, Name) VALUES (276, 'Pristine Quartet')");

            assertThat(Runs.count(db, "SELECT count(*) FROM Artist")).isEqualTo(276);
        }
    }
}
