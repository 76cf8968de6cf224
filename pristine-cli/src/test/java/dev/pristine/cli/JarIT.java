package dev.pristine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runnable jar through the {@code ./pristine} wrapper, as a user runs it from the repository root.
 * Runs in the {@code package} phase, after the shade plugin made {@code target/pristine.jar}.
 */
class JarIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("pristine-cli/target/pristine.jar");

    @TempDir
    Path tmp;

    @Test
    void theReadmesFirstCommandRunsTheDemoOnTheExampleSchema() {
        Cli.Run run = wrapper(ROOT, "demo", "--leases", "3", "--json");

        JsonNode demo = run.ok();
        assertThat(demo.get("built").asBoolean()).isTrue();
        assertThat(demo.get("leases").asInt()).isEqualTo(3);
        assertThat(demo.get("isolated").asBoolean()).isTrue();
        assertThat(demo.get("tables").asInt()).isPositive();
        assertThat(demo.get("rows").asLong()).isPositive();
        assertThat(demo.get("scratchMillis").asLong()).isPositive();
        assertThat(demo.get("acquireMedianMillis").asDouble()).isPositive();
    }

    @Test
    void withoutTheJarTheWrapperSaysHowToBuildIt() throws IOException {
        Path copy = Files.copy(ROOT.resolve("pristine"), tmp.resolve("pristine"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));

        Cli.Run run = wrapper(tmp, "status");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: pristine-cli/target/pristine.jar is missing, "
                + "build it with: mvn -q install -DskipTests\n");
    }

    @Test
    void theProductJarCarriesNoBenchmarkToolsNorTheBench() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            assertThat(jar.stream().map(ZipEntry::getName)).isNotEmpty().noneMatch(name -> name.startsWith("org/springframework/")
                    || name.startsWith("org/openjdk/jmh/") || name.startsWith("io/zonky/test/db/")
                    || name.startsWith("dev/pristine/bench/"));
        }
    }

    @Test
    void theProductJarKeepsEveryEngineAndMigratorAndFlywaysSupportForTheServers() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            assertThat(services(jar, "dev.pristine.spi.EngineProvider")).containsExactlyInAnyOrder(
                    "dev.pristine.sqlite.SqliteEngineProvider", "dev.pristine.h2.H2EngineProvider",
                    "dev.pristine.postgres.PostgresEngineProvider", "dev.pristine.mariadb.MariadbEngineProvider");
            assertThat(services(jar, "dev.pristine.spi.MigratorProvider")).containsExactlyInAnyOrder(
                    "dev.pristine.internal.SqlDirectoryMigratorProvider", "dev.pristine.flyway.FlywayMigratorProvider",
                    "dev.pristine.liquibase.LiquibaseMigratorProvider");
            assertThat(services(jar, "org.flywaydb.core.extensibility.Plugin")).contains(
                    "org.flywaydb.database.postgresql.PostgreSQLDatabaseType", "org.flywaydb.database.mysql.MySQLDatabaseType",
                    "org.flywaydb.database.mysql.mariadb.MariaDBDatabaseType");
        }
    }

    @ParameterizedTest
    @CsvSource({"postgres, PRISTINE_PG_URL, jdbc:postgresql://127.0.0.1:5432/postgres, PRISTINE_PG_USER, postgres",
        "mariadb, PRISTINE_MARIADB_URL, jdbc:mariadb://127.0.0.1:3306/, PRISTINE_MARIADB_USER, root"})
    void theServerEnginesRunFromTheJar(String engine, String urlVariable, String defaultUrl, String userVariable,
            String defaultUser) {
        Cli.Run run = wrapper(ROOT, "status", "--engine", engine, "--url", System.getenv().getOrDefault(urlVariable, defaultUrl),
                "--user", System.getenv().getOrDefault(userVariable, defaultUser), "--state-dir", tmp.toString(), "--json");

        JsonNode status = run.ok();
        assertThat(status.get("templates").isArray()).isTrue();
        assertThat(status.get("clones").isArray()).isTrue();
    }

    @Test
    void benchFromTheProductJarSaysWhereTheBenchIs() {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "bench", "--engine", "sqlite", "--tests", "50");
        pb.environment().keySet().removeIf(k -> k.startsWith("PRISTINE_"));
        Cli.Run run = start(pb);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: the bench command is not in this jar, bench, "
                + "run ./pristine bench from the repository root (it runs pristine-bench/target/pristine-bench.jar; "
                + "mvn -q install -DskipTests builds it)\n");
    }

    @Test
    void withoutTheBenchJarTheWrapperSaysHowToBuildIt() throws IOException {
        Path copy = Files.copy(ROOT.resolve("pristine"), tmp.resolve("pristine"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));

        Cli.Run run = wrapper(tmp, "bench", "--engine", "sqlite", "--tests", "50", "--json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("pristine: CONFIGURATION: pristine-bench/target/pristine-bench.jar is missing, "
                + "build it with: mvn -q install -DskipTests\n");
    }

    private static List<String> services(ZipFile jar, String service) throws IOException {
        ZipEntry entry = jar.getEntry("META-INF/services/" + service);
        assertThat(entry).as(service).isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList();
        }
    }

    private static Cli.Run wrapper(Path dir, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "./pristine";
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PRISTINE_"));
        return start(pb);
    }

    private static Cli.Run start(ProcessBuilder pb) {
        try {
            return Cli.finish(pb.start());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
