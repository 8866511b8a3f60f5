package dev.pinwheel.resolver;

import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.packaging.VersionSpecifier;
import dev.pinwheel.resolver.pubgrub.Ranges;
import java.util.ArrayList;
import java.util.List;

/**
 * PEP 440 specifiers as version sets, and version sets back as specifier text for messages.
 *
 * <p>Each clause becomes an interval (or the complement of one) with the same membership as
 * {@link VersionSpecifier}'s operator rule: {@code <V} is {@code < V.dev0} unless V is itself a
 * pre-release; {@code >V} skips V's post-releases and local versions; {@code ==V} takes V's local
 * versions; {@code ==1.2.*} is {@code [1.2.dev0, 1.3.dev0)}; {@code ~=1.4.5} is {@code >=1.4.5,
 * ==1.4.*}. {@code ===text} is treated as {@code ==} when the text is a version (the resolver only
 * sees parsed versions) and matches nothing otherwise. Pre-release filtering is not part of the
 * set: the resolver applies pip's rules when it picks a version.
 */
final class Pep440Ranges {

    private Pep440Ranges() {
    }

    static Ranges<VersionPoint> of(SpecifierSet specifiers) {
        Ranges<VersionPoint> r = Ranges.full();
        for (VersionSpecifier s : specifiers.specifiers()) {
            r = r.intersection(of(s));
        }
        return r;
    }

    static Ranges<VersionPoint> of(VersionSpecifier s) {
        if (s.version().isEmpty()) {
            return Ranges.empty();
        }
        Version v = s.version().get();
        VersionPoint exact = VersionPoint.of(v);
        switch (s.operator()) {
            case EQUAL:
                return s.isWildcard() ? prefix(v, v.releaseLength()) : equal(v);
            case NOT_EQUAL:
                return (s.isWildcard() ? prefix(v, v.releaseLength()) : equal(v)).complement();
            case ARBITRARY:
                return Ranges.singleton(exact);
            case LESS_EQUAL:
                return Ranges.atMost(VersionPoint.afterLocals(v));
            case GREATER_EQUAL:
                return Ranges.atLeast(exact);
            case LESS:
                return Ranges.below(VersionPoint.of(v.isPrerelease() ? v : firstDev(v)));
            case GREATER:
                return v.isDevRelease() || v.isPostRelease()
                        ? Ranges.above(VersionPoint.afterLocals(v))
                        : Ranges.above(VersionPoint.afterFamily(v));
            case COMPATIBLE:
                return Ranges.atLeast(exact).intersection(prefix(v, v.releaseLength() - 1));
            default:
                throw new IllegalStateException(s.operator().toString());
        }
    }

    /** {@code ==v}: v and its local versions (or exactly v when v has a local label). */
    private static Ranges<VersionPoint> equal(Version v) {
        if (v.isLocal()) {
            return Ranges.singleton(VersionPoint.of(v));
        }
        return Ranges.between(VersionPoint.of(v), VersionPoint.afterLocals(v));
    }

    /** Every version whose epoch and first {@code length} release numbers match {@code v}'s. */
    private static Ranges<VersionPoint> prefix(Version v, int length) {
        List<Long> release = v.release();
        StringBuilder low = new StringBuilder();
        StringBuilder high = new StringBuilder();
        if (v.epoch() != 0) {
            low.append(v.epoch()).append('!');
            high.append(v.epoch()).append('!');
        }
        for (int i = 0; i < length; i++) {
            long part = i < release.size() ? release.get(i) : 0;
            String sep = i == 0 ? "" : ".";
            low.append(sep).append(part);
            high.append(sep).append(i == length - 1 ? part + 1 : part);
        }
        return Ranges.between(VersionPoint.of(Version.parse(low + ".dev0")),
                VersionPoint.of(Version.parse(high + ".dev0")));
    }

    /** The smallest version of v's own line, e.g. 2.0.dev0 for 2.0 and 2.0.post1.dev0 for 2.0.post1. */
    private static Version firstDev(Version v) {
        return Version.parse(v.publicVersion() + ".dev0");
    }

    /** Specifier-like text: {@code >=1.0,<2.0}, {@code ==1.5}, {@code !=1.3}; alternatives joined by {@code  | }. */
    static String format(Ranges<VersionPoint> r) {
        if (r.isEmpty()) {
            return " (no version)";
        }
        if (r.isFull()) {
            return "";
        }
        List<String> alternatives = new ArrayList<>();
        int n = r.segmentCount();
        int i = 0;
        while (i < n) {
            // A group: segments separated only by one-version holes, which read as !=.
            int first = i;
            List<String> holes = new ArrayList<>();
            while (i + 1 < n && isHole(r.upper(i), r.upperInclusive(i), r.lower(i + 1), r.lowerInclusive(i + 1))) {
                holes.add("!=" + r.upper(i).version());
                i++;
            }
            VersionPoint lo = r.lower(first);
            VersionPoint hi = r.upper(i);
            if (holes.isEmpty() && lo != null && hi != null && lo.kind() == VersionPoint.Kind.EXACT && r.lowerInclusive(first)
                    && ((hi.kind() == VersionPoint.Kind.AFTER_LOCALS && hi.version().equals(lo.version()))
                        || (hi.equals(lo) && r.upperInclusive(i)))) {
                alternatives.add("==" + lo.version());
            } else {
                List<String> clauses = new ArrayList<>();
                if (lo != null) {
                    clauses.add(lower(lo, r.lowerInclusive(first)));
                }
                clauses.addAll(holes);
                if (hi != null) {
                    clauses.add(upper(hi, r.upperInclusive(i)));
                }
                alternatives.add(String.join(",", clauses));
            }
            i++;
        }
        return String.join(" | ", alternatives);
    }

    /** Whether the gap between an upper bound and the next lower bound is exactly {@code ==v}. */
    private static boolean isHole(VersionPoint hi, boolean hiInclusive, VersionPoint nextLo, boolean nextLoInclusive) {
        return hi.kind() == VersionPoint.Kind.EXACT && !hiInclusive && !hi.version().isLocal()
                && nextLo.kind() == VersionPoint.Kind.AFTER_LOCALS && nextLo.version().equals(hi.version());
    }

    private static String lower(VersionPoint p, boolean inclusive) {
        return switch (p.kind()) {
            case EXACT -> (inclusive ? ">=" : ">") + p.version();
            case AFTER_LOCALS, AFTER_FAMILY -> ">" + p.version();
        };
    }

    private static String upper(VersionPoint p, boolean inclusive) {
        return switch (p.kind()) {
            case EXACT -> inclusive ? "<=" + p.version() : "<" + lessThanText(p.version());
            case AFTER_LOCALS, AFTER_FAMILY -> "<=" + p.version();
        };
    }

    // <2.0 means < 2.0.dev0; print it the way it was written.
    private static String lessThanText(Version v) {
        if (v.dev().isPresent() && v.dev().getAsLong() == 0 && v.pre().isEmpty() && !v.isLocal()) {
            String s = v.toString();
            return s.substring(0, s.length() - ".dev0".length());
        }
        return v.toString();
    }
}
