package dev.pristine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class KeptDatabaseTest {

    /** A lease as an engine hands it out; only its id and URL are read. */
    private record Lease(String id, String jdbcUrl) implements TestDatabase {
        @Override
        public String key() {
            return "k";
        }

        @Override
        public String user() {
            return "app";
        }

        @Override
        public String password() {
            return "hunter2";
        }

        @Override
        public DataSource dataSource() {
            throw new UnsupportedOperationException("not connected in this test");
        }

        @Override
        public void keep(Duration duration) {}

        @Override
        public void close() {}
    }

    @Test
    void theAnnouncementNamesTheIdTheMaskedUrlAndTheCommandThatDropsIt() {
        KeptDatabase kept = KeptDatabase.of(new Lease("pristine_ordertest_fails_ab12cd34",
                "jdbc:postgresql://127.0.0.1:5432/pristine_ordertest_fails_ab12cd34?user=app&password=hunter2"),
                "OrderTest.fails", true, Cleanup.ON_SUCCESS, Instant.parse("2026-11-28T10:00:00Z"));

        assertThat(kept.line()).isEqualTo("Kept database pristine_ordertest_fails_ab12cd34 of OrderTest.fails "
                + "(failed, cleanup on_success) until 2026-11-28T10:00:00Z: jdbc:postgresql://127.0.0.1:5432/"
                + "pristine_ordertest_fails_ab12cd34?user=app&password=****; "
                + "`./pristine release pristine_ordertest_fails_ab12cd34` drops it sooner");
        assertThat(kept.entries()).containsExactly(
                entry("pristine.kept", "pristine_ordertest_fails_ab12cd34"),
                entry("pristine.kept.url", "jdbc:postgresql://127.0.0.1:5432/pristine_ordertest_fails_ab12cd34"
                        + "?user=app&password=****"),
                entry("pristine.kept.until", "2026-11-28T10:00:00Z"),
                entry("pristine.kept.drop", "./pristine release pristine_ordertest_fails_ab12cd34"));
    }

    @Test
    void withoutALoggingBackendTheAnnouncementGoesToStderr() {
        // pristine-core's tests have no SLF4J provider, as a user's build without one: SLF4J falls back to NOP
        KeptDatabase kept = KeptDatabase.of(new Lease("pristine_t_x1", "jdbc:sqlite:/tmp/pristine_t_x1.db"), "T.fails",
                true, Cleanup.ON_SUCCESS, Instant.parse("2026-11-28T10:00:00Z"));
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            kept.log();
        } finally {
            System.setErr(stderr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("pristine: Kept database pristine_t_x1 of "
                + "T.fails (failed, cleanup on_success) until 2026-11-28T10:00:00Z: jdbc:sqlite:/tmp/pristine_t_x1.db; "
                + "`./pristine release pristine_t_x1` drops it sooner" + System.lineSeparator());
    }

    private static Map.Entry<String, String> entry(String key, String value) {
        return Map.entry(key, value);
    }
}
