package dev.pristine.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pristine.ErrorCode;
import dev.pristine.PreparedTemplate;
import dev.pristine.Pristine;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import dev.pristine.TemplateStatus;
import dev.pristine.TestDatabase;
import dev.pristine.spi.Engine;
import dev.pristine.spi.EngineProvider;
import dev.pristine.spi.EngineSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Liquibase migrator does on every engine: an XML master with {@code include} (YAML),
 * {@code includeAll} (formatted SQL, JSON) and a {@code sqlFile} builds a template and clones it; a formatted
 * SQL changelog obeys contexts, labels and parameters given as {@code pristine.*} settings; a broken changeset
 * is reported with its id, author, file and the engine's message, and nothing is published.
 *
 * <p>One subclass per engine ({@code LiquibaseSqliteIT}, {@code LiquibaseH2IT}, {@code LiquibasePostgresIT},
 * {@code LiquibaseMariadbIT}): implement {@link #engineSettings()} with the {@code pristine.*} settings that select
 * and reach the engine, and add the engine module as a test dependency. Templates a test built are dropped after it.
 */
abstract class LiquibaseEngineContract {

    @TempDir
    Path work;

    Path stateDir;

    /** The settings that select and reach the engine under test: at least {@code engine}. */
    protected abstract Map<String, String> engineSettings();

    @BeforeEach
    void stateDirectory() {
        stateDir = work.resolve("state");
    }

    private final List<String> keys = new ArrayList<>();

    Pristine pristine(Path migrations, Map<String, String> extra) {
        Map<String, String> s = settings(migrations, extra);
        Pristine p = Pristine.builder().settings(PristineSettings.empty().withOverrides(s)).build();
        keys.add(p.key());
        return p;
    }

    private Map<String, String> settings(Path migrations, Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>(engineSettings());
        s.put("state-dir", stateDir.toString());
        s.put("migrations", migrations.toString());
        s.put("pool-size", "1");
        s.putAll(extra);
        return s;
    }

    /** Drops the templates this test built: a server outlives the test run, and they are of no use to anyone. */
    @AfterEach
    void dropTemplates() throws Exception {
        Map<String, String> s = settings(stateDir, Map.of());
        for (EngineProvider provider : ServiceLoader.load(EngineProvider.class)) {
            if (provider.id().equals(s.get("engine"))) {
                try (Engine engine = provider.create(new EngineSettings(s.get("url"), s.get("user"), s.get("password"),
                        stateDir, false, PristineSettings.empty().withOverrides(s).asMap()))) {
                    for (String key : keys) {
                        if (engine.findTemplate(key).isPresent()) {
                            engine.dropTemplate(key);
                        }
                    }
                }
            }
        }
    }

    @Test
    void anXmlMasterWithIncludeIncludeAllAndSqlFileBuildsAndClones() throws Exception {
        Path master = Changelogs.tree(work);
        try (Pristine p = pristine(master, Map.of("liquibase.parameters.seedName", "seeded"))) {
            PreparedTemplate t = p.prepare();
            assertThat(t.built()).isTrue();
            try (TestDatabase a = p.acquire("lb.a"); TestDatabase b = p.acquire("lb.b")) {
                assertThat(strings(a, "SELECT name FROM item ORDER BY id"))
                        .containsExactly("seeded", "demo only", "from sqlFile");
                assertThat(count(a, "SELECT COUNT(*) FROM tag")).isZero();
                assertThat(count(a, "SELECT COUNT(*) FROM note")).isZero();
                assertThat(strings(a, "SELECT id FROM DATABASECHANGELOG ORDER BY orderexecuted"))
                        .containsExactly("items-1", "tags-1", "seed-1", "seed-demo", "notes-1", "more-items");
                execute(a, "INSERT INTO tag (id, label) VALUES (1, 'only in a')");
                assertThat(count(a, "SELECT COUNT(*) FROM tag")).isEqualTo(1);
                assertThat(count(b, "SELECT COUNT(*) FROM tag")).isZero();
            }
        }
        try (Pristine p = pristine(master, Map.of("liquibase.parameters.seedName", "seeded"))) {
            assertThat(p.prepare().built()).as("the second run finds the template").isFalse();
        }
    }

    @Test
    void aFormattedSqlChangelogObeysContextsLabelsAndParameters() throws Exception {
        Path changelog = Changelogs.formattedSql(work);
        Map<String, String> settings = Map.of("liquibase.contexts", "test", "liquibase.labels", "core",
                "liquibase.parameters.greeting", "hello");
        try (Pristine p = pristine(changelog, settings); TestDatabase db = p.acquire("lb.formatted")) {
            assertThat(strings(db, "SELECT text FROM greeting ORDER BY id")).containsExactly("hello");
        }
        try (Pristine p = pristine(changelog, Map.of("liquibase.parameters.greeting", "hi"));
                TestDatabase db = p.acquire("lb.formatted.all")) {
            assertThat(strings(db, "SELECT text FROM greeting ORDER BY id")).containsExactly("hi", "extra", "demo");
        }
    }

    @Test
    void aBrokenChangesetNamesItsIdAuthorAndFileAndPublishesNothing() throws Exception {
        Path master = Changelogs.tree(work);
        Changelogs.write(master.resolveSibling("tags.yaml"), Files.readString(master.resolveSibling("tags.yaml")) + """
                  - changeSet:
                      id: tags-broken
                      author: mallory
                      changes:
                        - sql:
                            sql: CREAT TABLE oops (id INT)
                """);
        try (Pristine p = pristine(master, Map.of("liquibase.parameters.seedName", "x"))) {
            String key = p.key();
            assertThatThrownBy(p::prepare).isInstanceOfSatisfying(PristineException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                assertThat(e.getMessage()).startsWith("Liquibase changeset tags-broken by mallory in ")
                        .contains("tags.yaml failed: ", "CREAT TABLE oops",
                                "fix the changeset and run again; no template was published for it");
            });
            assertThat(p.status().templates()).extracting(TemplateStatus::key).doesNotContain(key);
        }
    }

    static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> strings(TestDatabase db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
