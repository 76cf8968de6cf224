package dev.pristine.bench;

import dev.pristine.PreparedTemplate;
import dev.pristine.TestDatabase;
import java.nio.file.Path;

/**
 * The engine-specific parts of the baselines, done without Pristine's code: an empty database for
 * migrate-per-test, and the engine's own clone operation for the raw-clone limit.
 */
interface BenchTarget extends AutoCloseable {

    /** A database a baseline made. */
    record Database(String name, String jdbcUrl, String user, String password) {}

    /** Creates an empty database. */
    Database createEmpty(String name) throws Exception;

    /** Clones the published template with the engine's own operation. */
    Database rawClone(PreparedTemplate template, String name) throws Exception;

    /** What {@link #rawClone} does, for the report. */
    String describeRawClone();

    /** Drops a database this target made. */
    void drop(Database db) throws Exception;

    @Override
    void close();

    /**
     * The target for an engine id. Without a URL, a server engine's baselines run on the server Pristine
     * started (PostgreSQL's embedded server), found from the shared database's coordinates.
     */
    static BenchTarget of(String engine, Path workDir, java.util.Map<String, String> settings, TestDatabase shared) {
        return switch (engine) {
            case "sqlite" -> new SqliteTarget(workDir);
            case "h2" -> new H2Target(workDir);
            case "postgres", "mariadb" -> settings.get("url") != null
                    ? new ServerTarget(engine, settings.get("url"), settings.get("user"), settings.get("password"), false)
                    : new ServerTarget(engine, ServerTarget.urlOf(shared.jdbcUrl(), engine.equals("postgres") ? "postgres" : ""),
                            shared.user(), shared.password(), true);
            default -> throw new IllegalArgumentException("the bench has no baselines for engine " + engine
                    + "; engines with baselines: sqlite, h2, postgres, mariadb");
        };
    }
}
