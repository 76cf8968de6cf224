package dev.pristine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions of the peers and baselines the bench runs, as the build pinned them ({@code peers.properties}). */
final class Peers {

    private static final Properties VERSIONS = load();

    private Peers() {}

    /** The version of {@code artifact} (e.g. {@code flyway}), or "(version unknown)". */
    static String version(String artifact) {
        return VERSIONS.getProperty(artifact, "(version unknown)");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Peers.class.getResourceAsStream("peers.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
