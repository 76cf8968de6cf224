package dev.pristine.cli;

import dev.pristine.BuildListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prints a progress line on stderr every {@code interval} (after the first) while this process waits for
 * another one's template build or builds a template itself, e.g.
 * {@code pristine: building template 3f2a9c81d0e4 with SQL migrations db (3 files) (4s)}. Quick
 * builds print nothing. The ticker is a daemon thread, started on the first build event.
 *
 * <p>Thread-safe.
 */
final class Progress implements BuildListener, AutoCloseable {

    private final PrintStream err;
    private final Masking masking;
    private final long intervalMillis;
    private ScheduledExecutorService ticker;
    private ScheduledFuture<?> task;

    Progress(PrintStream err, Masking masking, Duration interval) {
        this.err = err;
        this.masking = masking;
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public void waiting(String key) {
        start("waiting for another process to build template " + shortKey(key));
    }

    @Override
    public void building(String key, String migrator) {
        start("building template " + shortKey(key) + " with " + migrator);
    }

    @Override
    public void ready(String key, boolean built, long millis) {
        stop();
    }

    /** Whether a progress line is due to be printed. */
    synchronized boolean ticking() {
        return task != null;
    }

    private synchronized void start(String what) {
        stop();
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pristine-progress");
                t.setDaemon(true);
                return t;
            });
        }
        long t0 = System.nanoTime();
        String line = masking.mask("pristine: " + what);
        task = ticker.scheduleAtFixedRate(() -> err.println(line + " (" + (System.nanoTime() - t0) / 1_000_000_000L + "s)"),
                intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /** Stops printing; call it also when the build failed (then {@link #ready} never comes). */
    @Override
    public synchronized void close() {
        stop();
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private static String shortKey(String key) {
        return key.length() > 12 ? key.substring(0, 12) : key;
    }
}
