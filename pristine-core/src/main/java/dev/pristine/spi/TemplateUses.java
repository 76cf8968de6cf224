package dev.pristine.spi;

/**
 * How an engine records that live processes use a template, so that no {@code gc}, in any process,
 * drops it meanwhile. A record must vanish by itself when its process dies (an OS file lock, a database
 * session), so a crash never pins a template.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TemplateUses {

    /** Records nothing: templates are kept by their retention period only, and a dropped one is built again. */
    TemplateUses NONE = of(key -> () -> { }, key -> false);

    /** Uses recorded by {@code use} and seen by {@code inUse}, both not null. */
    static TemplateUses of(ByKey<AutoCloseable> use, ByKey<Boolean> inUse) {
        return new TemplateUses() {
            @Override
            public AutoCloseable use(String key) throws Exception {
                return use.apply(key);
            }

            @Override
            public boolean inUse(String key) throws Exception {
                return inUse.apply(key);
            }
        };
    }

    /** A function of a template key that may fail. */
    @FunctionalInterface
    interface ByKey<T> {
        T apply(String key) throws Exception;
    }

    /**
     * Records this process's use of the template of {@code key} until the handle is closed. Called before the
     * template exists too.
     *
     * @return a handle that ends the use when closed
     */
    AutoCloseable use(String key) throws Exception;

    /** Whether a live process (this one included) uses the template of {@code key}. */
    boolean inUse(String key) throws Exception;
}
