package dev.pristine.cli;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * The top command, {@code pristine}: only dispatches to its subcommands. They are registered by
 * {@link Main}, only the one named on the command line when there is one: picocli builds the model of
 * every registered command by reflection, and that is most of the start-up time.
 */
@Command(name = "pristine", versionProvider = PristineCommand.Version.class,
        description = "A fresh, fully-migrated, isolated database for every test.",
        footer = {"", "Exit codes: 0 ok, 1 unexpected, 2 usage or configuration, 3 migration failed, "
                + "4 engine unreachable or authentication failed, 5 pool exhausted or timed out, 6 unsafe target refused, "
                + "7 storage (disk full)."})
final class PristineCommand implements Callable<Integer> {

    /** Every subcommand, by name, in the order help lists them: this jar's, then those of {@link CommandPlugin}s. */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    /** Commands that a plug-in jar adds (see {@link CommandPlugin}), and how to run one that is missing. */
    static final Map<String, String> PLUGGED = Map.of("bench", "run ./pristine bench from the repository root "
            + "(it runs pristine-bench/target/pristine-bench.jar; mvn -q install -DskipTests builds it)");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Override
    public Integer call() {
        PristineException e = new PristineException(ErrorCode.CONFIGURATION, "no command given",
                "expected one of " + String.join(", ", SUBCOMMANDS.keySet()),
                "run pristine --help");
        System.err.println(e.toErrorLine());
        return e.code().exitCode();
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("prepare", PrepareCommand::new);
        m.put("lease", LeaseCommand::new);
        m.put("release", ReleaseCommand::new);
        m.put("status", StatusCommand::new);
        m.put("gc", GcCommand::new);
        m.put("demo", DemoCommand::new);
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
            m.putIfAbsent(plugin.name(), plugin::newCommand);
        }
        return m;
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PristineCommand.class.getPackage().getImplementationVersion();
            return new String[] {"pristine " + (v == null ? "(development build)" : v)};
        }
    }
}
