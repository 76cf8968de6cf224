package dev.pristine.internal;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.spi.MigrationTarget;
import dev.pristine.spi.Migrator;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a directory of plain SQL files (or one file). Versioned files ({@code V1__x.sql}, {@code V1.2__y.sql},
 * named by Flyway's rules: see {@link SqlMigrationFiles}) run first, in version order; other files follow in
 * name order. The files are read and decoded (UTF-8 unless {@code pristine.encoding} names another encoding;
 * a byte order mark is dropped) once, when the migrator is made, so the fingerprint and the migration see the
 * same bytes, and a bad name or byte is reported before anything runs. Each file runs in one
 * transaction, unless it holds a statement that cannot ({@code PRAGMA}, {@code VACUUM},
 * {@code … CONCURRENTLY}): then it runs statement by statement in auto-commit mode.
 *
 * <p>Thread-safe (immutable).
 */
public final class SqlDirectoryMigrator implements Migrator {

    /** Statements that cannot run inside a transaction; a file holding one runs in auto-commit mode, like Flyway does. */
    private static final Pattern NON_TRANSACTIONAL = Pattern.compile(
            "^(?:PRAGMA\\s|VACUUM\\b)|\\bCONCURRENTLY\\b|^ALTER\\s+SYSTEM\\b", Pattern.CASE_INSENSITIVE);
    private static final String FORMAT = "pristine-sql-directory/1";

    /** One migration file, read into memory: its bytes (for the fingerprint) and its decoded text. */
    record SqlFile(String name, byte[] content, String text, List<BigInteger> version) {}

    private final Path location;
    private final List<SqlFile> files;
    private final String fingerprint;

    private SqlDirectoryMigrator(Path location, List<SqlFile> files, Charset encoding) {
        this.location = location;
        this.files = List.copyOf(files);
        Hashing h = Hashing.sha256().add(FORMAT);
        if (!encoding.equals(SqlMigrationFiles.DEFAULT_ENCODING)) {
            // the same bytes read in another encoding are other statements; UTF-8 adds nothing, so keys stay as they were
            h.add("encoding=" + encoding.name());
        }
        for (SqlFile f : files) {
            h.add(f.name()).add(f.content());
        }
        this.fingerprint = h.hex();
    }

    /**
     * Reads the migrations at {@code location}: a directory (searched recursively for {@code *.sql}) or one file,
     * in UTF-8.
     *
     * @throws PristineException with {@code CONFIGURATION} as {@link #of(Path, Charset)} does
     */
    public static SqlDirectoryMigrator of(Path location) {
        return of(location, SqlMigrationFiles.DEFAULT_ENCODING);
    }

    /**
     * Reads the migrations at {@code location} written in {@code encoding}.
     *
     * @throws PristineException with {@code CONFIGURATION} when the location is missing, empty or ambiguous, a
     *     name looks versioned but is not valid, or a file holds bytes that are not valid in {@code encoding}
     */
    public static SqlDirectoryMigrator of(Path location, Charset encoding) {
        Path dir = location.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new PristineException(ErrorCode.CONFIGURATION, "migrations location does not exist", dir,
                    "set --migrations / pristine.migrations to a directory of .sql files");
        }
        List<SqlFile> files = new ArrayList<>();
        try {
            if (Files.isRegularFile(dir)) {
                files.add(read(dir.getParent(), dir, encoding));
            } else {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql"))
                            .toList()) {
                        files.add(read(dir, p, encoding));
                    }
                }
            }
        } catch (IOException e) {
            throw new PristineException(ErrorCode.CONFIGURATION, "cannot read migrations", dir,
                    "check the path and its permissions", e);
        }
        if (files.isEmpty()) {
            throw new PristineException(ErrorCode.CONFIGURATION, "no .sql files in migrations directory", dir,
                    "put migrations named like V1__create_tables.sql there, or point --migrations elsewhere");
        }
        files.sort(ORDER);
        for (int i = 1; i < files.size(); i++) {
            SqlFile a = files.get(i - 1);
            SqlFile b = files.get(i);
            if (a.version() != null && b.version() != null && compareVersions(a.version(), b.version()) == 0) {
                throw new PristineException(ErrorCode.CONFIGURATION, "two migrations have the same version",
                        a.name() + " and " + b.name() + " in " + dir, "give each versioned migration its own version "
                                + "(versions compare by number, as in Flyway: V1, V01 and V1.0 are one version)");
            }
        }
        return new SqlDirectoryMigrator(dir, files, encoding);
    }

    private static final Comparator<SqlFile> ORDER = (a, b) -> {
        if (a.version() != null && b.version() != null) {
            int c = compareVersions(a.version(), b.version());
            return c != 0 ? c : a.name().compareTo(b.name());
        }
        if (a.version() != null) {
            return -1;
        }
        if (b.version() != null) {
            return 1;
        }
        return a.name().compareTo(b.name());
    };

    private static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static SqlFile read(Path root, Path file, Charset encoding) throws IOException {
        String name = root.relativize(file).toString().replace('\\', '/');
        List<BigInteger> version = SqlMigrationFiles.version(file.getFileName().toString(), name, root);
        byte[] content = Files.readAllBytes(file);
        return new SqlFile(name, content, SqlMigrationFiles.decode(name, content, encoding), version);
    }

    /** The file names in the order they run. */
    public List<String> fileNames() {
        return files.stream().map(SqlFile::name).toList();
    }

    @Override
    public String id() {
        return "sql";
    }

    @Override
    public String describe() {
        return "SQL migrations " + location + " (" + files.size() + (files.size() == 1 ? " file)" : " files)");
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void migrate(MigrationTarget target) throws SQLException {
        boolean backslash = target.engineId().equals("mariadb") || target.engineId().equals("mysql");
        try (Connection c = target.dataSource().getConnection()) {
            for (SqlFile f : files) {
                run(c, f, backslash);
            }
        }
    }

    private void run(Connection c, SqlFile f, boolean backslash) throws SQLException {
        List<SqlScript.Statement> statements = SqlScript.split(f.text(), backslash);
        SqlGuard.Dialect dialect = backslash ? SqlGuard.Dialect.MYSQL : SqlGuard.Dialect.STANDARD;
        for (SqlScript.Statement s : statements) {
            Optional<SqlGuard.Refusal> refused = SqlGuard.check(s.sql(), dialect);
            if (refused.isPresent()) {
                throw new PristineException(ErrorCode.MIGRATION_FAILED, "migration " + f.name() + " line "
                        + (s.line() + refused.get().lineOffset()) + ": " + refused.get().reason(), excerpt(s.sql()),
                        refused.get().fix());
            }
        }
        boolean transactional = statements.stream().noneMatch(st -> NON_TRANSACTIONAL.matcher(st.sql()).find());
        c.setAutoCommit(!transactional);
        try (Statement st = c.createStatement()) {
            for (SqlScript.Statement s : statements) {
                try {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    if (transactional) {
                        rollbackQuietly(c);
                    }
                    throw new PristineException(ErrorCode.MIGRATION_FAILED,
                            "migration " + f.name() + " failed at line " + s.line() + ": " + e.getMessage(),
                            "statement `" + excerpt(s.sql()) + "`",
                            "fix the migration and run again; no template was published for it", e);
                }
            }
            if (transactional) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            // A failed statement or commit (SQLITE_FULL) may have rolled the transaction back already; then
            // restoring auto-commit fails with "cannot commit - no transaction is active" and must not replace e.
            autoCommitQuietly(c);
            throw e;
        }
        c.setAutoCommit(true);
    }

    private static void autoCommitQuietly(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the original failure is what the user needs to see
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the user needs to see
        }
    }

    private static String excerpt(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine;
    }
}
