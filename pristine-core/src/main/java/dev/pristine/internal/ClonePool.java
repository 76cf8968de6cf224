package dev.pristine.internal;

import dev.pristine.ErrorCode;
import dev.pristine.PoolStats;
import dev.pristine.PristineException;
import dev.pristine.Redact;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Engine;
import dev.pristine.spi.NameTakenException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clones of one template, prepared in the background up to a target number of idle clones, and
 * bounded in total by a cap shared by every pool of a {@code Pristine}. {@code acquire} takes an idle
 * clone (a queue pop and a rename), makes one on the spot when none is idle and the cap allows, or
 * waits for one. Released clones are dropped in the background, or reset in place when the engine can
 * ({@link Engine#resetClone}).
 *
 * <p>When resets work, cost less than a new clone, and tests hold their clones for less time than a
 * new clone takes to make (the pool keeps moving averages of all three), a leased clone counts as one
 * coming back: the pool does not start a new clone that would be ready only after the leased one is
 * reset, and an acquire waits for a reset in flight rather than make a clone itself. Short tests on a
 * server where a clone costs hundreds of milliseconds then cost one reset each instead of one clone and
 * one drop.
 *
 * <p>Thread-safe.
 */
public final class ClonePool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClonePool.class);
    private static final String IDLE_TEST = "(pool)";

    private final Engine engine;
    private final Retry retry;
    private final String key;
    private final int target;
    private final Semaphore capacity;
    private final int maxClones;
    private final ExecutorService background;
    private final ExecutorService dropper;
    private final Function<String, OwnerMarker> ownerFor;
    private final boolean dropLeasedOnClose;
    private final LinkedBlockingDeque<String> idle = new LinkedBlockingDeque<>();
    /** Leased clones by name, with the {@link System#nanoTime} of their lease. */
    private final ConcurrentHashMap<String, Long> leased = new ConcurrentHashMap<>();
    private final AtomicInteger creating = new AtomicInteger();
    private final AtomicInteger dropping = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger recycling = new AtomicInteger();
    private final AtomicInteger handing = new AtomicInteger();
    /** Whether the last reset in place worked. */
    private volatile boolean resets;
    /** Moving averages, in nanoseconds, of making a clone, of holding a lease, and of a reset in place. */
    private final Average createNanos = new Average();
    private final Average holdNanos = new Average();
    private final Average resetNanos = new Average();
    private volatile boolean closed;
    private volatile String lastFailure;
    private final AtomicBoolean warmed = new AtomicBoolean();

    /**
     * @param ownerFor makes the marker of a clone from the test name
     * @param background runs clone creations
     * @param dropper runs drops of released clones, apart from creations so that drops never wait behind them
     * @param capacity permits for the global cap on clones; one is held per clone that exists
     * @param dropLeasedOnClose whether {@link #close()} drops clones still leased (false for leases owned by a TTL)
     */
    public ClonePool(Engine engine, Retry retry, String key, int target, Semaphore capacity, int maxClones,
            ExecutorService background, ExecutorService dropper, Function<String, OwnerMarker> ownerFor,
            boolean dropLeasedOnClose) {
        this.dropper = dropper;
        this.dropLeasedOnClose = dropLeasedOnClose;
        this.engine = engine;
        this.retry = retry;
        this.key = key;
        this.target = target;
        this.capacity = capacity;
        this.maxClones = maxClones;
        this.background = background;
        this.ownerFor = ownerFor;
    }

    /** Starts filling the pool in the background. */
    public void start() {
        fill();
    }

    /**
     * Leases a clone named after {@code test}.
     *
     * @throws PristineException with {@code POOL_EXHAUSTED} when none could be had within {@code timeout}
     */
    public TestDatabase acquire(String test, Duration timeout) {
        if (closed) {
            throw new PristineException(ErrorCode.CONFIGURATION, "acquire on a closed Pristine", test,
                    "do not use a Pristine instance after close()");
        }
        Taken taken = take(test, timeout);
        String finalName = taken.name();
        leased.put(finalName, System.nanoTime());
        if (taken.fromIdle()) {
            handing.decrementAndGet();
        }
        fill();
        return new Lease(this, finalName, key, test);
    }

    /**
     * An idle clone (renamed for the test); or the clone of a reset in flight, when leases are short (see
     * {@link #shortLeases}); or a new one made here when the cap allows; otherwise waits,
     * counted as demand so the background makes one, and keeps trying to make one itself as permits free
     * up, so a waiter never depends on a busy background thread alone.
     */
    private Taken take(String test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean counted = false;
        boolean awaitedReset = false;
        try {
            while (true) {
                String name = pollIdle();
                if (name != null) {
                    return handOut(name, test);
                }
                if (!awaitedReset && recycling.get() > 0 && shortLeases()) {
                    // a reset in flight is expected sooner than a clone made here would be: wait for it,
                    // up to as long as making one takes
                    awaitedReset = true;
                    long wait = Math.min(deadline - System.nanoTime(),
                            Math.min(TimeUnit.SECONDS.toNanos(5), Math.max(createNanos.get(), TimeUnit.MILLISECONDS.toNanos(20))));
                    name = idle.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                    if (name != null) {
                        handing.incrementAndGet();
                        return handOut(name, test);
                    }
                }
                if (capacity.tryAcquire()) {
                    try {
                        return new Taken(create(test), false);
                    } catch (RuntimeException e) {
                        capacity.release();
                        throw e;
                    }
                }
                if (!counted) {
                    counted = true;
                    waiting.incrementAndGet();
                    fill();
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                name = idle.poll(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (name != null) {
                    handing.incrementAndGet();
                    return handOut(name, test);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (counted) {
                waiting.decrementAndGet();
            }
        }
        throw new PristineException(ErrorCode.POOL_EXHAUSTED,
                "acquire for " + test + " timed out after " + timeout.toMillis() + "ms", stats().toString(),
                "release databases you are done with (close() the TestDatabase), or raise pristine.max-clones");
    }

    /** A clone for a test, and whether it came from the idle queue (counted in {@code handing} until leased). */
    private record Taken(String name, boolean fromIdle) {}

    /**
     * An idle clone, counted in {@code handing} before it leaves the queue, so that a refill racing the
     * hand-out never sees it as neither idle nor on its way to a lease.
     */
    private String pollIdle() {
        handing.incrementAndGet();
        String name = idle.poll();
        if (name == null) {
            handing.decrementAndGet();
        }
        return name;
    }

    /** An idle clone (already counted in {@code handing}) on its way to a lease, renamed for the test. */
    private Taken handOut(String name, String test) {
        try {
            return new Taken(relabel(name, test), true);
        } catch (RuntimeException e) {
            handing.decrementAndGet();
            throw e;
        }
    }

    /** The pool's counters and moving averages, read without locking. */
    public PoolStats stats() {
        return new PoolStats(key, idle.size(), leased.size(), creating.get(), waiting.get(), recycling.get(),
                dropping.get(), maxClones, capacity.availablePermits(), Duration.ofNanos(createNanos.get()),
                Duration.ofNanos(resetNanos.get()), Duration.ofNanos(holdNanos.get()), lastFailure);
    }

    private String create(String test) {
        OwnerMarker owner = ownerFor.apply(test);
        for (int attempt = 0; ; attempt++) {
            String name = Names.clone(test, engine.maxNameLength());
            long t0 = System.nanoTime();
            try {
                retry.get("creating a clone", name, () -> {
                    try {
                        engine.createClone(key, name, owner.encode());
                        return null;
                    } catch (NameTakenException e) {
                        throw new NameTaken(e);
                    }
                });
                createNanos.add(System.nanoTime() - t0);
                LOG.debug("Created clone {}", name);
                return name;
            } catch (NameTaken taken) {
                if (attempt > 10) {
                    throw new PristineException(ErrorCode.UNEXPECTED, "no free clone name after 10 tries", name,
                            "clean up the state directory with gc");
                }
            }
        }
    }

    private String relabel(String name, String test) {
        OwnerMarker owner = ownerFor.apply(test);
        for (int attempt = 0; ; attempt++) {
            String newName = Names.clone(test, engine.maxNameLength());
            try {
                return retry.get("renaming a clone", name, () -> {
                    try {
                        return engine.relabelClone(name, newName, owner.encode());
                    } catch (NameTakenException e) {
                        throw new NameTaken(e);
                    }
                });
            } catch (NameTaken taken) {
                if (attempt > 10) {
                    throw new PristineException(ErrorCode.UNEXPECTED, "no free clone name after 10 tries", newName,
                            "clean up the state directory with gc");
                }
            } catch (RuntimeException e) {
                drop(name);
                throw e;
            }
        }
    }

    /**
     * Whether a leased clone is worth waiting for rather than replacing: resets work, a reset costs less
     * than a new clone, and leases are held for less time than a new clone takes to make. (Comparing the
     * sum of hold and reset with a clone flips on noise when they are close; a replacement would also
     * cost a drop later, so the cheaper reset wins those ties.)
     */
    private boolean shortLeases() {
        long create = createNanos.get();
        return resets && resetNanos.get() < create && holdNanos.get() < create;
    }

    /** Clones that are, or are about to be, ready for the next acquire. */
    private int coming() {
        int comingBack = resets ? recycling.get() + (shortLeases() ? leased.size() + handing.get() : 0) : 0;
        return idle.size() + creating.get() + comingBack;
    }

    private void fill() {
        while (!closed && coming() < target + waiting.get()) {
            if (!capacity.tryAcquire()) {
                return;
            }
            creating.incrementAndGet();
            try {
                background.execute(this::createIdle);
            } catch (RejectedExecutionException e) {
                creating.decrementAndGet();
                capacity.release();
                return;
            }
        }
    }

    private void createIdle() {
        try {
            if (closed) {
                capacity.release();
                return;
            }
            String name = create(IDLE_TEST);
            if (closed) {
                drop(name);
            } else {
                idle.add(name);
                if (idle.size() >= target && warmed.compareAndSet(false, true)) {
                    LOG.info("Pool for template {} is warm: {} idle clones ready", key.substring(0, 12), target);
                }
            }
            lastFailure = null;
        } catch (RuntimeException e) {
            capacity.release();
            lastFailure = Redact.mask(e.getMessage());
            LOG.warn("Preparing a clone in the background failed; acquire makes them on demand: {}", lastFailure);
        } finally {
            creating.decrementAndGet();
        }
    }

    /** Releases a leased clone: reset or dropped in the background, or kept (already re-marked) when {@code kept}. */
    void release(String name, boolean kept) {
        Long since = leased.remove(name);
        if (since == null) {
            return;
        }
        holdNanos.add(System.nanoTime() - since);
        if (kept) {
            capacity.release();
            fill();
            return;
        }
        // A reset is cheaper than a new clone: reset whenever the pool is short, creations in flight or not.
        boolean reset = !closed && idle.size() + recycling.get() < target + waiting.get();
        AtomicInteger counter = reset ? recycling : dropping;
        counter.incrementAndGet();
        try {
            dropper.execute(() -> {
                try {
                    if (!reset || !recycle(name)) {
                        drop(name);
                    }
                } finally {
                    counter.decrementAndGet();
                }
                fill();
            });
        } catch (RejectedExecutionException e) {
            try {
                drop(name);
            } finally {
                counter.decrementAndGet();
            }
        }
    }

    /**
     * Resets a released clone in place and returns it to the idle queue, keeping its permit (see
     * {@link Engine#resetClone}); any failure means "drop it".
     */
    private boolean recycle(String name) {
        if (closed) {
            return false;
        }
        long t0 = System.nanoTime();
        try {
            if (engine.resetClone(key, name, ownerFor.apply(IDLE_TEST).encode())) {
                resetNanos.add(System.nanoTime() - t0);
                resets = true;
                idle.add(name);
                LOG.debug("Reset clone {} in place", name);
                return true;
            }
        } catch (Exception e) {
            LOG.debug("Resetting clone {} failed; dropping it instead: {}", name, Redact.mask(String.valueOf(e)));
        }
        resets = false;
        return false;
    }

    void keep(String name, String test, Duration duration) {
        OwnerMarker kept = ownerFor.apply(test).keptUntil(Instant.now().plus(duration));
        retry.run("marking a clone as kept", name, () -> engine.markClone(name, kept.encode()));
        LOG.info("Keeping database {} for inspection until {}", name, Instant.now().plus(duration));
    }

    Engine engine() {
        return engine;
    }

    private void drop(String name) {
        try {
            retry.run("dropping a clone", name, () -> engine.dropClone(name));
            LOG.debug("Dropped clone {}", name);
        } catch (RuntimeException e) {
            LOG.warn("Dropping clone {} failed; the reaper will retry: {}", name, Redact.mask(e.getMessage()));
        } finally {
            capacity.release();
        }
    }

    /** Drops idle clones and every clone still leased by this process. */
    @Override
    public void close() {
        close(System.nanoTime() + TimeUnit.DAYS.toNanos(1));
    }

    /**
     * Drops idle clones and every clone still leased by this process, until {@code deadline} (a
     * {@link System#nanoTime} value); what is left then is the reaper's.
     */
    public Drained close(long deadline) {
        closed = true;
        List<String> names = new ArrayList<>();
        int idleCount = idle.drainTo(names);
        List<String> leasedNames = dropLeasedOnClose ? List.copyOf(leased.keySet()) : List.of();
        names.addAll(leasedNames);
        leased.clear();
        int dropped = 0;
        for (String name : names) {
            if (System.nanoTime() - deadline > 0) {
                break;
            }
            drop(name);
            dropped++;
        }
        return new Drained(leasedNames.size(), idleCount, names.size() - dropped);
    }

    /**
     * What {@link #close(long)} did.
     *
     * @param leased leased clones it was to drop
     * @param idle idle clones it was to drop
     * @param left how many of them it had no time for
     */
    public record Drained(int leased, int idle, int left) {

        /** How many clones were dropped (or tried: a failed drop is logged and left to the reaper). */
        public int dropped() {
            return leased + idle - left;
        }
    }

    /** An exponentially weighted moving average (weight 1/4 for each new sample); 0 before the first. */
    private static final class Average {
        private volatile long value;

        void add(long sample) {
            long v = value;
            value = v == 0 ? sample : v + (sample - v) / 4;
        }

        long get() {
            return value;
        }
    }

    /** Marks a lost race for a name; never escapes this class. */
    private static final class NameTaken extends Retry.Escape {
        private static final long serialVersionUID = 1L;

        NameTaken(Throwable cause) {
            super(cause);
        }
    }
}
