package dev.pristine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.spi.DatabaseNames;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pristine release ID}: drops a leased clone. Releasing one that is gone already is not an error. */
@Command(name = "release", sortOptions = false,
        description = "Drop a leased database now. Only databases Pristine made are ever dropped.")
final class ReleaseCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The lease id printed by lease or status.")
    String id;

    @Override
    Report run(Output output) {
        if (!id.startsWith(DatabaseNames.PREFIX)) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET, "not a Pristine database name", id,
                    "release only ids printed by 'pristine lease' or 'pristine status'; Pristine never drops anything else");
        }
        boolean released;
        try (Pristine pristine = common.builder(false).poolSize(0).reapOnStart(false).build()) {
            released = pristine.release(id);
        }
        return new Report() {
            @Override
            public void json(JsonGenerator g) throws IOException {
                g.writeStringField("id", id);
                g.writeBooleanField("released", released);
            }

            @Override
            public void human(PrintStream out) {
                out.println(released ? "released " + id : id + " was not found (released or reaped already)");
            }
        };
    }
}
