package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintStream err = new PrintStream(new LineSink(lines), true, StandardCharsets.UTF_8);

    @Test
    void tellsWhileWaitingForAnotherProcessAndStopsWhenReady() throws InterruptedException {
        String key = "3f2a9c81d0e4" + "0".repeat(52);
        try (Progress progress = new Progress(err, Masking.of(List.of()), Duration.ofMillis(20))) {
            progress.waiting(key);
            assertThat(lines.poll(1, TimeUnit.MINUTES))
                    .matches("pristine: waiting for another process to build template 3f2a9c81d0e4 \\(\\d+s\\)");
            assertThat(progress.ticking()).isTrue();

            progress.ready(key, false, 25);
            assertThat(progress.ticking()).isFalse();
        }
    }

    @Test
    void masksWhatTheMigratorDescribes() throws InterruptedException {
        try (Progress progress = new Progress(err, Masking.of(List.of("s3cret")), Duration.ofMillis(20))) {
            progress.building("abc", "Flyway jdbc:x://u:s3cret@h/db");
            assertThat(lines.poll(1, TimeUnit.MINUTES))
                    .matches("pristine: building template abc with Flyway jdbc:x://u:\\*\\*\\*\\*@h/db \\(\\d+s\\)");
        }
    }

    /** Collects printed lines. */
    private static final class LineSink extends OutputStream {
        private final LinkedBlockingQueue<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(LinkedBlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
