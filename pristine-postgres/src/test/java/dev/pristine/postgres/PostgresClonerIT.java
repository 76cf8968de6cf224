package dev.pristine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.NameTakenException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The version-dependent paths of {@link PostgresCloner}, run on the local server by telling the cloner it
 * talks to an older one: no {@code STRATEGY} before 15, no {@code DROP … WITH (FORCE)} before 13.
 */
class PostgresClonerIT {

    private static PostgresConnections connections() {
        return new PostgresConnections(PostgresTestServer.URL, PostgresTestServer.USER, null, 2);
    }

    @Test
    void beforeThirteenADropEndsTheClonesOwnSessionsFirst() throws Exception {
        String name = "pristine_cloner_old_" + Long.toString(System.nanoTime(), 36);
        try (PostgresConnections c = connections()) {
            PostgresCloner old = new PostgresCloner(c, 120000, PostgresCloner.Strategy.AUTO, Duration.ofSeconds(5), false);
            assertThat(old.strategyClause()).isEmpty();
            String expired = "pristine:v1 key=&host=h&pid=0&start=0&expires=1&created=1&test=old"; // gc reaps it if we fail
            old.create(name, null, null, expired);
            assertThatThrownBy(() -> old.create(name, null, null, expired)).isInstanceOf(NameTakenException.class);
            try (Connection session = DriverManager.getConnection(
                    PostgresTestServer.URL.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), PostgresTestServer.USER, null)) {
                assertThat(session.isValid(5)).isTrue();
                old.drop(name);
            }
            try (Connection admin = PostgresTestServer.connect(); Statement s = admin.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            old.drop(name); // a database that does not exist is not an error
        }
    }

    @Test
    void anExplicitStrategyNeedsFifteenAndAutoFollowsTheServer() {
        try (PostgresConnections c = connections()) {
            assertThatThrownBy(() -> new PostgresCloner(c, 140000, PostgresCloner.Strategy.WAL_LOG, Duration.ZERO, false))
                    .isInstanceOfSatisfying(PristineException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                        assertThat(e.getMessage()).isEqualTo("pristine.postgres.strategy=wal_log needs PostgreSQL 15 or "
                                + "later, server version 14, use pristine.postgres.strategy=auto");
                    });
            assertThat(new PostgresCloner(c, 150000, PostgresCloner.Strategy.AUTO, Duration.ZERO, false).strategyClause())
                    .as("a server of yours: its default").isEmpty();
            assertThat(new PostgresCloner(c, 170000, PostgresCloner.Strategy.AUTO, Duration.ZERO, true).strategyClause())
                    .as("the embedded server").isEqualTo(" STRATEGY FILE_COPY");
            assertThat(new PostgresCloner(c, 150000, PostgresCloner.Strategy.WAL_LOG, Duration.ZERO, true).strategyClause())
                    .isEqualTo(" STRATEGY WAL_LOG");
        }
    }
}
