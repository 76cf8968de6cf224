package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template build that takes more than a second prints a progress line on stderr. The build is made slow
 * for certain, not by hoping: its migrator ({@link GatedMigratorProvider}) waits for a file lock this test
 * holds until it has seen the progress line.
 */
class ProgressIT {

    @TempDir
    Path tmp;

    @Test
    void aSlowBuildPrintsAProgressLineOnStderrAndKeepsStdoutClean() throws Exception {
        Path migrations = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__slow.sql"), "CREATE TABLE t (x INTEGER);\n");
        Process p;
        try (FileChannel gate = FileChannel.open(tmp.resolve("gate.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = gate.lock()) {
            p = Cli.start(Main.class, "prepare", "--migrations", migrations.toString(), "--migrator", "gated",
                    "--state-dir", tmp.resolve("state").toString(), "--json");
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertThat(line).as("first stderr line (null: the process ended without one)")
                    .matches("pristine: building template [0-9a-f]{12} with SQL migrations "
                            + Pattern.quote(migrations.toString()) + " \\(1 file\\) \\(1s\\)");
        }

        Cli.Run run = Cli.finish(p);
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.json().get("built").asBoolean()).isTrue();
    }
}
