package dev.pristine.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;

/** How the failures of a run read in a build tool's output, for the adapters' "a failed build is reported once" tests. */
public final class FailureReports {

    private FailureReports() {}

    /** What a build tool prints for a failed test: the exception with its stack trace and causes. */
    public static String asPrinted(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out, true));
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    /**
     * Asserts that, of these failures as printed, exactly one holds the full message ({@code type: full}, with no stack
     * trace), every other one is the single line {@code type: brief}, and all of it takes under 100 lines.
     */
    public static void assertReportedOnce(List<Throwable> failures, String type, String full, String brief) {
        List<String> reports = failures.stream().map(FailureReports::asPrinted).toList();
        String all = String.join("", reports);
        assertThat(all.split(Pattern.quote(full), -1)).as("reports:%n%s", all).hasSize(2);
        assertThat(reports).containsOnlyOnce(type + ": " + full + "\n");
        assertThat(reports).filteredOn(r -> !r.contains(full)).hasSize(failures.size() - 1)
                .containsOnly(type + ": " + brief + "\n");
        assertThat(all.lines().count()).as("lines of failure output:%n%s", all).isLessThan(100);
    }
}
