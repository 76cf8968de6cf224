package dev.pristine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pristine bench} from the repository root runs target/pristine-bench.jar, the CLI with the bench plugged
 * in. Runs in the {@code package} phase, after the shade plugin made the jar.
 */
class JarIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theWrapperRunsTheBenchFromItsOwnJar() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("./pristine", "bench", "--engine", "sqlite", "--tests", "5", "--workers", "1",
                "--rounds", "1", "--warmup", "0", "--modes", "pristine,raw-clone", "--work-dir", tmp.toString(), "--json")
                .directory(ROOT.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PRISTINE_"));
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("ended").isTrue();
        String stderr = new String(err.get(1, TimeUnit.MINUTES), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(stderr).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.get("engine").asText()).isEqualTo("sqlite");
        assertThat(json.get("tests").asInt()).isEqualTo(5);
        assertThat(json.get("modes").fieldNames()).toIterable().containsExactly("pristine", "raw-clone");
        assertThat(stderr).contains("report: " + tmp.resolve("report.html"));
    }
}
