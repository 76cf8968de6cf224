package dev.pristine.examples.bookstore;

/** A store rule said no, e.g. "e-mail ada@example.com is already registered". Immutable. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A refusal with the message the customer would read. */
    public StoreException(String message) {
        super(message);
    }

    /** A refusal caused by a database rule. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
