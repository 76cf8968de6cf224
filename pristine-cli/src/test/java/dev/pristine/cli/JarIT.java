package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar through the {@code ./pristine} wrapper, as a user runs it from the repository root.
 * Runs in the {@code package} phase, after the shade plugin made {@code target/pristine.jar}.
 */
class JarIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theReadmesFirstCommandRunsTheDemoOnTheExampleSchema() {
        Cli.Run run = wrapper(ROOT, "demo", "--leases", "3", "--json");

        JsonNode demo = run.ok();
        assertThat(demo.get("built").asBoolean()).isTrue();
        assertThat(demo.get("leases").asInt()).isEqualTo(3);
        assertThat(demo.get("isolated").asBoolean()).isTrue();
        assertThat(demo.get("tables").asInt()).isPositive();
        assertThat(demo.get("rows").asLong()).isPositive();
        assertThat(demo.get("scratchMillis").asLong()).isPositive();
        assertThat(demo.get("acquireMedianMillis").asDouble()).isPositive();
    }

    @Test
    void withoutTheJarTheWrapperSaysHowToBuildIt() throws IOException {
        Path copy = Files.copy(ROOT.resolve("pristine"), tmp.resolve("pristine"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));

        Cli.Run run = wrapper(tmp, "status");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: pristine-cli/target/pristine.jar is missing, "
                + "build it with: mvn -q install -DskipTests\n");
    }

    private static Cli.Run wrapper(Path dir, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "./pristine";
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PRISTINE_"));
        try {
            return Cli.finish(pb.start());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
