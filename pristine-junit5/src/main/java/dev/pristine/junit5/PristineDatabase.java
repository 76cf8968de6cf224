package dev.pristine.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a fresh, fully-migrated, isolated database into a field or parameter: a clone of a template
 * that is built once per run (and per migrations content), leased for the test and dropped after it.
 *
 * <pre>{@code
 * class OrderRepositoryTest {
 *     @PristineDatabase
 *     DataSource db;
 * }
 * }</pre>
 *
 * <p>Supported types: {@link javax.sql.DataSource}, {@link dev.pristine.TestDatabase},
 * {@link java.sql.Connection} (opened for the test, closed after it) and {@link String} (the JDBC URL).
 * Every injection point of one test with the same configuration sees the same database. Instance fields
 * and parameters get a database per test method, static fields one per class (see {@link #lifecycle()}).
 * Parallel tests each get their own database.
 *
 * <p>Configuration, first match wins: an attribute here (an empty string means unset) &gt; a JUnit
 * configuration parameter {@code pristine.*} ({@code junit-platform.properties}, {@code -D}) &gt;
 * {@code pristine.properties}, system properties and {@code PRISTINE_*} environment variables &gt; the
 * default. Relative paths resolve against the working directory; {@code classpath:} names a directory
 * on the class path.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(PristineExtension.class)
public @interface PristineDatabase {

    /** The migrations directory or file ({@code pristine.migrations}); relative to the working directory, or {@code classpath:dir}. */
    String migrations() default "";

    /** The migrator id: {@code sql}, {@code flyway}, {@code liquibase}, … ({@code pristine.migrator}; default: detected). */
    String migrator() default "";

    /** The engine id: {@code sqlite}, {@code h2}, {@code postgres}, {@code mariadb} ({@code pristine.engine}; default sqlite). */
    String engine() default "";

    /** The JDBC URL of the server for server engines ({@code pristine.url}). */
    String url() default "";

    /** The user to connect to the server as ({@code pristine.user}); the password only comes from settings. */
    String user() default "";

    /** The state directory ({@code pristine.state-dir}; default {@code ~/.cache/pristine}). */
    String stateDir() default "";

    /** How many clones to keep ready in the background ({@code pristine.pool-size}); -1 means unset. */
    int poolSize() default -1;

    /** Any other Pristine setting as {@code name=value}, e.g. {@code "sqlite.busy-timeout=10000"}. */
    String[] properties() default {};

    /** Per test method (default) or per class; static fields are always per class. */
    Lifecycle lifecycle() default Lifecycle.PER_METHOD;

    /** Whether to drop or keep the database afterwards ({@code pristine.cleanup}; default always). */
    CleanupMode cleanup() default CleanupMode.DEFAULT;

    /** How long a kept database is kept, e.g. {@code 30m}, {@code 24h}, {@code 7d} ({@code pristine.keep-for}; default 24h). */
    String keepFor() default "";
}
