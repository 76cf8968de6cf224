package dev.pristine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * A database an adapter kept for inspection, as it announces it: id, JDBC URL (password masked), expiry
 * and the command that drops it sooner. Adapters announce it through their framework (a JUnit report
 * entry, a Cucumber scenario log) and {@link #log()} it: at INFO, or on stderr when no SLF4J provider is
 * bound, since SLF4J then drops every line and the user would never learn the id.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the lease id, not null
 * @param owner the test or scenario it belonged to, not null
 * @param failed whether that test failed
 * @param cleanup the cleanup mode that kept it, not null
 * @param until when {@code pristine gc} may drop it, not null
 * @param url the JDBC URL, masked, not null
 */
public record KeptDatabase(String id, String owner, boolean failed, Cleanup cleanup, Instant until, String url) {

    private static final Logger LOG = LoggerFactory.getLogger(KeptDatabase.class);

    /** The announcement of {@code database}, kept until {@code until}; its URL is masked here. */
    public static KeptDatabase of(TestDatabase database, String owner, boolean failed, Cleanup cleanup, Instant until) {
        return new KeptDatabase(database.id(), owner, failed, cleanup, until, Redact.mask(database.jdbcUrl()));
    }

    /** The command that drops it before it expires. */
    public String releaseCommand() {
        return "./pristine release " + id;
    }

    /** One line for people. */
    public String line() {
        return "Kept database " + id + " of " + owner + " (" + (failed ? "failed" : "passed") + ", cleanup "
                + cleanup.name().toLowerCase(Locale.ROOT) + ") until " + until + ": " + url + "; `"
                + releaseCommand() + "` drops it sooner";
    }

    /** The same as key-value pairs, e.g. for a JUnit report entry. */
    public Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("pristine.kept", id);
        entries.put("pristine.kept.url", url);
        entries.put("pristine.kept.until", until.toString());
        entries.put("pristine.kept.drop", releaseCommand());
        return entries;
    }

    /** Logs {@link #line()} at INFO, or prints it to stderr when no logging backend is there to show it. */
    public void log() {
        if (LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory) {
            System.err.println("pristine: " + line());
        } else {
            LOG.info("{}", line());
        }
    }
}
