package dev.pinwheel.resolver;

import dev.pinwheel.packaging.Version;
import dev.pinwheel.resolver.pubgrub.Ranges;
import java.util.Objects;

/**
 * A PEP 440 version, or a boundary between versions that PEP 440's specifiers need but no version
 * sits on: "just above {@code v} and all its local versions" ({@code <=1.0} takes {@code
 * 1.0+cpu}), and "just above every post-release of {@code v}" ({@code >1.0} rejects {@code
 * 1.0.post1}). With these every specifier clause is one interval or the complement of one.
 */
record VersionPoint(Version version, Kind kind) implements Comparable<VersionPoint>, Ranges.Cut {

    enum Kind {
        /** The version itself. */
        EXACT,
        /** Above {@code version} and every {@code version+local}. */
        AFTER_LOCALS,
        /** Above every version sharing {@code version}'s epoch, release and pre-release (any post, dev, local). */
        AFTER_FAMILY
    }

    VersionPoint {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
    }

    static VersionPoint of(Version v) {
        return new VersionPoint(v, Kind.EXACT);
    }

    static VersionPoint afterLocals(Version v) {
        return new VersionPoint(v.publicVersion(), Kind.AFTER_LOCALS);
    }

    static VersionPoint afterFamily(Version v) {
        return new VersionPoint(v.publicVersion(), Kind.AFTER_FAMILY);
    }

    @Override
    public boolean isCut() {
        return kind != Kind.EXACT;
    }

    @Override
    public int compareTo(VersionPoint o) {
        if (kind == Kind.EXACT && o.kind == Kind.EXACT) {
            return version.compareTo(o.version);
        }
        if (kind == Kind.EXACT) {
            return -o.compareTo(this);
        }
        // This is a boundary.
        switch (o.kind) {
            case EXACT:
                return boundaryVersusVersion(o.version);
            case AFTER_LOCALS:
                if (kind == Kind.AFTER_LOCALS) {
                    return version.compareTo(o.version);
                }
                // AFTER_FAMILY(this) versus AFTER_LOCALS(o)
                return inFamily(o.version, version) ? 1 : Integer.signum(version.compareTo(o.version));
            default:
                if (kind == Kind.AFTER_FAMILY) {
                    return inFamily(o.version, version) ? 0 : version.compareTo(o.version);
                }
                // AFTER_LOCALS(this) versus AFTER_FAMILY(o)
                return inFamily(version, o.version) ? -1 : Integer.signum(version.compareTo(o.version));
        }
    }

    /** Where this boundary lies relative to the version {@code x}: 1 above it, -1 below. */
    private int boundaryVersusVersion(Version x) {
        if (kind == Kind.AFTER_LOCALS) {
            int c = x.compareTo(version);
            if (c <= 0) {
                return 1;
            }
            return x.isLocal() && x.publicVersion().equals(version) ? 1 : -1;
        }
        if (inFamily(x, version)) {
            return 1;
        }
        return x.compareTo(version) < 0 ? 1 : -1;
    }

    /** Same epoch, same zero-padded release and same pre-release segment. */
    static boolean inFamily(Version x, Version of) {
        if (x.epoch() != of.epoch()) {
            return false;
        }
        int n = Math.max(x.releaseLength(), of.releaseLength());
        for (int i = 0; i < n; i++) {
            if (x.releasePart(i) != of.releasePart(i)) {
                return false;
            }
        }
        return x.pre().equals(of.pre());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EXACT -> version.toString();
            case AFTER_LOCALS -> version + "+*";
            case AFTER_FAMILY -> version + ".post*";
        };
    }
}
