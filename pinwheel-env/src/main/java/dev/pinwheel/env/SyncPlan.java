package dev.pinwheel.env;

import dev.pinwheel.packaging.ProjectName;
import java.util.List;
import java.util.Optional;

/**
 * What a sync will do, package by package, sorted by name: the difference between the
 * environment and the lock files. Data only; {@link Syncer} carries it out.
 */
public record SyncPlan(List<Action> actions, int repairs) {

    /** What happens to one package. */
    public enum Kind {
        INSTALL, UPGRADE, DOWNGRADE, REINSTALL, REMOVE, KEEP;

        /** Whether this changes the environment. */
        public boolean changes() {
            return this != KEEP;
        }
    }

    /**
     * One package's fate. {@code installed} is what is there now (absent for INSTALL),
     * {@code target} what the lock wants (absent for REMOVE). {@code reason} explains a
     * REINSTALL or a protected KEEP.
     */
    public record Action(Kind kind, ProjectName name, Optional<InstalledDistribution> installed, Optional<Pin> target,
                         Optional<String> reason) {
    }

    public SyncPlan {
        actions = List.copyOf(actions);
    }

    /** Whether anything would change (also an interrupted earlier sync to repair). */
    public boolean changes() {
        return repairs > 0 || actions.stream().anyMatch(a -> a.kind().changes());
    }

    public List<Action> of(Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).toList();
    }

    /** Actions that remove an installed distribution first (removals and replacements). */
    public List<Action> removals() {
        return actions.stream().filter(a -> a.kind().changes() && a.kind() != Kind.INSTALL).toList();
    }

    /** Actions that install a distribution (new ones and replacements). */
    public List<Action> installs() {
        return actions.stream().filter(a -> a.kind().changes() && a.kind() != Kind.REMOVE).toList();
    }
}
