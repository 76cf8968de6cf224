package dev.pristine.bench;

import dev.pristine.cli.CommandPlugin;

/**
 * Adds {@code bench} to the {@code pristine} command line when this module is on the class path, as it is
 * in {@code pristine-bench/target/pristine-bench.jar}, the jar {@code ./pristine bench} runs.
 */
public final class BenchPlugin implements CommandPlugin {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public Object newCommand() {
        return new BenchCommand();
    }
}
