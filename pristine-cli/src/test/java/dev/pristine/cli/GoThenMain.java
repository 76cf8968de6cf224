package dev.pristine.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Runs the CLI once a "go" line arrives on stdin, after printing "ready" (stdout is then the CLI's), so a
 * test can start several JVMs and let them run the command at the same moment.
 */
final class GoThenMain {

    private GoThenMain() {}

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Class.forName(Main.class.getName());
        System.err.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            System.exit(99);
        }
        Main.main(args);
    }
}
