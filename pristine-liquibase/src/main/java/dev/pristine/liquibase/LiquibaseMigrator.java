package dev.pristine.liquibase;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import java.sql.Connection;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

/**
 * Runs Liquibase {@code update} on the build database, in the scope {@link LiquibaseSession} sets up.
 * The changelog tree is parsed and fingerprinted when the migrator is made; {@link #migrate} parses it
 * again and refuses to build when it changed since, so a template is never published under the key of
 * other content.
 *
 * <p>Thread-safe (immutable; every call makes its own Liquibase session).
 */
final class LiquibaseMigrator implements Migrator {

    private static final String FIX = "fix the changeset and run again; no template was published for it";

    private final LiquibaseConfig config;
    private final String fingerprint;
    private final int changeSets;
    private final int files;

    private LiquibaseMigrator(LiquibaseConfig config, String fingerprint, int changeSets, int files) {
        this.config = config;
        this.fingerprint = fingerprint;
        this.changeSets = changeSets;
        this.files = files;
    }

    /**
     * Parses and fingerprints the changelog tree now.
     *
     * @throws PristineException with {@code MIGRATION_FAILED} when Liquibase cannot parse it
     */
    static LiquibaseMigrator of(LiquibaseConfig config) {
        return of(config, LiquibaseSession.liquibaseVersion());
    }

    /** As {@link #of(LiquibaseConfig)}, with the Liquibase version that goes into the fingerprint given (for tests). */
    static LiquibaseMigrator of(LiquibaseConfig config, String liquibaseVersion) {
        try {
            LiquibaseSession session = new LiquibaseSession(config);
            return session.inScope(() -> {
                DatabaseChangeLog tree = session.parse(null);
                String fp = session.fingerprint(tree, liquibaseVersion);
                return new LiquibaseMigrator(config, fp, tree.getChangeSets().size(), session.filesRead());
            });
        } catch (PristineException e) {
            throw e;
        } catch (Exception e) {
            throw new PristineException(ErrorCode.MIGRATION_FAILED, "Liquibase cannot read the changelog: "
                    + LiquibaseErrors.message(e), config.changelog(),
                    "fix the changelog (or its includes); set pristine.liquibase.search-path when includes are "
                            + "relative to another directory than " + config.searchPath().get(0), e);
        }
    }

    @Override
    public String id() {
        return "liquibase";
    }

    @Override
    public String describe() {
        return "Liquibase changelog " + config.changelog() + " (" + changeSets
                + (changeSets == 1 ? " changeset" : " changesets") + " in " + files + (files == 1 ? " file)" : " files)");
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void migrate(MigrationTarget target) throws Exception {
        LiquibaseSession session = new LiquibaseSession(config);
        FailureListener listener = new FailureListener();
        try (Connection c = target.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            try {
                session.inScope(() -> {
                    String now = session.fingerprint(session.parse(null), LiquibaseSession.liquibaseVersion());
                    if (!now.equals(fingerprint)) {
                        throw new PristineException(ErrorCode.MIGRATION_FAILED,
                                "the Liquibase changelog changed while the template was being prepared",
                                config.changelog(), "run again: the new content gets its own key");
                    }
                    CommandScope update = new CommandScope(UpdateCommandStep.COMMAND_NAME);
                    update.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database);
                    update.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, config.changelogPath());
                    update.addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, config.contexts());
                    update.addArgumentValue(UpdateCommandStep.LABEL_FILTER_ARG, config.labels());
                    update.addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, session.parameters(database));
                    update.addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, listener);
                    update.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
                    update.execute();
                    return null;
                });
            } finally {
                closeQuietly(database);
            }
        } catch (PristineException e) {
            throw e;
        } catch (Exception e) {
            ChangeSet failed = listener.failed;
            if (failed != null) {
                throw new PristineException(ErrorCode.MIGRATION_FAILED, "Liquibase changeset " + failed.getId()
                        + " by " + failed.getAuthor() + " in " + failed.getFilePath() + " failed: "
                        + LiquibaseErrors.message(listener.cause == null ? e : listener.cause), null, FIX, e);
            }
            throw new PristineException(ErrorCode.MIGRATION_FAILED, "Liquibase update failed: " + LiquibaseErrors.message(e),
                    config.changelog(), FIX, e);
        }
    }

    private static void closeQuietly(Database database) {
        try {
            database.close();
        } catch (DatabaseException | RuntimeException ignored) {
            // the connection is closed by try-with-resources too; the migration's outcome is what matters
        }
    }

    /** Remembers the changeset that failed, which Liquibase's exception only names in prose. */
    private static final class FailureListener extends AbstractChangeExecListener {
        volatile ChangeSet failed;
        volatile Exception cause;

        @Override
        public void runFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database, Exception exception) {
            if (failed == null) {
                failed = changeSet;
                cause = exception;
            }
        }
    }
}
