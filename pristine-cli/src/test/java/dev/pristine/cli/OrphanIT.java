package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clones of a JVM killed with kill -9 are orphans: status marks them, gc drops them. */
class OrphanIT {

    @TempDir
    Path tmp;

    @Test
    void clonesOfAKilledJvmAreMarkedOrphanAndDroppedByGc() throws Exception {
        String state = tmp.resolve("state").toString();
        String migrations = Cli.schema(tmp).toString();
        Process holder = Cli.start(LeaseHolder.class, state, migrations);
        List<String> ids = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
                assertThat(line).as("holder output (it ended early: %s)", holder.isAlive() ? "no" : "yes").isNotNull()
                        .startsWith("lease ");
                ids.add(line.substring("lease ".length()));
            }
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(ids).hasSize(2);

        JsonNode before = Cli.run("status", "--state-dir", state, "--json").ok();
        assertThat(before.get("clones")).filteredOn(c -> ids.contains(c.get("id").asText())).hasSize(2)
                .allSatisfy(c -> assertThat(c.get("orphan").asBoolean()).isTrue());

        JsonNode dryRun = Cli.run("gc", "--dry-run", "--state-dir", state, "--json").ok();
        assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.get("dropped")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(ids);

        JsonNode gc = Cli.run("gc", "--state-dir", state, "--json").ok();
        assertThat(gc.get("dropped")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(ids);

        // Options not given come from the pristine.* settings, here the environment.
        JsonNode after = Cli.run(Map.of("PRISTINE_STATE_DIR", state), "status", "--json").ok();
        assertThat(after.get("clones")).extracting(c -> c.get("id").asText()).doesNotContainAnyElementsOf(ids);
        assertThat(after.get("templates")).hasSize(1);
    }
}
