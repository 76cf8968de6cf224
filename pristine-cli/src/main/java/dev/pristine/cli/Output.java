package dev.pristine.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Where a command's results and errors go: one JSON object on stdout with {@code --json}, text
 * otherwise; errors always as one line on stderr ({@code pristine: CODE: what, value, fix}), with the
 * stack trace only when {@code --verbose}. Everything not made by the CLI itself is masked.
 *
 * <p>Not thread-safe; one per command run.
 */
final class Output {

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean verbose;
    private final Masking masking;

    Output(PrintStream out, PrintStream err, boolean json, boolean verbose, Masking masking) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.verbose = verbose;
        this.masking = masking;
    }

    /** A progress printer for template builds, on stderr. */
    Progress progress() {
        return new Progress(err, masking, Duration.ofSeconds(1));
    }

    /** Prints a command's result. */
    void result(Report report) {
        if (json) {
            writeJson(report);
        } else {
            report.human(out);
            out.flush();
        }
    }

    /**
     * Reports a failure and returns its exit code.
     *
     * @param e the failure, not null
     * @param key the template key the command worked on, or null when not known yet
     */
    int fail(PristineException e, String key) {
        String line = oneLine(masking.mask(e.toErrorLine()));
        err.println(line);
        if (verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(masking.mask(trace.toString()));
        }
        err.flush();
        if (json) {
            writeJson(new Report() {
                @Override
                public void json(JsonGenerator g) throws IOException {
                    g.writeObjectFieldStart("error");
                    g.writeStringField("code", e.code().name());
                    g.writeStringField("message", oneLine(masking.mask(e.getMessage())));
                    g.writeNumberField("exitCode", e.code().exitCode());
                    g.writeEndObject();
                    if (key != null) {
                        g.writeStringField("key", key);
                    }
                }

                @Override
                public void human(PrintStream ignored) {
                    // JSON only
                }
            });
        }
        return e.code().exitCode();
    }

    /** Reports something the CLI did not expect as {@code UNEXPECTED}. */
    int unexpected(Throwable t, String key) {
        return fail(new PristineException(ErrorCode.UNEXPECTED, t.getClass().getSimpleName(), t.getMessage(),
                verbose ? "report this with the stack trace below" : "run again with --verbose for the stack trace, and report it",
                t), key);
    }

    private void writeJson(Report report) {
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.writeStartObject();
            report.json(g);
            g.writeEndObject();
            g.flush();
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to stdout", e);
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ");
    }
}
