package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Comma-joined PEP 440 clauses, all of which must match: {@code >=2,<3}. The empty set matches
 * every final release.
 *
 * <p>Pre-releases (including dev releases) match only when asked for, or when some clause other
 * than {@code !=} names a pre-release ({@code >=1.0b1}); this is also why the empty set rejects
 * them. {@link #toString()} gives the clauses normalized, de-duplicated and sorted as pip-compile
 * prints them ({@code <3,>=2}).
 */
public final class SpecifierSet {

    private static final SpecifierSet ANY = new SpecifierSet(List.of());
    // (not Comparator.comparing: the JDK's lambda for it cannot be kept in a class-data archive)
    private static final Comparator<VersionSpecifier> BY_TEXT = (a, b) -> a.toString().compareTo(b.toString());

    private final List<VersionSpecifier> specifiers;
    private final VersionSpecifier[] array; // for allocation-free matching
    private final boolean prereleases;
    private final String text;

    private SpecifierSet(List<VersionSpecifier> specifiers) {
        List<VersionSpecifier> sorted = new ArrayList<>();
        for (VersionSpecifier s : specifiers) {
            if (!sorted.contains(s)) {
                sorted.add(s);
            }
        }
        if (sorted.size() > 1) {
            sorted.sort(BY_TEXT);
        }
        this.specifiers = List.copyOf(sorted);
        this.array = sorted.toArray(new VersionSpecifier[0]);
        boolean pre = false;
        StringBuilder b = new StringBuilder();
        for (VersionSpecifier s : array) {
            pre |= s.allowsPrereleases();
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(s);
        }
        this.prereleases = pre;
        this.text = b.toString();
    }

    /** The set without clauses: any final release. */
    public static SpecifierSet any() {
        return ANY;
    }

    public static SpecifierSet of(List<VersionSpecifier> specifiers) {
        return specifiers.isEmpty() ? ANY : new SpecifierSet(specifiers);
    }

    /**
     * Parses comma-separated clauses; blank text (and, as in {@code packaging}, blank clauses
     * between commas) adds nothing.
     *
     * @throws ParseException when a clause is malformed
     */
    public static SpecifierSet parse(String text) {
        return parse(text, 0, text.length());
    }

    static SpecifierSet parse(String input, int start, int end) {
        return parse(input, start, end, false);
    }

    /** {@code strict}: as inside a PEP 508 requirement, where an empty clause is an error. */
    static SpecifierSet parse(String input, int start, int end, boolean strict) {
        List<VersionSpecifier> clauses = new ArrayList<>();
        int from = start;
        while (from <= end) {
            int comma = input.indexOf(',', from);
            int to = comma < 0 || comma >= end ? end : comma;
            if (!Names.isBlank(input, from, to)) {
                clauses.add(VersionSpecifier.parse(input, from, to));
            } else if (strict) {
                throw new ParseException(input, to, 1, comma == to
                        ? "expected a version specifier before ','" : "expected a version specifier after ','");
            }
            from = to + 1;
        }
        return of(clauses);
    }

    public List<VersionSpecifier> specifiers() {
        return specifiers;
    }

    public boolean isEmpty() {
        return array.length == 0;
    }

    /** Whether a clause names a pre-release, which lets pre-releases match by default. */
    public boolean allowsPrereleases() {
        return prereleases;
    }

    /** Whether {@code version} satisfies every clause under the default pre-release rule. */
    public boolean contains(Version version) {
        return contains(version, prereleases);
    }

    /**
     * Whether {@code version} satisfies every clause; {@code prereleases} true admits
     * pre-releases (pip's {@code --pre}), false rejects them outright.
     */
    public boolean contains(Version version, boolean prereleases) {
        if (!prereleases && version.isPrerelease()) {
            return false;
        }
        for (VersionSpecifier s : array) {
            if (!s.matches(version)) {
                return false;
            }
        }
        return true;
    }

    /** The clauses of both sets. */
    public SpecifierSet intersect(SpecifierSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<VersionSpecifier> both = new ArrayList<>(specifiers);
        both.addAll(other.specifiers);
        return new SpecifierSet(both);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecifierSet && ((SpecifierSet) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
