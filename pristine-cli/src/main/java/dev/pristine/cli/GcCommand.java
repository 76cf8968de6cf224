package dev.pristine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pristine.GcReport;
import dev.pristine.Pristine;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pristine gc}: drops orphan clones, abandoned builds and templates unused for the retention period. */
@Command(name = "gc", sortOptions = false,
        description = "Drop orphan clones (owner gone or TTL expired), abandoned builds and templates unused "
                + "for the retention period (pristine.template-retention, default 7d).")
final class GcCommand extends BaseCommand {

    @Option(names = "--dry-run", description = "Only list what would be dropped.")
    boolean dryRun;

    @Override
    Report run(Output output) {
        GcReport report;
        try (Pristine pristine = common.builder(false).poolSize(0).reapOnStart(false).build()) {
            report = pristine.gc(dryRun);
        }
        return new Report() {
            @Override
            public void json(JsonGenerator g) throws IOException {
                g.writeArrayFieldStart("dropped");
                for (String name : report.dropped()) {
                    g.writeString(name);
                }
                g.writeEndArray();
                g.writeNumberField("kept", report.kept());
                g.writeBooleanField("dryRun", report.dryRun());
            }

            @Override
            public void human(PrintStream out) {
                out.println((report.dryRun() ? "would drop " : "dropped ") + report.dropped().size() + ", kept "
                        + report.kept());
                for (String name : report.dropped()) {
                    out.println("  " + name);
                }
            }
        };
    }
}
