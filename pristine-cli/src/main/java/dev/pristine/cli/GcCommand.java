package dev.pristine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pristine.ErrorCode;
import dev.pristine.GcReport;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.TemplateStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pristine gc}: drops orphan clones, abandoned builds and templates unused for the retention period;
 * with {@code --template}, {@code --migrations} or {@code --older-than}, the templates those pick instead (all of
 * them), whatever the retention. A template's migrations location is what this machine recorded when it prepared it.
 */
@Command(name = "gc", sortOptions = false,
        description = "Drop orphan clones (owner gone or TTL expired), abandoned builds and templates unused "
                + "for the retention period (pristine.template-retention, default 7d). With --template, --migrations DIR "
                + "(every version of that location's templates prepared on this machine) or --older-than, drop the "
                + "templates they all pick instead; a template a live process uses is kept.")
final class GcCommand extends BaseCommand {

    @Option(names = "--dry-run", description = "Only list what would be dropped.")
    boolean dryRun;

    @Option(names = "--template", paramLabel = "KEY",
            description = "Drop the template of this key (as 'pristine status' lists it), unless a live process uses it.")
    String template;

    @Option(names = "--older-than", paramLabel = "DURATION",
            description = "Drop the templates unused for longer than this: 30s, 10m, 1h, 7d or ISO-8601.")
    String olderThan;

    @Override
    Report run(Output output) {
        Duration unused = olderThan == null ? null : Durations.parse("--older-than", olderThan);
        GcReport report;
        List<TemplateStatus> picked;
        try (Pristine pristine = common.builderWithoutMigrations().poolSize(0).reapOnStart(false).build()) {
            // a location that is gone is fine: only the record of where each template came from is compared
            Path location = common.migrations == null ? null : common.migrations.toAbsolutePath().normalize();
            if (template == null && unused == null && location == null) {
                report = pristine.gc(dryRun);
                picked = List.of();
            } else {
                Instant cutoff = unused == null ? Instant.MAX : Instant.now().minus(unused);
                Predicate<TemplateStatus> pick = t -> (template == null || t.key().equals(template))
                        && t.lastUsed().isBefore(cutoff) && (location == null || location.equals(t.migrations()));
                List<TemplateStatus> all = pristine.status().templates();
                if (template != null && all.stream().noneMatch(t -> t.key().equals(template))) {
                    throw new PristineException(ErrorCode.CONFIGURATION, "no template has this key", template,
                            "give a key that 'pristine status' lists (the whole key, not its first 12 digits)");
                }
                picked = all.stream().filter(pick).toList();
                report = pristine.gc(dryRun, pick);
            }
        }
        List<String> inUse = picked.stream().map(TemplateStatus::name).filter(n -> !report.dropped().contains(n)).toList();
        return new Report() {
            @Override
            public void json(JsonGenerator g) throws IOException {
                g.writeArrayFieldStart("dropped");
                for (String name : report.dropped()) {
                    g.writeString(name);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("inUse");
                for (String name : inUse) {
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
                for (String name : inUse) {
                    out.println("  kept " + name + ": a live process or clone uses it");
                }
            }
        };
    }
}
