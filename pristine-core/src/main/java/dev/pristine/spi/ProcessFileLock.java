package dev.pristine.spi;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * For file-based engines (SQLite, H2): an exclusive lock across threads (a {@link ReentrantLock} per file) and processes (an OS file lock),
 * released when closed; and shared locks that say "a live process uses this" ({@link #share}, {@link #isShared}).
 * The OS drops the file locks of a process that dies, so a crashed builder never blocks the next one and a
 * crashed user never pins what it used.
 */
public final class ProcessFileLock implements AutoCloseable {

    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    /** Shared locks this JVM holds, with how many handles hold each (the OS lock is per process, not per handle). */
    private static final Map<Path, Shared> SHARED = new HashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessFileLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file} (created if missing), waiting up to {@code timeout}.
     *
     * @throws PristineException with {@code POOL_EXHAUSTED} when the wait timed out
     */
    public static ProcessFileLock acquire(Path file, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath(), p -> new ReentrantLock());
        try {
            if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw timedOut(file, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw timedOut(file, timeout);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long backoff = 5;
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l != null) {
                    return new ProcessFileLock(local, ch, l);
                }
                if (System.nanoTime() > deadline) {
                    throw timedOut(file, timeout);
                }
                // Another process holds the lock: poll with a bounded backoff (FileChannel.lock has no timeout).
                TimeUnit.MILLISECONDS.sleep(backoff);
                backoff = Math.min(backoff * 2, 100);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            local.unlock();
            throw e;
        } catch (InterruptedException e) {
            closeQuietly(ch);
            local.unlock();
            Thread.currentThread().interrupt();
            throw timedOut(file, timeout);
        }
    }

    /**
     * Takes a shared lock on {@code file} (created if missing) for this process, until every handle of this
     * JVM on it is closed; other processes see it with {@link #isShared}. Waits only while another process
     * probes it ({@link #isShared} holds an exclusive lock for an instant). The OS drops the lock of a
     * process that dies.
     *
     * @return a handle that ends this share when closed (closing twice is harmless)
     */
    public static AutoCloseable share(Path file) throws IOException {
        Path path = file.toAbsolutePath();
        synchronized (SHARED) {
            Shared shared = SHARED.get(path);
            if (shared == null) {
                FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                try {
                    ch.lock(0, Long.MAX_VALUE, true);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(ch);
                    throw e;
                }
                shared = new Shared(ch);
                SHARED.put(path, shared);
            }
            shared.handles++;
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                unshare(path);
            }
        };
    }

    private static void unshare(Path path) throws IOException {
        synchronized (SHARED) {
            Shared shared = SHARED.get(path);
            if (shared != null && --shared.handles == 0) {
                SHARED.remove(path);
                shared.channel.close();
            }
        }
    }

    /** Whether any live process, this one included, holds a {@link #share} of {@code file}. */
    public static boolean isShared(Path file) throws IOException {
        Path path = file.toAbsolutePath();
        synchronized (SHARED) {
            if (SHARED.containsKey(path)) {
                return true;
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                FileLock probe = ch.tryLock();
                if (probe == null) {
                    return true;
                }
                probe.release();
                return false;
            } catch (NoSuchFileException e) {
                return false;
            } catch (OverlappingFileLockException e) {
                return true;
            }
        }
    }

    /** A shared lock of this JVM: its channel (closing it releases the lock) and how many handles hold it. */
    private static final class Shared {
        private final FileChannel channel;
        private int handles;

        Shared(FileChannel channel) {
            this.channel = channel;
        }
    }

    private static PristineException timedOut(Path file, Duration timeout) {
        return new PristineException(ErrorCode.POOL_EXHAUSTED,
                "timed out after " + timeout.toMillis() + "ms waiting for another process to build the template",
                file, "wait for that build to finish, or raise pristine.lock-timeout");
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
