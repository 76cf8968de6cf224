package dev.pristine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chinook ({@code ../shared/fixtures/chinook/Chinook_PostgreSql.sql}) on the embedded server: the published
 * script, with its {@code DROP DATABASE}/{@code CREATE DATABASE}/{@code \c} prologue stripped as the
 * fixture README says, builds a template; 20 parallel leases each see all of it and none sees another's
 * writes. Runs in the {@code fixtures} profile only.
 */
class ChinookFixtureIT {

    private static final int LEASES = 20;

    @TempDir
    Path work;

    /** Chinook_PostgreSql.sql, copied into a migrations directory; with or without its database-switching prologue. */
    static Path chinook(Path work, boolean stripPrologue) throws IOException {
        String fixtures = System.getProperty("pristine.fixtures", "");
        assertThat(fixtures).as("system property pristine.fixtures (set by the fixtures profile)").isNotBlank();
        String sql = Files.readString(Path.of(fixtures, "chinook", "Chinook_PostgreSql.sql"));
        if (stripPrologue) {
            sql = sql.replaceAll("(?m)^(DROP DATABASE IF EXISTS chinook;|CREATE DATABASE chinook;|\\\\c chinook;)$", "");
        }
        Path dir = work.resolve(stripPrologue ? "chinook" : "chinook-as-published");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("V1__chinook.sql"), sql);
        return dir;
    }

    private Pristine pristine(Path migrations) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", "postgres");
        s.put("state-dir", work.resolve("state").toString());
        s.put("migrations", migrations.toString());
        s.put("pool-size", "4");
        s.put("background-threads", "2");
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build();
    }

    @Test
    void twentyParallelLeasesEachSeeAllOfChinookAndNoneSeesAnothersWrites() throws Exception {
        try (Pristine p = pristine(chinook(work, true))) {
            assertThat(p.prepare().built()).isTrue();
            CyclicBarrier written = new CyclicBarrier(LEASES);
            ExecutorService pool = Executors.newFixedThreadPool(LEASES);
            try {
                List<Future<long[]>> results = new ArrayList<>();
                for (int i = 0; i < LEASES; i++) {
                    int n = i;
                    results.add(pool.submit(() -> {
                        try (TestDatabase db = p.acquire("chinook.lease" + n);
                                Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                            long tracks = count(s, "SELECT count(*) FROM track");
                            long lines = count(s, "SELECT count(*) FROM invoice_line");
                            s.execute("INSERT INTO genre (genre_id, name) VALUES (" + (1000 + n) + ", 'lease " + n + "')");
                            s.execute("DELETE FROM playlist_track WHERE playlist_id = 1");
                            written.await(2, TimeUnit.MINUTES); // every lease has written before anyone looks
                            long mine = count(s, "SELECT count(*) FROM genre WHERE genre_id = " + (1000 + n));
                            long others = count(s, "SELECT count(*) FROM genre WHERE genre_id >= 1000 AND genre_id <> "
                                    + (1000 + n));
                            return new long[] {tracks, lines, mine, others};
                        }
                    }));
                }
                for (Future<long[]> f : results) {
                    long[] r = f.get(5, TimeUnit.MINUTES);
                    assertThat(r).containsExactly(3503, 2240, 1, 0);
                }
            } finally {
                pool.shutdownNow();
            }
            try (TestDatabase fresh = p.acquire("chinook.after");
                    Connection c = fresh.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM genre")).as("the template is untouched").isEqualTo(25);
                assertThat(count(s, "SELECT count(*) FROM playlist_track WHERE playlist_id = 1")).isEqualTo(3290);
            }
        }
    }

    @Test
    void theScriptAsPublishedIsRefusedNamingFileAndLine() throws Exception {
        try (Pristine p = pristine(chinook(work, false))) {
            assertThatThrownBy(p::prepare).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage()).isEqualTo(
                        "migration V1__chinook.sql line 19: statement switches, creates, alters or drops "
                        + "a database, DROP DATABASE IF EXISTS chinook, remove that line: Pristine creates, names and "
                        + "connects to each database itself");
            });
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
