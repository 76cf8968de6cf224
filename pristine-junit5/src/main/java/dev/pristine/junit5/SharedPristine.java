package dev.pristine.junit5;

import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.RunFailure;
import dev.pristine.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Pristine} per distinct configuration per test run, kept in the root store: the template is
 * built once and the pool is shared by every test class; the store closes it at the end of the run. A
 * failed start (bad configuration, failing migration) is remembered, so each test reports it without
 * building again; a failed migration in full to the first test only (see {@link RunFailure}).
 */
@SuppressWarnings("deprecation") // CloseableResource keeps JUnit < 5.13 (and autoclose disabled) working
final class SharedPristine implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedPristine.class);

    private final Pristine pristine;
    private final RunFailure failure;

    private SharedPristine(Pristine pristine, PristineException failure) {
        this.pristine = pristine;
        this.failure = failure == null ? null : RunFailure.of(failure);
    }

    /** The shared instance for {@code request} in this run, started on first use. */
    static SharedPristine of(Request request, ExtensionContext context) {
        return context.getRoot().getStore(PristineExtension.NAMESPACE).getOrComputeIfAbsent(
                new Key(request.identity()), k -> start(request.settings()), SharedPristine.class);
    }

    private static SharedPristine start(PristineSettings settings) {
        Pristine p;
        try {
            p = Pristine.builder().settings(settings).build();
        } catch (PristineException e) {
            return new SharedPristine(null, e);
        }
        try {
            p.prepare();
        } catch (PristineException e) {
            p.close();
            return new SharedPristine(null, e);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        LOG.info("Pristine ready for this test run: {}, template {}", p.describe(), p.key().substring(0, 12));
        return new SharedPristine(p, null);
    }

    /**
     * Leases a clone named after {@code test}.
     *
     * @throws PristineException when this configuration could not start, or no clone could be had
     */
    TestDatabase acquire(String test) {
        if (failure != null) {
            throw failure.next();
        }
        return pristine.acquire(test);
    }

    @Override
    public void close() {
        if (pristine != null) {
            pristine.close();
        }
    }

    /** The root-store key: equal configurations share one {@code Pristine}. */
    private record Key(Map<String, String> identity) {
        @Override
        public String toString() {
            return "SharedPristine.Key[" + identity.keySet() + "]"; // values may hold a password
        }
    }
}
