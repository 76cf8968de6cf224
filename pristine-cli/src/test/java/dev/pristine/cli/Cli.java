package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the CLI (or another main of the test class path) as a real process, like a user's shell would. */
final class Cli {

    static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {}

    /** What a finished process printed, and its exit code. */
    record Run(int exit, String out, String err) {

        /** Stdout parsed as the one JSON object it must be. */
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not one JSON object: " + out + "\nstderr: " + err, e);
            }
        }

        /** Asserts a successful run (exit 0, nothing on stderr but progress lines) and returns its JSON. */
        JsonNode ok() {
            assertThat(exit).as(toString()).isZero();
            // A slow (loaded) machine may print progress lines; nothing else belongs on stderr.
            assertThat(err.lines()).as("stderr of a successful run").allMatch(
                    l -> l.matches("pristine: (building|waiting for another process to build) template .* \\(\\d+s\\)"));
            return json();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    /** Runs {@code pristine ARGS} to the end. */
    static Run run(String... args) {
        return finish(start(Main.class, args));
    }

    /** Runs {@code pristine ARGS} to the end with these environment variables (e.g. {@code PRISTINE_STATE_DIR}). */
    static Run run(Map<String, String> env, String... args) {
        return finish(start(env, Main.class, args));
    }

    /**
     * Starts a main class of the test class path in a JVM tuned for start-up, with the {@code PRISTINE_*}
     * environment of this JVM removed so only the arguments count.
     */
    static Process start(Class<?> main, String... args) {
        return start(Map.of(), main, args);
    }

    /** {@link #start(Class, String...)} with these environment variables added. */
    static Process start(Map<String, String> env, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("PRISTINE_"));
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a process and collects what it printed. */
    static Run finish(Process p) {
        try {
            p.getOutputStream().close();
            // Read both streams while the process runs, so neither pipe fills up and blocks it.
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(p.getErrorStream().readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String out = read(p.getInputStream().readAllBytes());
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("process did not end within 3 minutes; stdout: " + out);
            }
            return new Run(p.exitValue(), out, err.get(1, TimeUnit.MINUTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String read(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Copies the test schema (src/test/resources/schema) into a new directory under {@code parent}. */
    static Path schema(Path parent) {
        try {
            Path source = Path.of(Cli.class.getResource("/schema").toURI());
            Path dir = Files.createDirectories(parent.resolve("migrations"));
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName().toString()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
