package dev.pristine.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.preparer.DatabasePreparer;
import io.zonky.test.db.provider.DatabaseProvider;
import io.zonky.test.db.provider.EmbeddedDatabase;
import io.zonky.test.db.provider.common.OptimizingDatabaseProvider;
import io.zonky.test.db.provider.common.PrefetchingDatabaseProvider;
import io.zonky.test.db.provider.common.TemplatingDatabaseProvider;
import io.zonky.test.db.provider.postgres.ZonkyPostgresDatabaseProvider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.StandardEnvironment;

/**
 * The Java peer users know: io.zonky.test embedded-database-spring-test, used as a library. The
 * provider chain is the one its auto-configuration builds for {@code @AutoConfigureEmbeddedDatabase}
 * with the default (zonky) provider: optimizing → prefetching → templating → its embedded PostgreSQL,
 * each with its default configuration (prefetching: 3 threads, 5 databases per pipeline, 15 in all).
 * No Spring test context is started; the only stand-in is the preparer, which runs Flyway on the same
 * migrations as the other modes (in a Spring test, zonky's Flyway extension builds an equivalent one
 * from the application's Flyway bean).
 *
 * <p>Each test gets a database from {@link DatabaseProvider#createDatabase} and closes it afterwards,
 * which drops it in the background, as zonky does between tests.
 */
final class ZonkyPeer {

    private final DatabaseProvider provider;
    private final FlywayPreparer preparer;

    ZonkyPeer(Path migrations) {
        ResolvableType customizers = ResolvableType.forClassWithGenerics(List.class,
                ResolvableType.forClassWithGenerics(Consumer.class, EmbeddedPostgres.Builder.class));
        ObjectProvider<List<Consumer<EmbeddedPostgres.Builder>>> none =
                new DefaultListableBeanFactory().getBeanProvider(customizers);
        ZonkyPostgresDatabaseProvider postgres = new ZonkyPostgresDatabaseProvider(new StandardEnvironment(), none);
        this.provider = new OptimizingDatabaseProvider(new PrefetchingDatabaseProvider(new TemplatingDatabaseProvider(postgres)));
        this.preparer = new FlywayPreparer(migrations.toAbsolutePath().normalize());
    }

    /** A migrated database for one test; closing the lease drops it (in zonky's background). */
    Runner.Lease lease() {
        EmbeddedDatabase db = provider.createDatabase(preparer);
        return new Runner.Lease(db.getJdbcUrl(), null, null, false, db::close);
    }

    /**
     * Gets the first database (which starts zonky's server and builds its template, as Pristine's
     * {@code prepare()} does before measuring) and describes the server it runs on.
     */
    String warmUp() throws SQLException {
        EmbeddedDatabase db = provider.createDatabase(preparer);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            return "embedded-database-spring-test " + Peers.version("embedded-database-spring-test") + ", embedded PostgreSQL "
                    + show(s, "server_version") + " (fsync " + show(s, "fsync") + ", synchronous_commit "
                    + show(s, "synchronous_commit") + ")";
        } finally {
            db.close();
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Runs Flyway on a database zonky made. Equal for equal migrations (a record), which is what zonky
     * keys its templates and prefetching pipelines on.
     */
    private record FlywayPreparer(Path migrations) implements DatabasePreparer {
        @Override
        public long estimatedDuration() {
            return 1_000;
        }

        @Override
        public void prepare(DataSource dataSource) {
            Flyway.configure().dataSource(dataSource).locations("filesystem:" + migrations).load().migrate();
        }

    }
}
