package dev.pristine.cucumber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.CloneStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM killed mid-suite leaves its databases behind as orphans; the next run reaps them when it starts. */
class KilledJvmIT {

    @TempDir
    Path stateDir;

    @TempDir
    Path logs;

    @Test
    void theNextRunReapsTheDatabasesOfAKilledRun() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ChildRun.class.getName()));
        Runs.sequential(stateDir).forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add("features/kill");
        Path stderr = logs.resolve("child.log");
        Process child = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        String leased;
        try {
            leased = awaitLeasedLine(child, stderr);
        } finally {
            child.destroyForcibly();
            // a guard against a hang, not a timing assertion
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        String id = leased.substring("leased ".length());

        assertThat(Runs.clonesIn(stateDir)).as("left behind by the killed JVM").isNotEmpty()
                .allSatisfy(c -> assertThat(c.orphan()).isTrue()).extracting(CloneStatus::id).contains(id)
                .allSatisfy(c -> assertThat(c).startsWith("pristine_"));

        Map<String, String> parameters = Runs.sequential(stateDir);
        Runs.Results next = Runs.run(parameters, "features/config");

        assertThat(next.failed()).as("results: %s", next).isZero();
        assertThat(Runs.clonesIn(stateDir)).as("after the next run").isEmpty();
    }

    private static String awaitLeasedLine(Process child, Path stderr) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("leased pristine_")) {
                return line;
            }
            seen.add(line);
        }
        throw new AssertionError("the child ended without leasing a database; stdout " + seen + "; stderr:\n"
                + Files.readString(stderr));
    }
}
