package dev.pristine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;

/** What a command found or did, printable as JSON fields or as text for people. */
interface Report {

    /** Writes the fields of the one JSON object (the caller opens and closes it). */
    void json(JsonGenerator g) throws IOException;

    /** Prints the text for people. */
    void human(PrintStream out);
}
