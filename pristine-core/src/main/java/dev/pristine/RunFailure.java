package dev.pristine;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A failure that stops every test of a run, as the test framework adapters report it. A failed
 * template build ({@link ErrorCode#MIGRATION_FAILED}) is reported in full once, to the first test that
 * asks, and in one line to every later test; neither report carries a stack trace or causes, since the
 * message already names the file, line and statement. Run with {@code -Dpristine.verbose=true} to keep
 * the cause chain and stack traces. Any other failure is reported in full to every test, as before.
 *
 * <p>Thread-safe.
 */
public final class RunFailure {

    /** The system property that keeps stack traces and causes in reported failures. */
    public static final String VERBOSE = "pristine.verbose";

    /** The longest reason a later test's one-line report repeats. */
    static final int REASON_LENGTH = 160;

    private final PristineException failure;
    private final AtomicBoolean reported = new AtomicBoolean();

    private RunFailure(PristineException failure) {
        this.failure = failure;
    }

    /**
     * Wraps the failure of a run.
     *
     * @param failure what stopped the run, not null
     */
    public static RunFailure of(PristineException failure) {
        return new RunFailure(Objects.requireNonNull(failure, "failure"));
    }

    /** The failure as it was caught. */
    public PristineException failure() {
        return failure;
    }

    /**
     * A fresh exception for the next test to throw (fresh, so one test's suppressed exceptions never show
     * up in another's): the whole message for the first test, one line pointing at it for the others.
     */
    public PristineException next() {
        boolean verbose = Boolean.getBoolean(VERBOSE);
        if (failure.code() != ErrorCode.MIGRATION_FAILED) {
            return new PristineException(failure.code(), failure.getMessage(), null, null, failure);
        }
        if (verbose) {
            return new PristineException(failure.code(), message(), null, null, failure);
        }
        return PristineException.brief(failure.code(), message());
    }

    private String message() {
        if (reported.compareAndSet(false, true)) {
            return failure.getMessage();
        }
        return "the template build failed (see the first failure above): " + reason();
    }

    private String reason() {
        String line = failure.getMessage().lines().findFirst().orElse("");
        return line.length() <= REASON_LENGTH ? line : line.substring(0, REASON_LENGTH - 1) + "…";
    }
}
