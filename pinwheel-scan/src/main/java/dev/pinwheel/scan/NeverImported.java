package dev.pinwheel.scan;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kinds of distributions a project needs although no code imports them: database drivers
 * (chosen by a URL scheme or a Django backend), servers and the migration tool (run from the
 * shell), development tools (run by developers and CI). {@code pinwheel check} only warns when
 * one of these is declared but no evidence for it was found: the evidence may live where the
 * scan cannot see it (a deploy repository, CI settings).
 */
public final class NeverImported {

    private static final Set<ProjectName> KNOWN = known();

    private NeverImported() {
    }

    private static Set<ProjectName> known() {
        Set<ProjectName> out = new TreeSet<>();
        Evidence.URL_DRIVERS.values().forEach(v -> out.add(ProjectName.parse(v)));
        Evidence.DJANGO_BACKENDS.values().forEach(v -> out.add(ProjectName.parse(v)));
        for (String server : Evidence.SERVERS.values()) {
            try {
                out.add(Requirement.parse(server).name());
            } catch (PinwheelException e) {
                throw new IllegalStateException(server, e);
            }
        }
        return Set.copyOf(out);
    }

    /** Whether {@code name} is a driver, a server, the migration tool or a development tool. */
    public static boolean isKnown(ProjectName name) {
        return KNOWN.contains(name) || Chill.group(name) == Chill.Group.DEV;
    }
}
