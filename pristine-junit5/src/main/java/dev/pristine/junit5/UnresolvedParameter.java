package dev.pristine.junit5;

import dev.pristine.PristineException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * A parameter that could not be resolved because of a failure whose message says all (a failed template
 * build): thrown as that one message, without the stack trace JUnit's own wrapper would add.
 */
final class UnresolvedParameter extends ParameterResolutionException {

    private static final long serialVersionUID = 1L;

    UnresolvedParameter(PristineException failure) {
        super(failure.getMessage());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
