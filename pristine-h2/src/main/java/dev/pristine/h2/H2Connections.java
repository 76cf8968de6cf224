package dev.pristine.h2;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.EngineSettings;
import dev.pristine.spi.Setting;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The connection settings of every database the engine makes, and their URLs.
 *
 * <p>Settings come from the {@code ;NAME=value} part of a {@code jdbc:h2:} URL given as {@code pristine.url},
 * from {@code h2.settings} ({@code NAME=value;NAME=value}) and from {@code h2.mode} (wins over a {@code MODE}
 * of the others). Every setting is applied to the build and to every clone, and every setting except those
 * that only tune a connection ({@link #CONNECTION_ONLY}) is part of the engine identity, so of the template key:
 * {@code MODE}, {@code DATABASE_TO_LOWER}, {@code CASE_INSENSITIVE_IDENTIFIERS}, {@code NON_KEYWORDS}… change
 * what the migrations produce.
 *
 * <p>Pristine owns {@code IFEXISTS} (on for clones, so a dropped clone is never silently recreated empty),
 * {@code DB_CLOSE_DELAY} (0 for file clones, so a released clone is closed and its file can go) and refuses
 * {@code INIT} (it would run on every connection to a clone: put that script into the migrations).
 */
final class H2Connections {

    /** Settings that tune a connection but do not change what a database is: left out of the identity. */
    static final Set<String> CONNECTION_ONLY = Set.of("AUTO_SERVER", "AUTO_SERVER_PORT", "AUTO_RECONNECT",
            "LOCK_TIMEOUT", "QUERY_TIMEOUT", "TRACE_LEVEL_FILE", "TRACE_LEVEL_SYSTEM_OUT", "TRACE_MAX_FILE_SIZE",
            "DB_CLOSE_ON_EXIT", "CACHE_SIZE", "WRITE_DELAY");
    private static final Set<String> OWNED = Set.of("IFEXISTS", "DB_CLOSE_DELAY", "FORBID_CREATION");
    private static final Set<String> REFUSED = Set.of("INIT", "USER", "PASSWORD", "ACCESS_MODE_DATA");

    static final Setting<String> MODE = Setting.text("h2.mode", null,
            "compatibility mode; wins over a MODE in the URL or h2.settings").shownDefault("H2's own");
    static final Setting<String> SETTINGS = Setting.text("h2.settings", null,
            "more H2 settings, NAME=value;NAME=value");
    /** Read by {@link H2Engine}: which kind of clone it makes. */
    static final Setting<String> CLONES = Setting.text("h2.clones", "file",
            "file: clones are files, usable from any process; memory: clones live in this JVM");

    private final Map<String, String> settings;
    private final String user;
    private final String password;

    H2Connections(EngineSettings engine) {
        Map<String, String> s = new TreeMap<>();
        if (engine.url() != null) {
            String url = engine.url();
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:")) {
                throw new PristineException(ErrorCode.CONFIGURATION,
                        "the h2 engine runs H2 embedded and keeps its databases in the state directory", url,
                        "give a URL only for its settings (jdbc:h2:mem:;MODE=PostgreSQL), or remove --url / pristine.url");
            }
            int semi = url.indexOf(';');
            if (semi >= 0) {
                parse(url.substring(semi + 1), "pristine.url", s);
            }
        }
        Optional.ofNullable(SETTINGS.get(engine)).ifPresent(v -> parse(v, "pristine." + SETTINGS.name(), s));
        Optional.ofNullable(MODE.get(engine)).ifPresent(v -> s.put("MODE", v.trim()));
        this.settings = Map.copyOf(s);
        this.user = engine.user() == null ? "sa" : engine.user();
        this.password = engine.password() == null ? "" : engine.password();
    }

    private static void parse(String text, String source, Map<String, String> into) {
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new PristineException(ErrorCode.CONFIGURATION, "an H2 setting is not NAME=value", part.trim(),
                        "write " + source + " as NAME=value;NAME=value, e.g. MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
            }
            String name = part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            if (REFUSED.contains(name) || OWNED.contains(name)) {
                throw new PristineException(ErrorCode.CONFIGURATION, "Pristine sets or refuses this H2 setting itself",
                        name + " in " + source, name.equals("INIT")
                                ? "put what INIT runs into your migrations: it would run again on every connection to a clone"
                                : "remove it; users and passwords go in pristine.user / pristine.password");
            }
            into.put(name, part.substring(eq + 1).trim());
        }
    }

    /** What about these settings changes a template, e.g. {@code DATABASE_TO_LOWER=TRUE;MODE=PostgreSQL}; empty when nothing. */
    String identity() {
        return settings.entrySet().stream().filter(e -> !CONNECTION_ONLY.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The URL of a database at {@code location} (a path without {@code .mv.db}, or {@code memFS:/…}). */
    String url(String location, String... extra) {
        StringBuilder sb = new StringBuilder("jdbc:h2:").append(location.startsWith("memFS:") ? "" : "file:").append(location);
        for (String e : extra) {
            sb.append(';').append(e);
        }
        settings.forEach((k, v) -> sb.append(';').append(k).append('=').append(v));
        return sb.toString();
    }

    DataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }
}
