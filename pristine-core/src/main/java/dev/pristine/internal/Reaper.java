package dev.pristine.internal;

import dev.failsafe.function.CheckedRunnable;
import dev.pristine.CloneStatus;
import dev.pristine.GcReport;
import dev.pristine.PristineException;
import dev.pristine.TemplateStatus;
import dev.pristine.spi.DatabaseEntry;
import dev.pristine.spi.Engine;
import dev.pristine.spi.TemplateEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and drops what nobody owns any more: clones whose owner process died or whose TTL expired,
 * builds left by a crashed builder, and templates not used for the retention period that no live process
 * uses ({@link Engine#templateUses}).
 *
 * <p>Thread-safe.
 */
public final class Reaper {

    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);
    /** A database without a readable marker is left alone this long, in case its marker is being written. */
    private static final Duration UNMARKED_GRACE = Duration.ofMinutes(1);

    private final Engine engine;
    private final Retry retry;
    private final Duration retention;
    private final TemplateOrigins origins;

    public Reaper(Engine engine, Retry retry, Duration retention, TemplateOrigins origins) {
        this.engine = engine;
        this.retry = retry;
        this.retention = retention;
        this.origins = origins;
    }

    /** Every clone, with whether it is an orphan. */
    public List<CloneStatus> clones() {
        Instant now = Instant.now();
        List<CloneStatus> out = new ArrayList<>();
        for (DatabaseEntry e : retry.get("listing clones", engine.location(), engine::clones)) {
            Optional<OwnerMarker> owner = OwnerMarker.decode(e.marker());
            Instant created = owner.filter(o -> o.createdMillis() > 0).map(o -> Instant.ofEpochMilli(o.createdMillis()))
                    .orElse(e.createdAt());
            long age = Math.max(0, Duration.between(created, now).toSeconds());
            boolean orphan = isOrphan(e, owner, now);
            // no marker yet: its creator is between creating and marking it, or died there (an orphan after the grace)
            String unmarked = orphan ? "none (its creator ended before marking it)" : "being created (no owner marker yet)";
            out.add(new CloneStatus(e.name(), e.name(), owner.map(OwnerMarker::key).orElse(""),
                    owner.map(OwnerMarker::describeOwner).orElse(unmarked), owner.map(OwnerMarker::test).orElse(""),
                    age, orphan));
        }
        return out;
    }

    /** Every published template. */
    public List<TemplateStatus> templates() {
        List<TemplateStatus> out = new ArrayList<>();
        for (TemplateEntry t : retry.get("listing templates", engine.location(), engine::templates)) {
            out.add(status(t));
        }
        return out;
    }

    /**
     * Drops orphan clones, abandoned builds and (when {@code templates}) templates unused for the retention period.
     *
     * @param dryRun report only
     */
    public GcReport reap(boolean dryRun, boolean templates) {
        Instant cutoff = Instant.now().minus(retention);
        return reap(dryRun, templates ? t -> t.lastUsed().isBefore(cutoff) : t -> false);
    }

    /**
     * Drops orphan clones, abandoned builds and the templates {@code selected} picks (whatever the retention
     * period) that no live process uses.
     *
     * @param dryRun report only
     */
    public GcReport reap(boolean dryRun, Predicate<TemplateStatus> selected) {
        Instant now = Instant.now();
        List<String> dropped = new ArrayList<>();
        int kept = 0;
        List<String> liveKeys = new ArrayList<>();
        for (DatabaseEntry e : retry.get("listing clones", engine.location(), engine::clones)) {
            Optional<OwnerMarker> owner = OwnerMarker.decode(e.marker());
            if (isOrphan(e, owner, now)) {
                LOG.info("Dropping orphan clone {} (owner {})", e.name(), owner.map(OwnerMarker::describeOwner).orElse("unknown"));
                if (dryRun || tryDrop("dropping an orphan clone", e.name(), () -> engine.dropClone(e.name()))) {
                    dropped.add(e.name());
                } else {
                    kept++;
                }
            } else {
                kept++;
                owner.ifPresent(o -> liveKeys.add(o.key()));
            }
        }
        for (DatabaseEntry b : retry.get("listing builds", engine.location(), engine::builds)) {
            Optional<OwnerMarker> owner = OwnerMarker.decode(b.marker());
            if (isOrphan(b, owner, now)) {
                LOG.info("Dropping abandoned template build {}", b.name());
                if (dryRun || tryDrop("dropping an abandoned build", b.name(), () -> engine.dropBuild(b.name()))) {
                    dropped.add(b.name());
                }
            }
        }
        for (TemplateEntry t : retry.get("listing templates", engine.location(), engine::templates)) {
            if (selected.test(status(t)) && !liveKeys.contains(t.key()) && !inUse(t)) {
                LOG.info("Dropping template {}, unused since {}", t.name(), t.lastUsed());
                if (dryRun) {
                    dropped.add(t.name());
                } else if (tryDrop("dropping an unused template", t.name(), () -> engine.dropTemplate(t.key()))) {
                    origins.forget(t.key());
                    dropped.add(t.name());
                } else {
                    kept++;
                }
            } else {
                kept++;
            }
        }
        return new GcReport(dropped, kept, dryRun);
    }

    private TemplateStatus status(TemplateEntry t) {
        return new TemplateStatus(t.key(), t.name(), engine.id(), t.builtAt(), t.lastUsed(), origins.of(t.key()).orElse(null));
    }

    /** Whether a live process uses the template; when that cannot be told, it is kept for the next gc. */
    private boolean inUse(TemplateEntry t) {
        try {
            if (retry.get("checking whether a template is in use", t.name(), () -> engine.templateUses().inUse(t.key()))) {
                LOG.debug("Keeping template {}: a live process uses it", t.name());
                return true;
            }
            return false;
        } catch (PristineException e) {
            LOG.warn("Cannot tell whether template {} is in use; keeping it for the next gc: {}", t.name(), e.getMessage());
            return true;
        }
    }

    /**
     * Drops one thing; a failure (e.g. a lock another session holds on it) is logged and left for the
     * next gc, so one stubborn database never stops a start-up or the rest of the sweep.
     */
    private boolean tryDrop(String what, String name, CheckedRunnable drop) {
        try {
            retry.run(what, name, drop);
            return true;
        } catch (PristineException e) {
            LOG.warn("{} {} failed; the next gc tries again: {}", what, name, e.getMessage());
            return false;
        }
    }

    private static boolean isOrphan(DatabaseEntry e, Optional<OwnerMarker> owner, Instant now) {
        if (owner.isEmpty()) {
            return e.createdAt().isBefore(now.minus(UNMARKED_GRACE));
        }
        return !owner.get().isAlive(now);
    }
}
