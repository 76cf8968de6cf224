package dev.pristine.cli;

/**
 * A subcommand that another jar adds to {@code pristine}, found with {@link java.util.ServiceLoader} when
 * that jar is on the class path: the bench jar adds {@code bench} this way, so the product jar carries
 * none of the benchmark's tools. {@code pristine} runs the command as one of its own (the same error lines
 * and exit codes).
 *
 * <p>Implementations need a public no-argument constructor; {@link #name()} is called at start-up, so it
 * must be cheap. Thread safety: called from one thread.
 */
public interface CommandPlugin {

    /** The command's name on the command line, e.g. {@code bench}; not null. */
    String name();

    /** A new picocli command (an object whose class is annotated with {@code @Command}); not null. */
    Object newCommand();
}
