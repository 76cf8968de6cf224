package dev.pristine.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pristine.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** What {@code @PristineDatabase} injects where: the four types, in fields and parameters, per test and per class. */
class InjectionIT {

    @TempDir
    Path stateDir;

    @BeforeEach
    void reset() {
        Seen.urls.clear();
        Seen.connections.clear();
    }

    @Test
    void fieldsAndParametersOfEachTypeShareTheTestsDatabaseAndConnectionsCloseAfterIt() throws Exception {
        EngineExecutionResults results = Runs.run(Runs.parameters(stateDir), FieldsAndParameters.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Seen.urls).as("one database per test").hasSize(2);
        assertThat(Seen.connections).hasSize(3);
        for (Connection c : Seen.connections) {
            assertThat(c.isClosed()).as("injected connection closed after its test").isTrue();
        }
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }

    @Test
    void parametersAloneWorkAndLifecycleMethodsSeeTheTestsDatabase() {
        EngineExecutionResults results = Runs.run(Runs.parameters(stateDir), ParametersOnly.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Seen.urls).hasSize(2);
    }

    @Test
    void perClassLifecycleSharesOneDatabaseAcrossTheMethodsOfAClass() {
        EngineExecutionResults results = Runs.run(Runs.parameters(stateDir), PerClass.class);

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        assertThat(Seen.urls).as("static field, per-class instance field, @BeforeAll parameter").hasSize(1);
        assertThat(Runs.clonesIn(stateDir)).isEmpty();
    }

    @Test
    void constructorParametersGetTheDatabaseOfTheTestTheInstanceIsMadeFor() {
        EngineExecutionResults results = Runs.run(Runs.parameters(stateDir), ConstructorParameter.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Seen.urls).as("one database per test, also through the constructor").hasSize(2);
    }

    @Test
    void aComposedAnnotationCarriesTheConfiguration() {
        Map<String, String> parameters = Runs.parameters(stateDir);
        parameters.remove("pristine.migrations");

        EngineExecutionResults results = Runs.run(parameters, Composed.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void anUnsupportedFieldTypeIsAConfigurationErrorNamingFieldTypeAndSupportedTypes() {
        EngineExecutionResults results = Runs.run(Runs.parameters(stateDir), UnsupportedField.class);

        assertThat(failure(results)).isInstanceOf(ExtensionConfigurationException.class).hasMessage(
                "@PristineDatabase cannot inject field UnsupportedField.port of type java.lang.Integer; supported types: "
                        + "javax.sql.DataSource, dev.pristine.TestDatabase, java.sql.Connection (open for the test), "
                        + "java.lang.String (the JDBC URL)");
    }

    @Test
    void anUnsupportedParameterTypeIsAConfigurationErrorNamingParameterTypeAndSupportedTypes() {
        EngineExecutionResults results = Runs.run(Runs.parameters(stateDir), UnsupportedParameter.class);

        Throwable failure = failure(results);
        assertThat(failure).isInstanceOf(ParameterResolutionException.class);
        assertThat(failure.getCause()).isInstanceOf(ExtensionConfigurationException.class).hasMessage(
                "@PristineDatabase cannot inject parameter #1 of UnsupportedParameter.test(Path) of type java.nio.file.Path;"
                        + " supported types: javax.sql.DataSource, dev.pristine.TestDatabase, java.sql.Connection"
                        + " (open for the test), java.lang.String (the JDBC URL)");
    }

    @Test
    void aFinalFieldIsAConfigurationError() {
        EngineExecutionResults results = Runs.run(Runs.parameters(stateDir), FinalField.class);

        assertThat(failure(results)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@PristineDatabase field FinalField.url must not be final");
    }

    static Throwable failure(EngineExecutionResults results) {
        List<TestExecutionResult> failed = results.testEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class)).toList();
        assertThat(failed).hasSize(1);
        return failed.get(0).getThrowable().orElseThrow();
    }

    /** What the inner tests saw, for the outer test to check. */
    static final class Seen {
        static final Set<String> urls = ConcurrentHashMap.newKeySet();
        static final List<Connection> connections = new CopyOnWriteArrayList<>();
    }

    static class FieldsAndParameters {
        @PristineDatabase
        DataSource dataSource;

        @PristineDatabase
        TestDatabase database;

        @PristineDatabase
        Connection connection;

        @PristineDatabase
        String jdbcUrl;

        @Test
        void fields() throws Exception {
            Seen.urls.add(jdbcUrl);
            Seen.connections.add(connection);
            assertThat(jdbcUrl).startsWith("jdbc:sqlite:").isEqualTo(database.jdbcUrl());
            assertThat(database.id()).startsWith("pristine_fieldsandparameters_fields_");
            assertThat(connection.isClosed()).isFalse();
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("INSERT INTO customer (id, name) VALUES (7, 'Grace')");
            }
            assertThat(Runs.count(dataSource, "SELECT count(*) FROM customer WHERE id = 7")).isEqualTo(1);
        }

        @Test
        void parameters(@PristineDatabase DataSource ds, @PristineDatabase TestDatabase db,
                @PristineDatabase Connection c, @PristineDatabase String url) throws Exception {
            Seen.urls.add(url);
            Seen.connections.add(c);
            Seen.connections.add(connection);
            assertThat(url).isEqualTo(jdbcUrl).isEqualTo(db.jdbcUrl());
            assertThat(db.id()).isEqualTo(database.id()).startsWith("pristine_fieldsandparameters_parameters_");
            assertThat(c).as("a connection per injection point").isNotSameAs(connection);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO customer (id, name) VALUES (7, 'Grace')");
            }
            assertThat(Runs.count(ds, "SELECT count(*) FROM customer")).isEqualTo(1);
            assertThat(Runs.count(dataSource, "SELECT count(*) FROM customer")).isEqualTo(1);
        }
    }

    static class ParametersOnly {
        @BeforeEach
        void seed(@PristineDatabase Connection c) throws Exception {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO customer (id, name) VALUES (1, 'Ada')");
            }
        }

        @Test
        void first(@PristineDatabase DataSource db, @PristineDatabase String url) throws Exception {
            Seen.urls.add(url);
            assertThat(Runs.count(db, "SELECT count(*) FROM customer")).isEqualTo(1);
        }

        @Test
        void second(@PristineDatabase DataSource db, @PristineDatabase String url) throws Exception {
            Seen.urls.add(url);
            assertThat(Runs.count(db, "SELECT count(*) FROM customer")).isEqualTo(1);
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {
        @PristineDatabase
        static String url;

        @PristineDatabase(lifecycle = Lifecycle.PER_CLASS)
        DataSource db;

        @BeforeAll
        static void seed(@PristineDatabase Connection c) throws Exception {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO customer (id, name) VALUES (1, 'Ada')");
            }
        }

        @Test
        @Order(1)
        void first() throws Exception {
            Seen.urls.add(url);
            Runs.update(db, "INSERT INTO customer (id, name) VALUES (2, 'Grace')");
            assertThat(Runs.count(db, "SELECT count(*) FROM customer")).isEqualTo(2);
        }

        @Test
        @Order(2)
        void second(@PristineDatabase(lifecycle = Lifecycle.PER_CLASS) String sameUrl) throws Exception {
            Seen.urls.add(url);
            Seen.urls.add(sameUrl);
            Runs.update(db, "INSERT INTO customer (id, name) VALUES (3, 'Edsger')");
            assertThat(Runs.count(db, "SELECT count(*) FROM customer")).isEqualTo(3);
        }

        @Test
        @Order(3)
        void third() throws Exception {
            Seen.urls.add(url);
            assertThat(Runs.count(db, "SELECT count(*) FROM customer")).isEqualTo(3);
        }
    }

    static class ConstructorParameter {
        private final String url;

        ConstructorParameter(@PristineDatabase String url) {
            this.url = url;
        }

        @Test
        void first(@PristineDatabase String sameTest) {
            Seen.urls.add(url);
            assertThat(sameTest).isEqualTo(url);
        }

        @Test
        void second(@PristineDatabase String sameTest) {
            Seen.urls.add(url);
            assertThat(sameTest).isEqualTo(url);
        }
    }

    /** A project's own annotation, carrying its configuration once. */
    @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD)
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @PristineDatabase(migrations = "classpath:db/example")
    @interface ShopDatabase {}

    static class Composed {
        @ShopDatabase
        DataSource db;

        @Test
        void test() throws Exception {
            assertThat(Runs.tables(db)).containsExactly("customer", "order_line", "orders", "product");
        }
    }

    static class UnsupportedField {
        @PristineDatabase
        Integer port;

        @Test
        void test() {
            assertThat(port).isNotNull();
        }
    }

    static class UnsupportedParameter {
        @Test
        void test(@PristineDatabase Path path) {
            assertThat(path).isNotNull();
        }
    }

    static class FinalField {
        @PristineDatabase
        final String url = "";

        @Test
        void test() {
            assertThat(url).isNotEmpty();
        }
    }
}
