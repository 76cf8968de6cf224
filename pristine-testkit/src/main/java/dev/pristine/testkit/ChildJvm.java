package dev.pristine.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@link ContractChild} JVM on the test class path, driven over stdin/stdout. */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts a child in {@code mode} with the given settings; its stderr goes to a file in {@code logDir}. */
    public static ChildJvm start(String mode, Map<String, String> settings, Path logDir) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ContractChild.class.getName(), mode));
        settings.forEach((k, v) -> cmd.add(k + "=" + v));
        try {
            Files.createDirectories(logDir);
            Path err = Files.createTempFile(logDir, "child-" + mode + "-", ".log");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            return new ChildJvm(p, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads stdout until a line starting with {@code prefix}; fails with the child's stderr when it ends first. */
    public String awaitLine(String prefix) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("child ended without printing '" + prefix + "'; stdout " + lines + "; stderr:\n" + stderrText());
    }

    /** Every stdout line read so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Sends one line on the child's stdin. */
    public void send(String line) {
        try {
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the child to end and returns its exit code. */
    public int waitFor() {
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("child did not end within 5 minutes; stderr:\n" + stderrText());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asks the child to end like CI cancelling a run does ({@code SIGTERM}) and returns its exit code. */
    public int terminate() {
        process.toHandle().destroy(); // unlike Process.destroy(), leaves the child's stdin open, as a CI runner would
        return waitFor();
    }

    /** Kills the child like {@code kill -9} and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** What the child wrote to stderr. */
    public String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
