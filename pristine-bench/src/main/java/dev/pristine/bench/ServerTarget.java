package dev.pristine.bench;

import dev.pristine.PreparedTemplate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Baselines on a database server, in plain JDBC on one admin connection per call: PostgreSQL clones
 * with {@code CREATE DATABASE … TEMPLATE} (its own clone operation); MariaDB has none, so its "raw
 * clone" is the cheapest copy the server offers, {@code CREATE TABLE … LIKE} plus {@code INSERT … SELECT}
 * per table (it drops foreign keys, which is why Pristine does more; the gap is the price of fidelity).
 */
final class ServerTarget implements BenchTarget {

    private final String engine;
    private final String url;
    private final String user;
    private final String password;
    private final String strategy;

    /**
     * @param embedded whether this is Pristine's embedded PostgreSQL: there PostgreSQL clones with
     *     {@code STRATEGY FILE_COPY}, the strategy Pristine's {@code auto} picks there (measured faster with
     *     fsync off); on a server of yours with the server's default, as Pristine does
     */
    ServerTarget(String engine, String url, String user, String password, boolean embedded) {
        this.engine = engine;
        this.url = url;
        this.user = user;
        this.password = password;
        this.strategy = engine.equals("postgres") && embedded ? " STRATEGY FILE_COPY" : "";
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The URL of database {@code name} on the server of {@code url}, with the same parameters. */
    static String urlOf(String url, String name) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String params = q < 0 ? "" : url.substring(q);
        int slash = base.indexOf('/', base.indexOf("//") + 2);
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + name + params;
    }

    private String urlOf(String name) {
        return urlOf(url, name);
    }

    @Override
    public Database createEmpty(String name) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new Database(name, urlOf(name), user, password);
    }

    @Override
    public Database rawClone(PreparedTemplate template, String name) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            if (engine.equals("postgres")) {
                s.execute("CREATE DATABASE " + name + " TEMPLATE " + template.template() + strategy);
            } else {
                String tpl = template.template();
                s.execute("CREATE DATABASE " + name);
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + tpl + "' AND table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                s.execute("SET FOREIGN_KEY_CHECKS = 0");
                for (String t : tables) {
                    s.execute("CREATE TABLE `" + name + "`.`" + t + "` LIKE `" + tpl + "`.`" + t + "`");
                    s.execute("INSERT INTO `" + name + "`.`" + t + "` SELECT * FROM `" + tpl + "`.`" + t + "`");
                }
                s.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
        }
        return new Database(name, urlOf(name), user, password);
    }

    @Override
    public String describeRawClone() {
        return engine.equals("postgres")
                ? "CREATE DATABASE … TEMPLATE …" + strategy + ", DROP DATABASE … WITH (FORCE) in the test's thread"
                : "CREATE TABLE … LIKE + INSERT … SELECT per table (no foreign keys, routines, views or triggers), "
                        + "DROP DATABASE in the test's thread";
    }

    @Override
    public void drop(Database db) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(engine.equals("postgres") ? "DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)"
                    : "DROP DATABASE IF EXISTS " + db.name());
        }
    }

    @Override
    public void close() {
        // every connection is closed after its call
    }
}
