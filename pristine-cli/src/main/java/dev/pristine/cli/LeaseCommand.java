package dev.pristine.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Coordinates;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pristine lease}: hands out a fresh clone that outlives this process. The lease is owned by its
 * expiry, not by this pid, so no start-up reaper drops it before {@code release} or the TTL.
 */
@Command(name = "lease", sortOptions = false,
        description = "Lease a fresh, migrated database (building the template first if needed). "
                + "It lives until 'pristine release ID' or until its TTL runs out; then gc drops it.")
final class LeaseCommand extends BaseCommand {

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "1h",
            description = "How long the lease lives unless released: 30s, 10m, 1h, 7d or ISO-8601 (default ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "lease",
            description = "What the lease is for; becomes part of the database name (default ${DEFAULT-VALUE}).")
    String name;

    @Override
    Report run(Output output) {
        Duration lifetime = Durations.parse("--ttl", ttl);
        long t0 = System.nanoTime();
        try (Progress progress = output.progress();
                Pristine pristine = common.builder(true).poolSize(0).leaseTtl(lifetime).listener(progress).build()) {
            key = pristine.key();
            // Not closed on purpose: the clone stays after this process; close() of Pristine leaves TTL-owned leases.
            TestDatabase db = pristine.acquire(name);
            Instant expires = Instant.now().plus(lifetime);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            return new Report() {
                @Override
                public void json(JsonGenerator g) throws IOException {
                    g.writeStringField("id", db.id());
                    g.writeStringField("jdbcUrl", db.jdbcUrl());
                    g.writeStringField("user", db.user());
                    g.writeStringField("password", db.password());
                    Coordinates at = db.coordinates();
                    g.writeStringField("url", at.url());
                    g.writeStringField("host", at.host());
                    if (at.port() == null) {
                        g.writeNullField("port");
                    } else {
                        g.writeNumberField("port", at.port());
                    }
                    g.writeStringField("database", at.database());
                    g.writeStringField("path", at.path() == null ? null : at.path().toString());
                    g.writeStringField("key", db.key());
                    g.writeNumberField("millis", millis);
                    g.writeStringField("expiresAt", expires.toString());
                }

                @Override
                public void human(PrintStream out) {
                    out.println(db.id());
                    out.println("  jdbcUrl   " + db.jdbcUrl());
                    Coordinates at = db.coordinates();
                    if (at.url() != null) {
                        out.println("  url       " + at.url());
                    }
                    if (at.path() != null) {
                        out.println("  path      " + at.path());
                    }
                    if (db.user() != null) {
                        out.println("  user      " + db.user());
                    }
                    if (db.password() != null) {
                        out.println("  password  (not shown; use --json)");
                    }
                    out.println("  expires   " + expires + " (--ttl " + ttl + ")");
                    out.println("release it with: pristine release " + db.id());
                }
            };
        }
    }
}
