package dev.pristine.spi;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.Redact;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Helpers every engine of a database server needs alike. Stateless. */
public final class ServerEngines {

    private ServerEngines() {}

    /**
     * A server URL split into the URL without its user-info ({@code user[:password]@} after {@code ://}) and the
     * user and password that the user-info named, percent-decoded. Neither JDBC driver reads user-info, and a
     * driver that took {@code user:secret@host} for a host name would send the secret to DNS and into messages.
     *
     * @param url the URL without user-info, for the driver, messages and scoping
     * @param user the user-info's user, or null when it names none
     * @param password the user-info's password (may be empty), or null when it names none
     */
    public record UserInfo(String url, String user, String password) {

        /**
         * The user to connect as: the one given apart from the URL wins (as it does over a {@code ?user=}
         * parameter), then the user-info's, then the URL parameter's.
         *
         * @param given from {@code --user} / {@code pristine.user}, may be null
         * @param parameter from the URL's query, may be null
         * @return the user, or null for the driver's default
         */
        public String user(String given, String parameter) {
            return given != null ? given : user != null ? user : parameter;
        }

        /** The password to connect with, by the same precedence as {@link #user(String, String)}; may be null. */
        public String password(String given, String parameter) {
            return given != null ? given : password != null ? password : parameter;
        }

        @Override
        public String toString() {
            return "UserInfo[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : Redact.MASK)
                    + "]";
        }
    }

    /**
     * Takes the user-info out of a server URL: everything between {@code ://} and the last {@code @} before the
     * first {@code /}, {@code ?} or {@code #} (so an unencoded {@code @} in a password still works). The password
     * is remembered for redaction, so that it is masked wherever it might appear later.
     *
     * @param product the product in the message for a user-info that is not valid percent-encoding ({@code PostgreSQL})
     * @throws PristineException with {@code CONFIGURATION} when the user-info is not valid percent-encoding; the
     *     message shows the URL with its password masked
     */
    public static UserInfo splitUserInfo(String product, String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return new UserInfo(url, null, null);
        }
        int start = scheme + 3;
        int end = start;
        int at = -1;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            if (url.charAt(end) == '@') {
                at = end;
            }
            end++;
        }
        if (at < 0) {
            return new UserInfo(url, null, null);
        }
        String info = url.substring(start, at);
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? null : info.substring(colon + 1);
        // mask it before anything can fail, so that even the message below cannot show it
        Redact.register(password);
        Redact.register(password == null ? null : decode(password));
        String decodedUser = decode(user);
        String decodedPassword = password == null ? null : decode(password);
        if (decodedUser == null || (password != null && decodedPassword == null)) {
            throw new PristineException(ErrorCode.CONFIGURATION, "cannot read the user name and password in the "
                    + product + " URL", url, "percent-encode them (% as %25, / as %2F, ? as %3F, # as %23, @ as %40)");
        }
        return new UserInfo(url.substring(0, start) + url.substring(at + 1), decodedUser.isEmpty() ? null : decodedUser,
                decodedPassword);
    }

    /** RFC 3986 percent-decoding ({@code +} stays a plus); null for a broken escape. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(bytes[i + 2], 16);
            if (lo < 0) {
                return null;
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

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
