package dev.pristine;

import java.util.List;

/**
 * What {@link Pristine#gc(boolean)} dropped (or would drop, on a dry run).
 *
 * @param dropped names of dropped orphan clones, abandoned builds and unused templates
 * @param kept how many clones and templates were kept
 * @param dryRun whether nothing was actually dropped
 */
public record GcReport(List<String> dropped, int kept, boolean dryRun) {
    public GcReport {
        dropped = List.copyOf(dropped);
    }
}
