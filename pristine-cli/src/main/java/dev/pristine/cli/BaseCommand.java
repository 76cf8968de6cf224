package dev.pristine.cli;

import dev.pristine.PristineException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * Runs a command and turns its outcome into output and an exit code: 0 with the report, or the
 * error code's exit code with the one-line error (and the JSON {@code error}).
 */
abstract class BaseCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    /** The template key worked on, once known; reported with an error too. */
    String key;

    /** Does the work; throws {@link PristineException} for anything the user can fix. */
    abstract Report run(Output output) throws Exception;

    @Override
    public final Integer call() {
        if (common.verbose) {
            // Before the first logger exists: slf4j-simple reads its level once.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        Output output = new Output(System.out, System.err, common.json, common.verbose, common.masking());
        try {
            output.result(run(output));
            return 0;
        } catch (PristineException e) {
            return output.fail(e, key);
        } catch (Exception | LinkageError | AssertionError e) {
            return output.unexpected(e, key);
        }
    }
}
