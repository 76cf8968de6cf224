package dev.pristine.junit5;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tells a per-class database that one of its tests failed (as JUnit's {@code TempDirectory} does): put
 * into each test's and class's store, it marks every enclosing context as failed when its own context
 * closes with a failure. Children close before their parents, so the mark is there before the
 * parent's database is cleaned up.
 */
@SuppressWarnings("deprecation") // CloseableResource keeps JUnit < 5.13 (and autoclose disabled) working
record FailureTracker(ExtensionContext context) implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    /** Installs a tracker for {@code context}; the root needs none. */
    static void install(ExtensionContext context) {
        if (context.getParent().isPresent()) {
            context.getStore(PristineExtension.NAMESPACE).put(new Key(context.getUniqueId()), new FailureTracker(context));
        }
    }

    /** Whether {@code context} or any test under it failed, as far as known now. */
    static boolean failed(ExtensionContext context) {
        return context.getExecutionException().isPresent() || flag(context).get();
    }

    @Override
    public void close() {
        if (failed(context)) {
            for (ExtensionContext p = context.getParent().orElse(null); p != null && p.getParent().isPresent();
                    p = p.getParent().orElse(null)) {
                flag(p).set(true);
            }
        }
    }

    private static AtomicBoolean flag(ExtensionContext context) {
        return context.getStore(PristineExtension.NAMESPACE).getOrComputeIfAbsent(new Flag(context.getUniqueId()),
                k -> new AtomicBoolean(), AtomicBoolean.class);
    }

    private record Key(String uniqueId) {}

    private record Flag(String uniqueId) {}
}
