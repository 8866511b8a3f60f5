package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The PEP 425 tags an interpreter accepts, best first, in the order of packaging's
 * {@code sys_tags()} (which pip uses):
 *
 * <ol>
 *   <li>{@code cpXY-<abi>-<platform>} for each version-specific ABI (debug first), each platform;</li>
 *   <li>{@code cpXY-abi3-<platform>} ({@code abi3t} for free-threaded builds);</li>
 *   <li>{@code cpXY-none-<platform>};</li>
 *   <li>{@code cp3(Y-1)} down to {@code cp32} with {@code abi3}/{@code abi3t}, each platform;</li>
 *   <li>{@code pyXY}, {@code py3}, {@code py3(Y-1)} ... {@code py30} with {@code none}, each platform;</li>
 *   <li>{@code cpXY-none-any} ({@code pp3-none-any} on PyPy), then {@code pyXY}, {@code py3},
 *       {@code py3(Y-1)} ... {@code py30} with {@code none-any}.</li>
 * </ol>
 *
 * PyPy has no stable ABI: its own ABI and {@code none} come first, then the compatible tags.
 * Platforms are in {@link Platform#tags()} order. Duplicates keep their first (best) place.
 */
public final class SupportedTags {

    private final List<Tag> tags;
    private final Map<Tag, Integer> priorities;

    private SupportedTags(List<Tag> tags) {
        this.tags = List.copyOf(tags);
        this.priorities = new HashMap<>(tags.size() * 2);
        for (Tag tag : this.tags) {
            priorities.putIfAbsent(tag, priorities.size());
        }
    }

    /** The tags {@code target} supports, best first. */
    public static SupportedTags of(TargetPython target) {
        Objects.requireNonNull(target, "target");
        List<String> platforms = target.platform().tags();
        List<Tag> tags = new ArrayList<>();
        String interpreter = target.interpreterTag();
        int minor = target.minor();
        if (target.implementation() == TargetPython.Implementation.CPYTHON) {
            for (String abi : target.abis()) {
                addAll(tags, interpreter, abi, platforms);
            }
            String stableAbi = target.freeThreaded() ? "abi3t" : "abi3";
            // The stable ABI exists since Python 3.2 (PEP 384).
            boolean stable = minor >= 2;
            if (stable) {
                addAll(tags, interpreter, stableAbi, platforms);
            }
            addAll(tags, interpreter, "none", platforms);
            if (stable) {
                for (int older = minor - 1; older >= 2; older--) {
                    addAll(tags, "cp3" + older, stableAbi, platforms);
                }
            }
        } else {
            for (String abi : target.abis()) {
                addAll(tags, interpreter, abi, platforms);
            }
            addAll(tags, interpreter, "none", platforms);
        }
        List<String> pythons = new ArrayList<>();
        pythons.add("py3" + minor);
        pythons.add("py3");
        for (int older = minor - 1; older >= 0; older--) {
            pythons.add("py3" + older);
        }
        for (String python : pythons) {
            addAll(tags, python, "none", platforms);
        }
        tags.add(new Tag(target.implementation() == TargetPython.Implementation.PYPY
                ? "pp3" : interpreter, "none", "any"));
        for (String python : pythons) {
            tags.add(new Tag(python, "none", "any"));
        }
        return new SupportedTags(tags);
    }

    /** An explicit tag list, best first (e.g. what an interpreter reported about itself). */
    public static SupportedTags of(List<Tag> tagsBestFirst) {
        return new SupportedTags(Objects.requireNonNull(tagsBestFirst, "tagsBestFirst"));
    }

    private static void addAll(List<Tag> tags, String interpreter, String abi, List<String> platforms) {
        for (String platform : platforms) {
            tags.add(new Tag(interpreter, abi, platform));
        }
    }

    /** Every supported tag, best first. */
    public List<Tag> tags() {
        return tags;
    }

    /** The place of {@code tag} in {@link #tags()} (0 = best); empty when it is not supported. */
    public OptionalInt priority(Tag tag) {
        Integer priority = priorities.get(tag);
        return priority == null ? OptionalInt.empty() : OptionalInt.of(priority);
    }

    /** The best priority among {@code tags} (a wheel's tag set); empty when none is supported. */
    public OptionalInt priority(Collection<Tag> tags) {
        int best = Integer.MAX_VALUE;
        for (Tag tag : tags) {
            Integer priority = priorities.get(tag);
            if (priority != null && priority < best) {
                best = priority;
            }
        }
        return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** Whether the interpreter can install {@code wheel}. */
    public boolean isCompatible(WheelFilename wheel) {
        return priority(wheel.tags()).isPresent();
    }

    /**
     * The wheel to install among {@code wheels} (normally the files of one release): the one
     * whose best tag ranks highest; on a tie the higher build tag wins (as pip does), then the
     * earlier in the list. Empty when no wheel fits.
     */
    public Optional<WheelFilename> best(List<WheelFilename> wheels) {
        WheelFilename best = null;
        int bestPriority = Integer.MAX_VALUE;
        for (WheelFilename wheel : wheels) {
            OptionalInt priority = priority(wheel.tags());
            if (priority.isEmpty()) {
                continue;
            }
            int p = priority.getAsInt();
            if (best == null || p < bestPriority
                    || (p == bestPriority && compareBuild(wheel, best) > 0)) {
                best = wheel;
                bestPriority = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A wheel without a build tag sorts before every build tag, as in pip. */
    private static int compareBuild(WheelFilename a, WheelFilename b) {
        Optional<BuildTag> x = a.buildTag();
        Optional<BuildTag> y = b.buildTag();
        if (x.isEmpty() || y.isEmpty()) {
            return Boolean.compare(x.isPresent(), y.isPresent());
        }
        return x.get().compareTo(y.get());
    }

    @Override
    public String toString() {
        return "SupportedTags" + (tags.size() > 3 ? tags.subList(0, 3) + "... (" + tags.size() + ")" : tags);
    }
}
