package dev.pristine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pristine.CloneStatus;
import dev.pristine.Pristine;
import dev.pristine.Status;
import dev.pristine.TemplateStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pristine status}: every template and clone, orphans marked. Changes nothing. */
@Command(name = "status", sortOptions = false,
        description = "List templates and clones; orphans (owner gone or TTL expired) are marked. Changes nothing.")
final class StatusCommand extends BaseCommand {

    @Option(names = "--key", paramLabel = "KEY",
            description = "Only this template key (or a prefix of it) and its clones. "
                    + "Given --migrations instead, the key of those migrations.")
    String keyFilter;

    @Override
    Report run(Output output) {
        Status status;
        String filter;
        try (Pristine pristine = common.builder(false).poolSize(0).reapOnStart(false).build()) {
            filter = keyFilter != null ? keyFilter.toLowerCase(Locale.ROOT)
                    : common.migrations != null ? pristine.key() : null;
            status = pristine.status();
        }
        List<TemplateStatus> templates = status.templates().stream()
                .filter(t -> filter == null || t.key().startsWith(filter)).toList();
        // a clone without a key is being created (or its creator died doing so): it may be of any key, so it shows
        List<CloneStatus> clones = status.clones().stream()
                .filter(c -> filter == null || c.key().isEmpty() || c.key().startsWith(filter)).toList();
        return new Report() {
            @Override
            public void json(JsonGenerator g) throws IOException {
                g.writeArrayFieldStart("templates");
                for (TemplateStatus t : templates) {
                    g.writeStartObject();
                    g.writeStringField("key", t.key());
                    g.writeStringField("name", t.name());
                    g.writeStringField("engine", t.engine());
                    g.writeStringField("builtAt", t.builtAt().toString());
                    g.writeStringField("lastUsed", t.lastUsed().toString());
                    g.writeStringField("migrations", t.migrations() == null ? null : t.migrations().toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("clones");
                for (CloneStatus c : clones) {
                    g.writeStartObject();
                    g.writeStringField("id", c.id());
                    g.writeStringField("name", c.name());
                    g.writeStringField("key", c.key());
                    g.writeStringField("owner", c.owner());
                    g.writeStringField("test", c.test());
                    g.writeNumberField("ageSeconds", c.ageSeconds());
                    g.writeBooleanField("orphan", c.orphan());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }

            @Override
            public void human(PrintStream out) {
                out.println("templates: " + templates.size());
                for (TemplateStatus t : templates) {
                    out.println("  " + t.key().substring(0, Math.min(12, t.key().length())) + "  " + t.engine()
                            + "  built " + t.builtAt() + "  last used " + t.lastUsed() + "  " + t.name());
                }
                out.println("clones: " + clones.size());
                for (CloneStatus c : clones) {
                    out.println("  " + c.id() + "  " + c.ageSeconds() + "s old  owner " + c.owner()
                            + (c.orphan() ? "  ORPHAN (gc drops it)" : ""));
                }
            }
        };
    }
}
