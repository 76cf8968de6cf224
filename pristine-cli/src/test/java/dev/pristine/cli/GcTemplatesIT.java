package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template housekeeping: {@code gc --template KEY} drops one template now, whatever the retention period, unless a
 * live process or clone uses it; {@code --older-than} sets the age; {@code --dry-run} drops nothing.
 */
class GcTemplatesIT {

    @TempDir
    Path tmp;

    @Test
    void gcTemplateDropsThatTemplateOnlyAndKeepsOneInUse() throws IOException {
        String state = tmp.resolve("state").toString();
        Path first = Cli.schema(tmp.resolve("first"));
        Path second = Cli.schema(tmp.resolve("second"));
        Files.writeString(second.resolve("V3__more.sql"), "INSERT INTO author (id, name) VALUES (3, 'N. K. Jemisin');\n");
        JsonNode a = Cli.run("prepare", "--migrations", first.toString(), "--state-dir", state, "--json").ok();
        JsonNode b = Cli.run("prepare", "--migrations", second.toString(), "--state-dir", state, "--json").ok();
        String templateB = b.get("template").asText();

        JsonNode dry = Cli.run("gc", "--template", b.get("key").asText(), "--dry-run", "--state-dir", state, "--json").ok();
        assertThat(dry.get("dropped")).extracting(JsonNode::asText).containsExactly(templateB);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(Path.of(templateB)).exists();

        Cli.Run dropped = Cli.run("gc", "--template", b.get("key").asText(), "--state-dir", state);
        assertThat(dropped.exit()).as(dropped.toString()).isZero();
        assertThat(dropped.out()).isEqualTo("dropped 1, kept 1\n  " + templateB + "\n");
        assertThat(Path.of(templateB)).doesNotExist();
        assertThat(Path.of(a.get("template").asText())).exists();

        // a lease (a live clone made from it) keeps the template
        JsonNode lease = Cli.run("lease", "--migrations", first.toString(), "--state-dir", state, "--json").ok();
        Cli.Run kept = Cli.run("gc", "--template", a.get("key").asText(), "--state-dir", state);
        assertThat(kept.exit()).as(kept.toString()).isZero();
        assertThat(kept.out()).isEqualTo("dropped 0, kept 2\n  kept " + a.get("template").asText()
                + ": a live process or clone uses it\n");
        assertThat(Path.of(a.get("template").asText())).exists();

        Cli.run("release", lease.get("id").asText(), "--state-dir", state, "--json").ok();
        JsonNode gone = Cli.run("gc", "--template", a.get("key").asText(), "--state-dir", state, "--json").ok();
        assertThat(gone.get("dropped")).extracting(JsonNode::asText).containsExactly(a.get("template").asText());
        assertThat(gone.get("inUse")).isEmpty();
    }

    @Test
    void gcOlderThanDropsTheTemplatesUnusedForLongerThanThat() {
        String state = tmp.resolve("state").toString();
        JsonNode a = Cli.run("prepare", "--migrations", Cli.schema(tmp).toString(), "--state-dir", state, "--json").ok();

        JsonNode young = Cli.run("gc", "--older-than", "1h", "--state-dir", state, "--json").ok();
        assertThat(young.get("dropped")).isEmpty();
        assertThat(young.get("kept").asInt()).isEqualTo(1);

        JsonNode old = Cli.run("gc", "--older-than", "1ms", "--state-dir", state, "--json").ok();
        assertThat(old.get("dropped")).extracting(JsonNode::asText).containsExactly(a.get("template").asText());
    }

    @Test
    void gcMigrationsDropsEveryVersionOfThatLocationEvenWhenTheDirectoryIsGone() throws IOException {
        String state = tmp.resolve("state").toString();
        Path mine = Cli.schema(tmp.resolve("mine"));
        Path other = Cli.schema(tmp.resolve("other"));
        Files.writeString(other.resolve("V3__more.sql"), "INSERT INTO author (id, name) VALUES (3, 'N. K. Jemisin');\n");
        JsonNode v1 = Cli.run("prepare", "--migrations", mine.toString(), "--state-dir", state, "--json").ok();
        Files.writeString(mine.resolve("V3__edit.sql"), "INSERT INTO author (id, name) VALUES (4, 'Ted Chiang');\n");
        JsonNode v2 = Cli.run("prepare", "--migrations", mine.toString(), "--state-dir", state, "--json").ok();
        JsonNode kept = Cli.run("prepare", "--migrations", other.toString(), "--state-dir", state, "--json").ok();
        try (var files = Files.list(mine)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(mine);

        JsonNode status = Cli.run("status", "--state-dir", state, "--json").ok();
        assertThat(status.get("templates")).extracting(t -> t.get("migrations").asText())
                .containsExactlyInAnyOrder(mine.toString(), mine.toString(), other.toString());
        JsonNode gc = Cli.run("gc", "--migrations", mine.toString(), "--state-dir", state, "--json").ok();

        assertThat(gc.get("dropped")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(v1.get("template").asText(), v2.get("template").asText());
        assertThat(Path.of(kept.get("template").asText())).exists();
    }

    @Test
    void anUnknownKeyIsAUsageErrorThatSaysWhereKeysAreListed() {
        Cli.Run run = Cli.run("gc", "--template", "927a1e73a4c0", "--state-dir", tmp.resolve("state").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: no template has this key, 927a1e73a4c0, give a key "
                + "that 'pristine status' lists (the whole key, not its first 12 digits)\n");
    }
}
