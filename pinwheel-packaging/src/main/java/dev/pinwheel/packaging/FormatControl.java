package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * pip's {@code --only-binary} / {@code --no-binary} choices: which projects may be installed
 * from wheels and which from source. Values are {@code :all:}, {@code :none:} or project names
 * (comma-separated), applied in order with pip's rules: naming a project in one list removes
 * it from the other, {@code :all:} clears both lists, {@code :none:} clears its own list. A
 * project named explicitly beats {@code :all:}; {@code --only-binary} wins when both name it.
 */
public final class FormatControl {

    /** The value meaning every project. */
    public static final String ALL = ":all:";
    /** The value that clears a list. */
    public static final String NONE = ":none:";

    private static final FormatControl DEFAULT = new FormatControl(Set.of(), Set.of(), List.of());

    private final Set<String> onlyBinary;
    private final Set<String> noBinary;
    /** The values applied so far, in order: {@code true} for --only-binary, {@code false} for --no-binary. */
    private final List<Applied> applied;

    private record Applied(boolean onlyBinary, String value) {
    }

    private FormatControl(Set<String> onlyBinary, Set<String> noBinary, List<Applied> applied) {
        this.onlyBinary = Collections.unmodifiableSet(new LinkedHashSet<>(onlyBinary));
        this.noBinary = Collections.unmodifiableSet(new LinkedHashSet<>(noBinary));
        this.applied = List.copyOf(applied);
    }

    private List<Applied> plus(boolean onlyBinary, String value) {
        List<Applied> all = new ArrayList<>(applied);
        all.add(new Applied(onlyBinary, value));
        return all;
    }

    /**
     * This control with every value {@code later} was built from applied after this one's, in
     * their order: what pip's one finder holds after reading two requirements files, where a
     * later {@code :none:} clears what an earlier file set.
     */
    public FormatControl then(FormatControl later) {
        FormatControl out = this;
        for (Applied a : later.applied) {
            out = a.onlyBinary ? out.withOnlyBinary(a.value) : out.withNoBinary(a.value);
        }
        return out;
    }

    /** No restriction: wheels and sources are both allowed for every project. */
    public static FormatControl none() {
        return DEFAULT;
    }

    /** A copy with one {@code --only-binary} value applied; names are checked and normalized. */
    public FormatControl withOnlyBinary(String value) {
        Set<String> target = new LinkedHashSet<>(onlyBinary);
        Set<String> other = new LinkedHashSet<>(noBinary);
        apply(value, target, other);
        return new FormatControl(target, other, plus(true, value));
    }

    /** A copy with one {@code --no-binary} value applied; names are checked and normalized. */
    public FormatControl withNoBinary(String value) {
        Set<String> target = new LinkedHashSet<>(noBinary);
        Set<String> other = new LinkedHashSet<>(onlyBinary);
        apply(value, target, other);
        return new FormatControl(other, target, plus(false, value));
    }

    private static void apply(String value, Set<String> target, Set<String> other) {
        Objects.requireNonNull(value, "value");
        String[] items = value.split(",", -1);
        int start = 0;
        for (int i = 0; i < items.length; i++) {
            if (items[i].strip().equals(ALL)) {
                target.clear();
                other.clear();
                target.add(ALL);
                start = i + 1;
            }
        }
        if (start > 0 && !Arrays.stream(items, start, items.length).map(String::strip).toList().contains(NONE)) {
            // pip stops at an :all: that no :none: follows, ignoring the names after it.
            return;
        }
        int offset = 0;
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (i >= start && !item.equals(ALL)) {
                if (item.equals(NONE)) {
                    target.clear();
                } else {
                    try {
                        String name = ProjectName.parse(item).toString();
                        other.remove(name);
                        target.add(name);
                    } catch (ParseException e) {
                        throw new ParseException(value, offset + Math.max(0, items[i].indexOf(item)) + e.offset(),
                                Math.max(1, e.length()), "expected :all:, :none: or project names: " + e.reason());
                    }
                }
            }
            offset += items[i].length() + 1;
        }
    }

    /** {@code :all:} and/or normalized project names that must come from wheels. */
    public Set<String> onlyBinary() {
        return onlyBinary;
    }

    /** {@code :all:} and/or normalized project names that must be built from source. */
    public Set<String> noBinary() {
        return noBinary;
    }

    /** Whether {@code project} may be installed from a wheel. */
    public boolean allowsBinary(ProjectName project) {
        String name = project.toString();
        if (onlyBinary.contains(name)) {
            return true;
        }
        return !noBinary.contains(name) && (onlyBinary.contains(ALL) || !noBinary.contains(ALL));
    }

    /** Whether {@code project} may be built from a source distribution. */
    public boolean allowsSource(ProjectName project) {
        String name = project.toString();
        if (onlyBinary.contains(name)) {
            return false;
        }
        return noBinary.contains(name) || !onlyBinary.contains(ALL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FormatControl f && onlyBinary.equals(f.onlyBinary) && noBinary.equals(f.noBinary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(onlyBinary, noBinary);
    }

    @Override
    public String toString() {
        return "FormatControl[onlyBinary=" + onlyBinary + ", noBinary=" + noBinary + "]";
    }
}
