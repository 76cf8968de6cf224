package dev.pristine;

import java.util.Objects;

/**
 * The one unchecked exception Pristine throws. Its message says what failed, the value involved and
 * the fix, and never contains a password: messages are redacted when the exception is made, and the
 * cause chain is replaced by redacted copies.
 *
 * <p>Immutable and thread-safe.
 */
public class PristineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * Makes an exception from the three parts every message has.
     *
     * @param code the kind of failure, not null
     * @param what what failed, not null
     * @param value the value involved (a path, a name, a URL; redacted), may be null
     * @param fix what the user can do about it, may be null
     * @param cause the underlying failure, may be null; it is kept as a redacted copy
     */
    public PristineException(ErrorCode code, String what, Object value, String fix, Throwable cause) {
        super(Redact.mask(compose(what, value, fix)), Redact.sanitize(cause));
        this.code = Objects.requireNonNull(code, "code");
    }

    /** A copy for a report: {@code message} is already redacted; without a stack trace when not {@code traced}. */
    private PristineException(ErrorCode code, String message, Throwable cause, boolean traced) {
        super(message, cause, true, traced);
        this.code = code;
    }

    /** An exception for a report that says all in its message: no stack trace, no cause. */
    static PristineException brief(ErrorCode code, String message) {
        return new PristineException(code, Redact.mask(message), null, false);
    }

    /** Same as the five-argument constructor, without a cause. */
    public PristineException(ErrorCode code, String what, Object value, String fix) {
        this(code, what, value, fix, null);
    }

    /** The kind of failure. */
    public ErrorCode code() {
        return code;
    }

    /** The message in the CLI's one-line error format: {@code pristine: CODE: message}. */
    public String toErrorLine() {
        return "pristine: " + code.name() + ": " + getMessage();
    }

    private static String compose(String what, Object value, String fix) {
        StringBuilder sb = new StringBuilder(Objects.requireNonNull(what, "what"));
        if (value != null) {
            sb.append(", ").append(value);
        }
        if (fix != null && !fix.isEmpty()) {
            sb.append(", ").append(fix);
        }
        return sb.toString();
    }
}
