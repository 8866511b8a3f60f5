package dev.pinwheel.env;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the pins with what is installed and decides each package's fate. Pure: no I/O
 * beyond reading the installed distributions' small metadata files.
 *
 * <p>Rules: a missing package is installed; a different version is upgraded or downgraded; the
 * same version is kept unless it was installed from a URL or path while the lock pins an index
 * version (or the reverse); a URL, path or editable pin is reinstalled only when
 * {@code direct_url.json} names another source or editable mode; a second copy of one package
 * is removed; a package no lock file mentions is removed unless it is protected.
 */
public final class SyncPlanner {

    /** Never removed when present: the installer tool chain, as pip-sync does. */
    public static final Set<ProjectName> DEFAULT_PROTECTED = Set.of(ProjectName.of("pip"), ProjectName.of("setuptools"),
            ProjectName.of("wheel"));

    private SyncPlanner() {
    }

    public static SyncPlan plan(List<Pin> pins, List<InstalledDistribution> installed, Set<ProjectName> protect,
            int repairs) {
        Map<ProjectName, List<InstalledDistribution>> byName = new LinkedHashMap<>();
        for (InstalledDistribution d : installed) {
            byName.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(d);
        }
        List<SyncPlan.Action> actions = new ArrayList<>();
        for (Pin pin : pins) {
            List<InstalledDistribution> copies = byName.remove(pin.name());
            if (copies == null) {
                actions.add(new SyncPlan.Action(SyncPlan.Kind.INSTALL, pin.name(), Optional.empty(), Optional.of(pin),
                        Optional.empty()));
                continue;
            }
            InstalledDistribution current = copies.get(0);
            for (InstalledDistribution extra : copies.subList(1, copies.size())) {
                actions.add(new SyncPlan.Action(SyncPlan.Kind.REMOVE, pin.name(), Optional.of(extra), Optional.empty(),
                        Optional.of("a second copy (" + extra.metadataPath().getFileName() + ")")));
            }
            actions.add(decide(pin, current));
        }
        for (List<InstalledDistribution> left : byName.values()) {
            for (InstalledDistribution d : left) {
                boolean kept = protect.contains(d.name());
                actions.add(new SyncPlan.Action(kept ? SyncPlan.Kind.KEEP : SyncPlan.Kind.REMOVE, d.name(), Optional.of(d),
                        Optional.empty(), kept ? Optional.of("protected") : Optional.empty()));
            }
        }
        actions.sort(Comparator.comparing(SyncPlan.Action::name).thenComparing(SyncPlan.Action::kind));
        return new SyncPlan(actions, repairs);
    }

    private static SyncPlan.Action decide(Pin pin, InstalledDistribution current) {
        Optional<DirectUrl> origin = current.directUrl();
        SyncPlan.Kind kind;
        String reason = null;
        if (pin.url().isPresent()) {
            boolean same = origin.isPresent() && sameUrl(origin.get().url(), pin.url().get())
                    && origin.get().editable() == pin.editable();
            kind = same ? SyncPlan.Kind.KEEP : SyncPlan.Kind.REINSTALL;
            if (!same) {
                reason = origin.map(o -> "installed from " + o.url() + (o.editable() ? " (editable)" : ""))
                        .orElse("installed from an index");
            }
        } else {
            Optional<Version> have = current.version();
            Version want = pin.version().orElseThrow();
            if (have.isEmpty()) {
                kind = SyncPlan.Kind.REINSTALL;
                reason = "its installed version '" + current.versionText() + "' is not a valid version";
            } else if (have.get().compareTo(want) < 0) {
                kind = SyncPlan.Kind.UPGRADE;
            } else if (have.get().compareTo(want) > 0) {
                kind = SyncPlan.Kind.DOWNGRADE;
            } else if (origin.isPresent() && origin.get().kind() != DirectUrl.Kind.ARCHIVE || origin.map(DirectUrl::editable).orElse(false)) {
                kind = SyncPlan.Kind.REINSTALL;
                reason = "installed from " + origin.get().url();
            } else {
                kind = SyncPlan.Kind.KEEP;
            }
        }
        return new SyncPlan.Action(kind, pin.name(), Optional.of(current), Optional.of(pin), Optional.ofNullable(reason));
    }

    /** URLs compare without a trailing slash and without a {@code #egg=}/hash fragment. */
    static boolean sameUrl(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private static String canonical(String url) {
        int hash = url.indexOf('#');
        String u = hash >= 0 ? url.substring(0, hash) : url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
