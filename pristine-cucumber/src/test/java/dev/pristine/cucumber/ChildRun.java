package dev.pristine.cucumber;

import java.util.LinkedHashMap;
import java.util.Map;

/** The main class of a child JVM that runs features given as arguments: {@code name=value… feature-path}. */
public final class ChildRun {

    private ChildRun() {}

    public static void main(String[] args) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < args.length - 1; i++) {
            int eq = args[i].indexOf('=');
            parameters.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Runs.run(parameters, args[args.length - 1]);
    }
}
