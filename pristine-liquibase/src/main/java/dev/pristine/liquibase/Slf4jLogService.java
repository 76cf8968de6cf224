package dev.pristine.liquibase;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Sends Liquibase's log to slf4j instead of {@code java.util.logging} on stderr. Liquibase's chatty INFO
 * (one line per changeset, an update summary) goes to DEBUG, since Pristine logs the milestones itself;
 * SEVERE and WARNING go to WARN, their stack traces to DEBUG.
 */
final class Slf4jLogService extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    @SuppressWarnings("rawtypes") // Liquibase's signature
    public Logger getLog(Class clazz) {
        return new Slf4jLogger(LoggerFactory.getLogger(clazz == null ? "liquibase" : clazz.getName()));
    }

    /** One Liquibase logger over one slf4j logger. */
    private static final class Slf4jLogger extends AbstractLogger {
        private final org.slf4j.Logger log;

        Slf4jLogger(org.slf4j.Logger log) {
            this.log = log;
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            int v = level == null ? Level.INFO.intValue() : level.intValue();
            if (v == Level.OFF.intValue()) {
                return;
            }
            if (v >= Level.WARNING.intValue()) {
                // a failing changeset is reported by Pristine's own exception; its stack trace is for DEBUG
                log.warn("{}", message);
                if (e != null) {
                    log.debug("Liquibase reported", e);
                }
            } else if (v >= Level.FINE.intValue()) {
                log.debug("{}", message, e);
            } else {
                log.trace("{}", message, e);
            }
        }
    }
}
