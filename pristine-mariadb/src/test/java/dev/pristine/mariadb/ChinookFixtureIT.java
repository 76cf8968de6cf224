package dev.pristine.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PreparedTemplate;
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
 * Chinook ({@code ../shared/fixtures/chinook/Chinook_MySql.sql}) on the local MariaDB: as published, its
 * {@code DROP DATABASE}/{@code CREATE DATABASE}/{@code USE} prologue is refused with file and line; with
 * the prologue stripped it builds a template whose clones are structurally equal to it, and parallel
 * leases each see all of it and none sees another's writes. Runs in the {@code fixtures} profile only.
 */
class ChinookFixtureIT {

    private static final int LEASES = 6;
    /** Chinook 1.4.5's row counts. */
    private static final Map<String, Integer> ROWS = Map.of("Album", 347, "Artist", 275, "Customer", 59, "Employee", 8,
            "Genre", 25, "Invoice", 412, "InvoiceLine", 2240, "MediaType", 5, "Playlist", 18, "PlaylistTrack", 8715);

    @TempDir
    Path work;

    /** Chinook_MySql.sql copied into a migrations directory, with or without its database-switching prologue. */
    static Path chinook(Path work, boolean stripPrologue) throws IOException {
        String fixtures = System.getProperty("pristine.fixtures", "");
        assertThat(fixtures).as("system property pristine.fixtures (set by the fixtures profile)").isNotBlank();
        String sql = Files.readString(Path.of(fixtures, "chinook", "Chinook_MySql.sql"));
        if (stripPrologue) {
            sql = sql.replaceAll("(?m)^(DROP DATABASE IF EXISTS `Chinook`;|CREATE DATABASE `Chinook`;|USE `Chinook`;)$", "");
        }
        Path dir = work.resolve(stripPrologue ? "chinook" : "chinook-as-published");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("V1__chinook.sql"), sql);
        return dir;
    }

    private Pristine pristine(Path migrations) {
        Map<String, String> s = new LinkedHashMap<>(MariadbTestServer.settings());
        s.put("state-dir", work.resolve("state").toString());
        s.put("migrations", migrations.toString());
        s.put("pool-size", "2");
        s.put("max-clones", String.valueOf(LEASES + 2));
        return Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build();
    }

    @Test
    void thePublishedScriptIsRefusedAtItsDatabaseSwitchingLine() throws Exception {
        try (Pristine p = pristine(chinook(work, false))) {
            assertThatThrownBy(p::prepare).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage()).startsWith(
                        "migration V1__chinook.sql line 19: statement switches, creates, alters or drops "
                        + "a database, DROP DATABASE IF EXISTS `Chinook`");
            });
        }
    }

    @Test
    void clonesAreFaithfulAndParallelLeasesSeeAllOfItInIsolation() throws Exception {
        PreparedTemplate template = null;
        ExecutorService threads = Executors.newFixedThreadPool(LEASES);
        try (Pristine p = pristine(chinook(work, true))) {
            template = p.prepare();
            try (TestDatabase db = p.acquire("chinook.shape"); Connection clone = db.dataSource().getConnection();
                    Connection tpl = MariadbTestServer.connect(template.template())) {
                assertThat(MariadbShape.of(clone)).containsExactlyElementsOf(MariadbShape.of(tpl));
                String orphanLine = "INSERT INTO InvoiceLine (InvoiceLineId, InvoiceId, TrackId, UnitPrice, Quantity) "
                        + "VALUES (99999, 1, 99999, 0.99, 1)";
                SQLException inTemplate = failure(tpl, orphanLine);
                SQLException inClone = failure(clone, orphanLine);
                assertThat(inClone.getErrorCode()).isEqualTo(inTemplate.getErrorCode()).isEqualTo(1452);
                assertThat(inClone.getMessage().replace(db.id(), "<db>").replaceFirst("^\\(conn=\\d+\\) ", ""))
                        .isEqualTo(inTemplate.getMessage().replace(template.template(), "<db>").replaceFirst("^\\(conn=\\d+\\) ", ""));
            }
            long inPlaylist1;
            try (Connection tpl = MariadbTestServer.connect(template.template()); Statement s = tpl.createStatement()) {
                inPlaylist1 = count(s, "SELECT COUNT(*) FROM PlaylistTrack WHERE PlaylistId = 1");
            }
            assertThat(inPlaylist1).isPositive();
            CyclicBarrier together = new CyclicBarrier(LEASES);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < LEASES; i++) {
                int n = i;
                results.add(threads.submit(() -> {
                    try (TestDatabase db = p.acquire("chinook.lease" + n); Connection c = db.dataSource().getConnection();
                            Statement s = c.createStatement()) {
                        together.await(60, TimeUnit.SECONDS);
                        for (Map.Entry<String, Integer> e : ROWS.entrySet()) {
                            assertThat(count(s, "SELECT COUNT(*) FROM `" + e.getKey() + "`")).as("%s in %s", e.getKey(), db.id())
                                    .isEqualTo(e.getValue().longValue());
                        }
                        assertThat(count(s, "SELECT COUNT(*) FROM Track")).isEqualTo(3503);
                        s.execute("INSERT INTO Genre (GenreId, Name) VALUES (" + (1000 + n) + ", 'lease " + n + "')");
                        s.execute("DELETE FROM PlaylistTrack WHERE PlaylistId = 1");
                        together.await(60, TimeUnit.SECONDS); // every lease has written before any looks
                        assertThat(count(s, "SELECT COUNT(*) FROM Genre WHERE GenreId >= 1000")).as("only its own genre").isEqualTo(1);
                        assertThat(count(s, "SELECT COUNT(*) FROM PlaylistTrack")).isEqualTo(8715 - inPlaylist1);
                        return db.id();
                    }
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : results) {
                ids.add(f.get(5, TimeUnit.MINUTES));
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(LEASES);
            try (Connection tpl = MariadbTestServer.connect(template.template()); Statement s = tpl.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM Genre")).as("the template is untouched").isEqualTo(25);
                assertThat(count(s, "SELECT COUNT(*) FROM PlaylistTrack")).isEqualTo(8715);
            }
        } finally {
            threads.shutdownNow();
            MariadbTestServer.dropTemplate(template);
        }
    }

    private static SQLException failure(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected a failure of " + sql);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
