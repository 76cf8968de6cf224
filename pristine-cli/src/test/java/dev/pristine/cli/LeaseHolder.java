package dev.pristine.cli;

import dev.pristine.Pristine;
import dev.pristine.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A JVM that uses the library the way a test suite does: builds a {@code Pristine}, leases two clones
 * (owned by this process), prints their ids, and blocks on stdin until it is killed.
 *
 * <p>Arguments: state dir, migrations dir.
 */
final class LeaseHolder {

    private LeaseHolder() {}

    public static void main(String[] args) throws IOException {
        try (Pristine pristine = Pristine.builder().stateDir(Path.of(args[0])).migrations(Path.of(args[1])).poolSize(0)
                .build()) {
            TestDatabase a = pristine.acquire("holder a");
            TestDatabase b = pristine.acquire("holder b");
            System.out.println("lease " + a.id());
            System.out.println("lease " + b.id());
            System.out.println("ready");
            System.out.flush();
            System.in.read();
        }
    }
}
