package dev.pristine.mariadb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The clone strategies tried for issue 4, each timed on the same template: what the product does
 * ({@link MariadbCloner}) and the alternatives, including recycling a used clone by restoring only the
 * tables a test changed. Measurement code, not a test; used by {@link MariadbMeasurements}.
 */
final class CloneStrategies {

    private final MariadbConnections connections;
    private final String template;
    private final MariadbCloner cloner;

    CloneStrategies(MariadbConnections connections, String template) {
        this.connections = connections;
        this.template = template;
        this.cloner = new MariadbCloner(connections, true, 1);
    }

    /** One strategy: makes database {@code name} as a copy of the template. */
    @FunctionalInterface
    interface Strategy {
        void create(String name) throws Exception;
    }

    List<String> measure(int rounds) throws Exception {
        MariadbPlan plan = cloner.plan(template);
        List<String> out = new ArrayList<>();
        List<Long> drops = new ArrayList<>();
        Map<String, Strategy> strategies = new java.util.LinkedHashMap<>();
        MariadbCloner two = new MariadbCloner(connections, true, 2);
        MariadbCloner four = new MariadbCloner(connections, true, 4);
        strategies.put("plan read per clone (SHOW CREATE x40) + sequential copy", n -> {
            cloner.forget(template);
            cloner.copy(cloner.plan(template), n);
        });
        strategies.put("cached plan, sequential, data in one transaction (mariadb.clone-connections=1)", n -> cloner.copy(plan, n));
        strategies.put("cached plan, sequential, autocommit per INSERT", n -> sequential(plan, n, false));
        strategies.put("cached plan, one multi-statement round trip", n -> multiStatement(plan, n));
        strategies.put("cached plan, tables on 2 connections in parallel (clone-connections=2)", n -> two.copy(plan, n));
        strategies.put("PRODUCT: cached plan, tables on 4 connections in parallel (default clone-connections=4)",
                n -> four.copy(plan, n));
        strategies.put("CREATE TABLE ... LIKE + INSERT (reference only: loses foreign keys)", n -> like(plan, n));
        for (Map.Entry<String, Strategy> e : strategies.entrySet()) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < rounds + 2; i++) {
                String name = name();
                long t0 = System.nanoTime();
                e.getValue().create(name);
                long t = System.nanoTime() - t0;
                if (i >= 2) { // two warm-up rounds
                    times.add(t);
                }
                long d0 = System.nanoTime();
                cloner.drop(name);
                drops.add(System.nanoTime() - d0);
            }
            out.add(line("clone: " + e.getKey(), times));
        }
        out.add(line("PRODUCT drop: DROP DATABASE of a 40-table clone", drops));
        out.addAll(recycling(plan, rounds));
        return out;
    }

    /** Recycling a used clone: find the tables a test changed, restore only those; and moving tables to a new name. */
    private List<String> recycling(MariadbPlan plan, int rounds) throws Exception {
        Map<String, Long> tplChecksums = checksums(template, plan);
        Map<String, Long> tplAutoInc = autoIncrements(template);
        List<Long> detect = new ArrayList<>();
        List<Long> restoreDelete = new ArrayList<>();
        List<Long> restoreTruncate = new ArrayList<>();
        List<Long> move = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String name = name();
            cloner.copy(plan, name);
            for (boolean truncate : new boolean[] {false, true}) {
                useLikeATest(name);
                long t0 = System.nanoTime();
                List<String> changed = changedTables(name, plan, tplChecksums, tplAutoInc);
                long t1 = System.nanoTime();
                restore(name, changed, truncate, tplAutoInc);
                long t2 = System.nanoTime();
                if (!changed.equals(List.of("t01", "t40"))) {
                    throw new IllegalStateException("detected " + changed + " instead of [t01, t40]");
                }
                if (!changedTables(name, plan, tplChecksums, tplAutoInc).isEmpty()) {
                    throw new IllegalStateException("restore left differences in " + name);
                }
                detect.add(t1 - t0);
                (truncate ? restoreTruncate : restoreDelete).add(t2 - t1);
            }
            String moved = name();
            long m0 = System.nanoTime();
            moveTables(name, moved, plan);
            move.add(System.nanoTime() - m0);
            cloner.drop(name);
            cloner.drop(moved);
        }
        return List.of(line("recycle: detect changed tables (CHECKSUM TABLE x40 + AUTO_INCREMENT)", detect),
                line("recycle: restore 2 changed tables with DELETE + INSERT ... SELECT", restoreDelete),
                line("recycle: restore 2 changed tables with TRUNCATE + INSERT ... SELECT", restoreTruncate),
                line("recycle: move 40 tables to a new database name (CREATE DATABASE + RENAME TABLE x40 + DROP)", move));
    }

    private void useLikeATest(String name) throws SQLException {
        connections.admin(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO `" + name + "`.t40 (id, name, created_at, parent_id) VALUES (100, 'x', 'now', 1)");
                s.execute("UPDATE `" + name + "`.t01 SET note = 'changed' WHERE id = 1");
            }
            return null;
        });
    }

    private List<String> changedTables(String name, MariadbPlan plan, Map<String, Long> tplChecksums,
            Map<String, Long> tplAutoInc) throws SQLException {
        Map<String, Long> now = checksums(name, plan);
        Map<String, Long> auto = autoIncrements(name);
        List<String> changed = new ArrayList<>();
        for (MariadbPlan.Table t : plan.tables()) {
            if (!now.get(t.name()).equals(tplChecksums.get(t.name()))
                    || !java.util.Objects.equals(auto.get(t.name()), tplAutoInc.get(t.name()))) {
                changed.add(t.name());
            }
        }
        return changed;
    }

    private void restore(String name, List<String> tables, boolean truncate, Map<String, Long> tplAutoInc) throws SQLException {
        connections.admin(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
                for (String t : tables) {
                    String q = "`" + name + "`.`" + t + "`";
                    s.execute((truncate ? "TRUNCATE TABLE " : "DELETE FROM ") + q);
                    s.execute("INSERT INTO " + q + " SELECT * FROM `" + template + "`.`" + t + "`");
                    if (tplAutoInc.get(t) != null) {
                        s.execute("ALTER TABLE " + q + " AUTO_INCREMENT = " + tplAutoInc.get(t));
                    }
                }
                s.execute("SET SESSION foreign_key_checks = 1, unique_checks = 1");
            }
            return null;
        });
    }

    private void moveTables(String from, String to, MariadbPlan plan) throws SQLException {
        connections.admin(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE `" + to + "`");
                StringBuilder sql = new StringBuilder("RENAME TABLE ");
                for (int i = 0; i < plan.tables().size(); i++) {
                    String t = plan.tables().get(i).name();
                    sql.append(i == 0 ? "" : ", ").append('`').append(from).append("`.`").append(t).append("` TO `").append(to)
                            .append("`.`").append(t).append('`');
                }
                s.execute(sql.toString());
                s.execute("DROP DATABASE `" + from + "`");
            }
            return null;
        });
    }

    private Map<String, Long> checksums(String db, MariadbPlan plan) throws SQLException {
        return connections.admin(c -> {
            Map<String, Long> out = new HashMap<>();
            StringBuilder sql = new StringBuilder("CHECKSUM TABLE ");
            for (int i = 0; i < plan.tables().size(); i++) {
                sql.append(i == 0 ? "" : ", ").append('`').append(db).append("`.`").append(plan.tables().get(i).name()).append('`');
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                while (rs.next()) {
                    out.put(rs.getString(1).substring(db.length() + 1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    private Map<String, Long> autoIncrements(String db) throws SQLException {
        return connections.admin(c -> {
            Map<String, Long> out = new HashMap<>();
            try (var ps = c.prepareStatement("SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
                ps.setString(1, db);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long v = rs.getLong(2);
                        out.put(rs.getString(1), rs.wasNull() ? null : v);
                    }
                }
            }
            return out;
        });
    }

    private void sequential(MariadbPlan plan, String name, boolean oneCommit) throws SQLException {
        connections.admin(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE `" + name + "`");
                s.execute("USE `" + name + "`");
                s.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
                for (MariadbPlan.Table t : plan.tables()) {
                    s.execute(MariadbPlan.rewrite(t.create(), template, name));
                }
                if (oneCommit) {
                    s.execute("START TRANSACTION");
                }
                for (MariadbPlan.Table t : plan.tables()) {
                    if (t.hasRows()) {
                        s.execute("INSERT INTO `" + t.name() + "` (" + t.columns() + ") SELECT " + t.columns() + " FROM `"
                                + template + "`.`" + t.name() + "`");
                    }
                }
                if (oneCommit) {
                    s.execute("COMMIT");
                }
                s.execute("SET SESSION foreign_key_checks = 1, unique_checks = 1");
            }
            return null;
        });
    }

    private void multiStatement(MariadbPlan plan, String name) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE DATABASE `" + name + "`; USE `" + name + "`; "
                + "SET SESSION foreign_key_checks = 0, unique_checks = 0;");
        for (MariadbPlan.Table t : plan.tables()) {
            sql.append(MariadbPlan.rewrite(t.create(), template, name)).append(";\n");
        }
        sql.append("START TRANSACTION;");
        for (MariadbPlan.Table t : plan.tables()) {
            if (t.hasRows()) {
                sql.append("INSERT INTO `").append(t.name()).append("` (").append(t.columns()).append(") SELECT ")
                        .append(t.columns()).append(" FROM `").append(template).append("`.`").append(t.name()).append("`;\n");
            }
        }
        sql.append("COMMIT");
        String url = MariadbTestServer.URL + (MariadbTestServer.URL.contains("?") ? "&" : "?") + "allowMultiQueries=true";
        try (Connection c = DriverManager.getConnection(url, MariadbTestServer.USER, MariadbTestServer.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql.toString());
            while (s.getMoreResults() || s.getUpdateCount() != -1) {
                // drain every result of the batch
            }
        }
    }

    private void like(MariadbPlan plan, String name) throws SQLException {
        connections.admin(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE `" + name + "`");
                s.execute("SET SESSION foreign_key_checks = 0");
                for (MariadbPlan.Table t : plan.tables()) {
                    s.execute("CREATE TABLE `" + name + "`.`" + t.name() + "` LIKE `" + template + "`.`" + t.name() + "`");
                    s.execute("INSERT INTO `" + name + "`.`" + t.name() + "` SELECT * FROM `" + template + "`.`" + t.name() + "`");
                }
                s.execute("SET SESSION foreign_key_checks = 1");
            }
            return null;
        });
    }

    private static String name() {
        return "pristine_measure_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static String line(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        return String.format(Locale.ROOT, "%-100s p50 %7.1f ms  mean %7.1f ms  (n=%d)", what,
                MariadbMeasurements.ms(MariadbMeasurements.pct(sorted, 50)), mean, sorted.size());
    }
}
