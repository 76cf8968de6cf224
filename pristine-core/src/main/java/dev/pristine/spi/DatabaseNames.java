package dev.pristine.spi;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.util.regex.Pattern;

/**
 * The grammar of what Pristine names, in one place for the core and every engine: a database name is
 * {@code pristine_} followed by lower-case letters, digits and underscores; a template key is 64 lower-case
 * hex digits. Engines check every name and key they are handed before touching anything, so a database or
 * file of anyone else is never dropped or altered.
 *
 * <p>Stateless and thread-safe.
 */
public final class DatabaseNames {

    /** Every database Pristine creates starts with this, on every engine. */
    public static final String PREFIX = "pristine_";

    private static final Pattern NAME = Pattern.compile("pristine_[a-z0-9_]+");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private DatabaseNames() {}

    /**
     * Whether {@code name} has the form of a name Pristine makes, of any length.
     *
     * @param name may be null (then false)
     */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Refuses a name Pristine could not have made, so a database of anyone else is never touched.
     *
     * @param name may be null (then refused)
     * @param maxLength the longest name the engine accepts, prefix included
     * @param reserved names of the form that are not databases to touch (an engine's own bookkeeping)
     * @return the name
     * @throws PristineException with {@code UNSAFE_TARGET}
     */
    public static String checkName(String name, int maxLength, String... reserved) {
        boolean ok = isName(name) && name.length() <= maxLength;
        for (String r : reserved) {
            ok &= !r.equals(name);
        }
        if (!ok) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET, "not a Pristine database name", name,
                    "use an id printed by lease or status");
        }
        return name;
    }

    /**
     * Refuses anything but a template key (64 lower-case hex digits).
     *
     * @param key may be null (then refused)
     * @return the key
     * @throws PristineException with {@code UNSAFE_TARGET}
     */
    public static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new PristineException(ErrorCode.UNSAFE_TARGET, "not a template key", key,
                    "use a key printed by prepare or status");
        }
        return key;
    }
}
