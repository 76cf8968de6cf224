package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pristine prepare}: the key follows the migrations' content, and many processes build once. */
class PrepareIT {

    @TempDir
    Path tmp;

    @Test
    void keyFollowsTheMigrationContentAndTheTemplateIsBuiltOncePerKey() throws IOException {
        Path migrations = Cli.schema(tmp);
        String state = tmp.resolve("state").toString();
        String[] prepare = {"prepare", "--engine", "sqlite", "--migrations", migrations.toString(), "--state-dir", state,
                "--json"};

        JsonNode first = Cli.run(prepare).ok();
        assertThat(first.get("built").asBoolean()).isTrue();
        assertThat(first.get("key").asText()).matches("[0-9a-f]{64}");
        assertThat(first.get("template").asText()).contains(first.get("key").asText());
        assertThat(first.get("millis").canConvertToLong()).isTrue();

        JsonNode again = Cli.run(prepare).ok();
        assertThat(again.get("built").asBoolean()).isFalse();
        assertThat(again.get("key").asText()).isEqualTo(first.get("key").asText());

        Path v2 = migrations.resolve("V2__books.sql");
        String original = Files.readString(v2);
        Files.writeString(v2, original + "\nINSERT INTO author (id, name) VALUES (3, 'Octavia E. Butler');\n");
        JsonNode edited = Cli.run(prepare).ok();
        assertThat(edited.get("key").asText()).isNotEqualTo(first.get("key").asText());
        assertThat(edited.get("built").asBoolean()).isTrue();

        Files.writeString(v2, original);
        JsonNode reverted = Cli.run(prepare).ok();
        assertThat(reverted.get("key").asText()).isEqualTo(first.get("key").asText());
        assertThat(reverted.get("built").asBoolean()).isFalse();
    }

    @Test
    void sixProcessesStartedTogetherOnAColdStateDirBuildTheTemplateExactlyOnce() throws IOException {
        Path migrations = Cli.schema(tmp);
        String state = tmp.resolve("state").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            processes.add(Cli.start(GoThenMain.class, "prepare", "--migrations", migrations.toString(), "--state-dir",
                    state, "--json"));
        }
        for (Process p : processes) {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            assertThat(err.readLine()).isEqualTo("ready");
        }
        for (Process p : processes) {
            OutputStream in = p.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
        List<JsonNode> results = new ArrayList<>();
        for (Process p : processes) {
            results.add(Cli.finish(p).ok());
        }

        assertThat(results).filteredOn(r -> r.get("built").asBoolean()).hasSize(1);
        assertThat(results).extracting(r -> r.get("key").asText()).containsOnly(results.get(0).get("key").asText());
    }
}
