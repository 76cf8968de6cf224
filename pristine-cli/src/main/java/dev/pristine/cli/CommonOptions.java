package dev.pristine.cli;

import dev.pristine.CoreSettings;
import dev.pristine.ErrorCode;
import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.spi.Setting;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * The options every command takes. An option not given falls back to the {@code pristine.*} settings
 * (system properties, {@code pristine.properties}, {@code PRISTINE_*} environment), then to the default.
 */
final class CommonOptions {

    @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Log progress (INFO) and print stack traces of errors.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "sqlite (default), h2, postgres or mariadb; env PRISTINE_ENGINE.")
    String engine;

    @Option(names = "--url", paramLabel = "JDBC", description = "JDBC URL of the server (server engines); env PRISTINE_URL.")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "User to connect as; env PRISTINE_USER.")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Password to connect with; never printed. Prefer env PRISTINE_PASSWORD.")
    String password;

    @Option(names = "--migrations", paramLabel = "PATH",
            description = "Migrations directory or changelog; env PRISTINE_MIGRATIONS.")
    Path migrations;

    @Option(names = "--migrator", paramLabel = "ID",
            description = "sql, flyway or liquibase (default: detected from PATH); env PRISTINE_MIGRATOR.")
    String migrator;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the embedded engines keep templates and clones; env PRISTINE_STATE_DIR, "
                    + "default ~/.cache/pristine.")
    Path stateDir;

    @Option(names = "--allow-remote", description = "Allow a server that is not on loopback.")
    Boolean allowRemote;

    /** Masks the password given here and the configured one. */
    Masking masking() {
        return Masking.of(Arrays.asList(password, PristineSettings.standard().get("password").orElse(null)));
    }

    /**
     * A builder with every option given here set on it.
     *
     * @param needsMigrations false for commands that never build a template: without {@code --migrations}
     *     they get a migrator of their own and so work without any migrations configured
     */
    PristineBuilder builder(boolean needsMigrations) {
        if (needsMigrations && migrations == null && !isSet(CoreSettings.MIGRATIONS)) {
            // the library's message speaks to code too (migrations(Path)); a shell user can only pass or set
            throw new PristineException(ErrorCode.CONFIGURATION, "no migrations configured",
                    "--migrations and PRISTINE_MIGRATIONS are unset", "pass --migrations DIR or set PRISTINE_MIGRATIONS");
        }
        return builder(migrations, needsMigrations);
    }

    /** A builder that never builds a template, and so reads no migrations even when {@code --migrations} is given. */
    PristineBuilder builderWithoutMigrations() {
        return builder(null, false);
    }

    /** A builder for these migrations (the demo's schema), with every other option given here set on it. */
    PristineBuilder builder(Path migrationsLocation) {
        return builder(migrationsLocation, true);
    }

    /** Whether {@code setting} has a value in the settings the builder reads (properties, environment). */
    static boolean isSet(Setting<?> setting) {
        return PristineSettings.standard().get(setting.name()).isPresent();
    }

    private PristineBuilder builder(Path migrations, boolean needsMigrations) {
        PristineBuilder b = Pristine.builder();
        if (engine != null) {
            b.engine(engine);
        }
        if (url != null) {
            if (url.isBlank()) {
                // An empty URL must not quietly mean "no URL" (the engine's default, e.g. an embedded server).
                throw new PristineException(ErrorCode.CONFIGURATION, "--url is empty", "'" + url + "'",
                        "give the server's JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/postgres, "
                                + "or leave --url out for the engine's default");
            }
            b.url(url);
        }
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        if (stateDir != null) {
            b.stateDir(stateDir);
        }
        if (allowRemote != null) {
            b.allowRemote(allowRemote);
        }
        if (migrator != null) {
            b.migrator(migrator);
        }
        if (migrations != null) {
            b.migrations(migrations);
        } else if (!needsMigrations) {
            b.migrator(NoMigrations.INSTANCE);
        }
        return b;
    }
}
