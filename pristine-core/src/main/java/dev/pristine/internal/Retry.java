package dev.pristine.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedRunnable;
import dev.failsafe.function.CheckedSupplier;
import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.Redact;
import dev.pristine.spi.Engine;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs engine operations, retrying transient failures (the engine says which) with bounded,
 * jittered exponential backoff, and turns every other failure into a {@link PristineException}.
 *
 * <p>Thread-safe.
 */
public final class Retry {

    private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

    private final Engine engine;
    private final FailsafeExecutor<Object> executor;

    /**
     * @param engine decides which failures are transient, not null
     * @param maxDuration how long to keep retrying one operation, not null
     */
    public Retry(Engine engine, Duration maxDuration) {
        this.engine = engine;
        RetryPolicy<Object> policy = RetryPolicy.builder()
                .handleIf(engine::isTransient)
                .withBackoff(Duration.ofMillis(10), Duration.ofSeconds(2))
                .withJitter(0.25)
                .withMaxRetries(20)
                .withMaxDuration(maxDuration)
                .onRetry(e -> LOG.debug("retrying after transient failure (attempt {}): {}", e.getAttemptCount(),
                        Redact.mask(String.valueOf(e.getLastException()))))
                .build();
        this.executor = Failsafe.with(policy);
    }

    /** Runs {@code op}; {@code what} and {@code value} name it in the error when it fails. */
    public <T> T get(String what, Object value, CheckedSupplier<T> op) {
        try {
            return executor.get(op);
        } catch (PristineException | Escape e) {
            throw e;
        } catch (FailsafeException e) {
            throw translate(what, value, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw translate(what, value, e);
        }
    }

    /** Runs {@code op}; see {@link #get}. */
    public void run(String what, Object value, CheckedRunnable op) {
        get(what, value, () -> {
            op.run();
            return null;
        });
    }

    /** A failure the caller handles itself; passed through untouched. */
    public abstract static class Escape extends RuntimeException {
        private static final long serialVersionUID = 1L;

        protected Escape(Throwable cause) {
            super(cause);
        }
    }

    /** Turns any failure of an engine operation into a {@link PristineException}. */
    public PristineException translate(String what, Object value, Throwable failure) {
        if (failure instanceof PristineException p && p.code() == ErrorCode.STORAGE) {
            return p;
        }
        Optional<PristineException> full = DiskFull.error(what, engine.location(), null, failure);
        if (full.isPresent()) {
            return full.get();
        }
        if (failure instanceof PristineException p) {
            return p;
        }
        ErrorCode code = engine.classify(failure);
        // The message carries the cause's own words: without --verbose the CLI prints no more than this line.
        String fix = code == ErrorCode.ENGINE_UNREACHABLE
                ? "check that the server runs and that the URL, user and password are right"
                : engine.isTransient(failure) ? "the engine stayed busy; retry later or lower the parallelism"
                : "run again with --verbose for the stack trace, and report it";
        return new PristineException(code, what + " failed: " + failure, value, fix, failure);
    }
}
