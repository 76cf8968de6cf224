package dev.pristine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code pristine prepare}: builds the template of the migrations unless it exists. */
@Command(name = "prepare", sortOptions = false,
        description = "Build the template of the migrations unless it exists (once across all processes); print its key.")
final class PrepareCommand extends BaseCommand {

    @Override
    Report run(Output output) {
        try (Progress progress = output.progress();
                Pristine pristine = common.builder(true).poolSize(0).listener(progress).build()) {
            key = pristine.key();
            PreparedTemplate t = pristine.prepare();
            return new Report() {
                @Override
                public void json(JsonGenerator g) throws IOException {
                    g.writeStringField("key", t.key());
                    g.writeStringField("template", t.template());
                    g.writeBooleanField("built", t.built());
                    g.writeNumberField("millis", t.millis());
                    g.writeStringField("engine", pristine.engineId());
                }

                @Override
                public void human(PrintStream out) {
                    out.println((t.built() ? "built template " + t.key() + " in " + t.millis() + " ms"
                            : "template " + t.key() + " is ready (built before)"));
                    out.println("  " + t.template());
                }
            };
        }
    }
}
