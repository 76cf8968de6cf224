package dev.pristine.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The local host's name, read once. */
final class Hosts {
    private static final String LOCAL = read();

    private Hosts() {}

    static String localName() {
        return LOCAL;
    }

    private static String read() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
