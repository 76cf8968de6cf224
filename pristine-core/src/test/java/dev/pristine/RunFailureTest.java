package dev.pristine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunFailureTest {

    private static final String TYPO = "migration V1__init.sql failed at line 2: syntax error near \"CRATE\", "
            + "statement `CRATE TABLE t (id INT)`, fix the migration and run again; no template was published for it";

    @Test
    void aFailedMigrationIsReportedInFullOnceThenInOneShortLineWithoutStackTraces() {
        RunFailure failure = RunFailure.of(new PristineException(ErrorCode.MIGRATION_FAILED, TYPO, null, null,
                new IllegalStateException("from the driver")));

        PristineException first = failure.next();
        PristineException second = failure.next();

        assertThat(first).hasMessage(TYPO).hasNoCause();
        assertThat(first.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(first.getStackTrace()).isEmpty();
        assertThat(second).hasMessage("the template build failed (see the first failure above): migration "
                + "V1__init.sql failed at line 2: syntax error near \"CRATE\", statement `CRATE TABLE t (id INT)`, "
                + "fix the migration and run again; no template was publis…").hasNoCause();
        assertThat(second.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(second.getStackTrace()).isEmpty();
    }

    @Test
    void verboseKeepsTheCauseAndTheStackTrace() {
        IllegalStateException driver = new IllegalStateException("from the driver");
        PristineException caught = new PristineException(ErrorCode.MIGRATION_FAILED, TYPO, null, null, driver);
        RunFailure failure = RunFailure.of(caught);
        System.setProperty(RunFailure.VERBOSE, "true");
        PristineException first;
        PristineException second;
        try {
            first = failure.next();
            second = failure.next();
        } finally {
            System.clearProperty(RunFailure.VERBOSE);
        }

        assertThat(first).hasMessage(TYPO).hasCause(caught);
        assertThat(first.getStackTrace()).isNotEmpty();
        assertThat(second).hasMessageStartingWith("the template build failed (see the first failure above): ")
                .hasCause(caught).hasRootCauseMessage("from the driver");
    }

    @Test
    void anyOtherFailureIsReportedInFullToEveryTestWithItsCause() {
        PristineException cause = new PristineException(ErrorCode.ENGINE_UNREACHABLE, "connection refused",
                "jdbc:postgresql://127.0.0.1:5432/app?password=hunter2", "start the server");
        RunFailure failure = RunFailure.of(cause);

        failure.next();
        PristineException again = failure.next();

        assertThat(again).hasMessage("connection refused, jdbc:postgresql://127.0.0.1:5432/app?password=****, "
                + "start the server").hasCause(cause);
        assertThat(again.getStackTrace()).isNotEmpty();
    }

    @Test
    void aShortReportMasksPasswords() {
        RunFailure failure = RunFailure.of(new PristineException(ErrorCode.MIGRATION_FAILED,
                "migration failed on jdbc:mariadb://127.0.0.1:3306/app?password=hunter2", null, null));

        failure.next();

        assertThat(failure.next()).hasMessage("the template build failed (see the first failure above): "
                + "migration failed on jdbc:mariadb://127.0.0.1:3306/app?password=****");
    }
}
