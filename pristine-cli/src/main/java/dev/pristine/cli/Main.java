package dev.pristine.cli;

import dev.pristine.ErrorCode;
import dev.pristine.PristineException;
import dev.pristine.PristineSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code pristine} command line; see {@code pristine --help} and {@code pristine-cli/README.md}.
 * Exits with 0 on success, or the exit code of the failure's {@link ErrorCode}.
 *
 * <p>Not meant to be called from other code: {@link #main} ends the JVM.
 */
public final class Main {

    private Main() {}

    /**
     * Runs one command and exits the JVM with its exit code.
     *
     * @param args the command line, not null
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command and returns its exit code. */
    static int execute(String[] args) {
        if (args.length > 0 && !PristineCommand.SUBCOMMANDS.containsKey(args[0])
                && PristineCommand.PLUGGED.containsKey(args[0])) {
            return output(args).fail(new PristineException(ErrorCode.CONFIGURATION, "the " + args[0]
                    + " command is not in this jar", args[0],
                    PristineCommand.PLUGGED.get(args[0])), null);
        }
        CommandLine cli = new CommandLine(new PristineCommand());
        if (args.length > 0 && PristineCommand.SUBCOMMANDS.containsKey(args[0])) {
            cli.addSubcommand(args[0], PristineCommand.SUBCOMMANDS.get(args[0]).get());
        } else {
            PristineCommand.SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
            List<String> footer = new ArrayList<>(Arrays.asList(cli.getCommandSpec().usageMessage().footer()));
            PristineCommand.PLUGGED.forEach((name, fix) -> {
                if (!PristineCommand.SUBCOMMANDS.containsKey(name)) {
                    footer.add(name + " is not in this jar: " + fix + ".");
                }
            });
            cli.getCommandSpec().usageMessage().footer(footer.toArray(new String[0]));
        }
        cli.setParameterExceptionHandler((e, a) -> usageError(e, a));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Only what escaped BaseCommand (e.g. from the top command) gets here.
            Output output = output(args);
            return e instanceof PristineException p ? output.fail(p, null) : output.unexpected(e, null);
        });
        return cli.execute(args);
    }

    private static int usageError(ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        String message = e.getMessage() == null ? "invalid command line" : e.getMessage().strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        String fix = "run " + command + " --help for the options";
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            fix = "did you mean " + String.join(" or ", u.getSuggestions()) + "? " + fix;
        }
        return output(args).fail(new PristineException(ErrorCode.CONFIGURATION, message, null, fix), null);
    }

    /** Where errors that no command handled go, as the command line asks (--json, --verbose). */
    private static Output output(String[] args) {
        return new Output(System.out, System.err, hasFlag(args, "--json"), (hasFlag(args, "--verbose") || hasFlag(args, "-v")),
                masking(args));
    }

    private static boolean hasFlag(String[] args, String flag) {
        return Arrays.asList(args).contains(flag);
    }

    /** Masks every {@code --password} value on the command line, even when it could not be parsed. */
    private static Masking masking(String[] args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--password") && i + 1 < args.length) {
                secrets.add(args[i + 1]);
            } else if (args[i].startsWith("--password=")) {
                secrets.add(args[i].substring("--password=".length()));
            }
        }
        secrets.add(PristineSettings.standard().get("password").orElse(null));
        return Masking.of(secrets);
    }
}
