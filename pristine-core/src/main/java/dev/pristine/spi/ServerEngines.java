package dev.pristine.spi;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Helpers every engine of a database server needs alike. Stateless. */
public final class ServerEngines {

    private ServerEngines() {}

    /**
     * Refuses a host that is not a loopback address unless {@code allowRemote}: Pristine creates and drops
     * databases there.
     *
     * @param hostKind the product in "cannot resolve the … host" ({@code PostgreSQL})
     * @param serverKind the product in "refusing a … server" ({@code MariaDB/MySQL})
     * @param hosts the host names of the URL
     * @param location the server's location, without credentials, for the message
     * @throws PristineException with {@code UNSAFE_TARGET}, or {@code ENGINE_UNREACHABLE} for an unknown host
     */
    public static void checkLoopback(String hostKind, String serverKind, List<String> hosts, String location,
            boolean allowRemote) {
        if (allowRemote) {
            return;
        }
        for (String host : hosts) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw new PristineException(ErrorCode.ENGINE_UNREACHABLE, "cannot resolve the " + hostKind + " host", host,
                        "check the host name in --url / pristine.url", e);
            }
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) {
                    throw new PristineException(ErrorCode.UNSAFE_TARGET,
                            "refusing a " + serverKind + " server that is not on this machine", location + " (" + host
                                    + " is " + a.getHostAddress() + ")",
                            "Pristine creates and drops databases there: if the server is meant for throwaway test "
                                    + "databases, pass --allow-remote or set pristine.allow-remote=true");
                }
            }
        }
    }
}
