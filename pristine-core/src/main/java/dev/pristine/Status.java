package dev.pristine;

import java.util.List;

/**
 * What {@link Pristine#status()} sees on the engine: every template and every clone.
 *
 * @param templates published templates
 * @param clones clones, including orphans
 */
public record Status(List<TemplateStatus> templates, List<CloneStatus> clones) {
    public Status {
        templates = List.copyOf(templates);
        clones = List.copyOf(clones);
    }
}
