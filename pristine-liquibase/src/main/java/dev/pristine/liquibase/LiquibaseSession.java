package dev.pristine.liquibase;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import liquibase.ChecksumVersion;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.change.Change;
import liquibase.change.core.CreateProcedureChange;
import liquibase.change.core.LoadDataChange;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.util.LiquibaseUtil;

/**
 * One use of Liquibase on a {@link LiquibaseConfig}: the Liquibase scope Pristine runs it in (the search
 * path as resource accessor, the log through slf4j, console output to the log, since the CLI's stdout is
 * for its JSON; no anonymous analytics from test runs), the parsed changelog tree and its fingerprint.
 */
final class LiquibaseSession {

    /** Pristine's own format of the fingerprint; bump when what goes into it changes. */
    static final String FORMAT = "pristine-liquibase/1";

    private final LiquibaseConfig config;
    private final RecordingResourceAccessor accessor;

    LiquibaseSession(LiquibaseConfig config) throws FileNotFoundException {
        this.config = config;
        List<ResourceAccessor> roots = new ArrayList<>();
        for (Path p : config.searchPath()) {
            roots.add(new DirectoryResourceAccessor(p));
        }
        this.accessor = new RecordingResourceAccessor(new CompositeResourceAccessor(roots));
    }

    static String liquibaseVersion() {
        return LiquibaseUtil.getBuildVersion();
    }

    /** Runs {@code body} in a Liquibase scope set up for Pristine. */
    <T> T inScope(Scope.ScopedRunnerWithReturn<T> body) throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put(Scope.Attr.resourceAccessor.name(), accessor);
        values.put(Scope.Attr.ui.name(), new LoggerUIService());
        values.put(Scope.Attr.logService.name(), new Slf4jLogService());
        values.put(AnalyticsArgs.ENABLED.getKey(), Boolean.FALSE);
        return Scope.child(values, body);
    }

    /** The changelog parameters, for the parse and the update (a database adds its own ones). */
    ChangeLogParameters parameters(Database database) {
        ChangeLogParameters p = database == null ? new ChangeLogParameters() : new ChangeLogParameters(database);
        p.setContexts(new Contexts(config.contexts()));
        p.setLabels(new LabelExpression(config.labels()));
        config.parameters().forEach((name, value) -> {
            p.set(name, value);
            // pristine.* setting names arrive normalised (seed_name and seed.name become seed-name): answer to every spelling
            if (name.indexOf('-') >= 0) {
                for (String alias : new String[] {name.replace('-', '_'), name.replace('-', '.')}) {
                    if (!config.parameters().containsKey(alias)) {
                        p.set(alias, value);
                    }
                }
            }
        });
        return p;
    }

    /** Parses the whole changelog tree, following {@code include} and {@code includeAll}. Call in {@link #inScope}. */
    DatabaseChangeLog parse(Database database) throws Exception {
        String path = config.changelogPath();
        return ChangeLogParserFactory.getInstance().getParser(path, accessor).parse(path, parameters(database), accessor);
    }

    /**
     * The fingerprint of a parsed tree: Liquibase's version, the changelog path, contexts, labels, parameters,
     * every changeset (file, id, author, checksum) in run order with the raw bytes of the files its changes load
     * (SQL files, CSVs), and the raw bytes of every changelog and property file Liquibase read. Call in {@link #inScope}.
     */
    String fingerprint(DatabaseChangeLog tree, String liquibaseVersion) throws IOException {
        Digest d = new Digest().add(FORMAT).add("liquibase " + liquibaseVersion).add(config.changelogPath())
                .add("contexts=" + config.contexts()).add("labels=" + config.labels());
        config.parameters().forEach((k, v) -> d.add("parameter " + k).add(v));
        for (ChangeSet cs : tree.getChangeSets()) {
            d.add("changeset").add(cs.getFilePath()).add(cs.getId()).add(cs.getAuthor())
                    .add(cs.generateCheckSum(ChecksumVersion.latest()).toString());
            for (Change change : cs.getChanges()) {
                addLoadedFile(d, cs, change);
            }
        }
        SortedMap<String, Resource> read = accessor.fetched();
        for (Map.Entry<String, Resource> e : read.entrySet()) {
            try (InputStream in = e.getValue().openInputStream()) {
                d.add("file " + e.getKey()).add(in.readAllBytes());
            }
        }
        return d.hex();
    }

    /**
     * Adds the raw bytes of a file a change loads ({@code sqlFile}, {@code createProcedure path=}, {@code loadData}):
     * Liquibase resolves relative ones itself, past the accessor, and its checksums normalise whitespace.
     */
    private void addLoadedFile(Digest d, ChangeSet cs, Change change) throws IOException {
        InputStream in = null;
        String path = null;
        if (change instanceof SQLFileChange f) {
            path = f.getPath();
            in = f.openSqlStream();
        } else if (change instanceof CreateProcedureChange f && f.getPath() != null) {
            path = f.getPath();
            in = f.openSqlStream();
        } else if (change instanceof LoadDataChange f && f.getFile() != null) {
            path = f.getFile();
            Resource r = Boolean.TRUE.equals(f.isRelativeToChangelogFile())
                    ? accessor.getExisting(cs.getChangeLog().getPhysicalFilePath()).resolveSibling(path)
                    : accessor.getExisting(path);
            in = r.openInputStream();
        }
        if (in != null) {
            try (InputStream stream = in) {
                d.add("loads " + path).add(stream.readAllBytes());
            }
        }
    }

    /** How many files Liquibase read, for {@code describe()}. */
    int filesRead() {
        return accessor.fetched().size();
    }

}
