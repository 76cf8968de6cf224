package dev.pristine.junit5;

import dev.pristine.TestDatabase;
import java.sql.Connection;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The types {@link PristineDatabase @PristineDatabase} can inject, and how to make each from a database. */
enum InjectionType {
    DATA_SOURCE(DataSource.class, ""),
    TEST_DATABASE(TestDatabase.class, ""),
    CONNECTION(Connection.class, " (open for the test)"),
    JDBC_URL(String.class, " (the JDBC URL)");

    private final Class<?> type;
    private final String note;

    InjectionType(Class<?> type, String note) {
        this.type = type;
        this.note = note;
    }

    /** The injection type for a declared type, or a configuration error naming the injection point. */
    static InjectionType of(Class<?> declared, String injectionPoint) {
        return Arrays.stream(values()).filter(t -> t.type == declared).findFirst().orElseThrow(
                () -> new ExtensionConfigurationException("@PristineDatabase cannot inject " + injectionPoint
                        + " of type " + declared.getName() + "; supported types: " + supported()));
    }

    /** The value to inject. */
    Object valueOf(DatabaseResource db, Object injectionPoint) {
        return switch (this) {
            case DATA_SOURCE -> db.database().dataSource();
            case TEST_DATABASE -> db.database();
            case CONNECTION -> db.connection(injectionPoint);
            case JDBC_URL -> db.database().jdbcUrl();
        };
    }

    private static String supported() {
        return Arrays.stream(values()).map(t -> t.type.getName() + t.note).collect(Collectors.joining(", "));
    }
}
