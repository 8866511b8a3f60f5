package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A PEP 440 version. {@link #parse(String)} accepts every form the standard's normalization
 * section allows (leading {@code v}, any case, {@code . - _} separators, the alternative pre,
 * post and dev spellings, implicit numbers, {@code 1.0-1} as a post-release, local versions)
 * and {@link #toString()} gives the normalized form, keeping the release's written length
 * ({@code 1.0.0} stays {@code 1.0.0}).
 *
 * <p>Ordering is the PEP 440 total order: epoch, release (zero padded, so {@code 1.0} equals
 * {@code 1.0.0}), then {@code .devN} before pre-releases before the final before
 * post-releases, then the local label. {@code equals} agrees with {@code compareTo}. Comparison
 * allocates nothing; the hash is computed once.
 */
public final class Version implements Comparable<Version> {

    /** The phase of a pre-release, in order. */
    public enum Phase {
        ALPHA("a"), BETA("b"), RC("rc");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** The normalized label: {@code a}, {@code b} or {@code rc}. */
        public String label() {
            return label;
        }
    }

    /** A pre-release segment such as {@code rc1}. */
    public record Pre(Phase phase, long number) {
        @Override
        public String toString() {
            return phase.label() + number;
        }
    }

    // Rank of the pre-release slot in comparisons. A dev release of a final version (1.0.dev0)
    // sorts before every pre-release of it (1.0a0), and a final sorts after all of them.
    private static final int PRE_DEV_ONLY = -1;
    private static final int PRE_NONE = 3;
    private static final long NONE = -1;
    private static final Phase[] PHASES = Phase.values();

    private final long epoch;
    private final long[] release;
    private final int significant; // release length without trailing zeros
    private final int preRank;     // PRE_DEV_ONLY, 0..2 = Phase ordinal, or PRE_NONE
    private final long preNumber;
    private final long post;       // NONE when absent
    private final long dev;        // NONE when absent
    private final String[] local;  // null when absent; numeric parts without leading zeros
    private final boolean[] localNumeric;
    private final int hash;
    private String text;

    private Version(long epoch, long[] release, int phase, long preNumber, long post, long dev,
                    String[] local, boolean[] localNumeric) {
        this.epoch = epoch;
        this.release = release;
        int n = release.length;
        while (n > 0 && release[n - 1] == 0) {
            n--;
        }
        this.significant = n;
        this.preRank = phase >= 0 ? phase : (post == NONE && dev != NONE ? PRE_DEV_ONLY : PRE_NONE);
        this.preNumber = phase >= 0 ? preNumber : 0;
        this.post = post;
        this.dev = dev;
        this.local = local;
        this.localNumeric = localNumeric;
        this.hash = computeHash();
    }

    /**
     * Parses a version in any PEP 440 spelling (surrounding whitespace is ignored).
     *
     * @throws ParseException when {@code text} is not a valid PEP 440 version
     */
    public static Version parse(String text) {
        return parse(text, 0, text.length());
    }

    /** Parses {@code input[start, end)}; errors point into the whole {@code input}. */
    static Version parse(String input, int start, int end) {
        return new VersionParser(input, start, end, true).parseVersion();
    }

    /** Whether {@code text} is a valid PEP 440 version. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }

    static Version of(long epoch, long[] release, int phase, long preNumber, long post, long dev,
                      String[] local, boolean[] localNumeric) {
        return new Version(epoch, release, phase, preNumber, post, dev, local, localNumeric);
    }

    public long epoch() {
        return epoch;
    }

    /** The release numbers as written, e.g. {@code [1, 0, 0]} for {@code 1.0.0}. */
    public List<Long> release() {
        List<Long> out = new ArrayList<>(release.length);
        for (long n : release) {
            out.add(n);
        }
        return List.copyOf(out);
    }

    /** The release number at {@code index}, 0 beyond the written length (zero padding). */
    public long releasePart(int index) {
        return index < release.length ? release[index] : 0;
    }

    /** The number of release numbers as written. */
    public int releaseLength() {
        return release.length;
    }

    public Optional<Pre> pre() {
        return preRank >= 0 && preRank < PRE_NONE
                ? Optional.of(new Pre(PHASES[preRank], preNumber)) : Optional.empty();
    }

    public OptionalLong post() {
        return post == NONE ? OptionalLong.empty() : OptionalLong.of(post);
    }

    public OptionalLong dev() {
        return dev == NONE ? OptionalLong.empty() : OptionalLong.of(dev);
    }

    /** The normalized local label without {@code +}, e.g. {@code ubuntu.1}. */
    public Optional<String> local() {
        return local == null ? Optional.empty() : Optional.of(String.join(".", local));
    }

    /** A pre-release or a development release (PEP 440 treats both as pre-releases). */
    public boolean isPrerelease() {
        return hasPre() || dev != NONE;
    }

    public boolean isPostRelease() {
        return post != NONE;
    }

    public boolean isDevRelease() {
        return dev != NONE;
    }

    public boolean isLocal() {
        return local != null;
    }

    /** This version without its local label. */
    public Version publicVersion() {
        return local == null ? this
                : new Version(epoch, release, hasPre() ? preRank : -1, preNumber, post, dev, null, null);
    }

    /** Only the epoch and release, e.g. {@code 1.0} for {@code 1.0rc1.post2+local}. */
    public Version baseVersion() {
        return !hasPre() && post == NONE && dev == NONE && local == null ? this
                : new Version(epoch, release, -1, 0, NONE, NONE, null, null);
    }

    private boolean hasPre() {
        return preRank >= 0 && preRank < PRE_NONE;
    }

    @Override
    public int compareTo(Version o) {
        int c = comparePublic(o);
        return c != 0 ? c : compareLocal(o);
    }

    /** Compares as if neither side had a local label. */
    int comparePublic(Version o) {
        int c = compareBase(o);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(preRank, o.preRank);
        if (c != 0) {
            return c;
        }
        c = Long.compare(preNumber, o.preNumber);
        if (c != 0) {
            return c;
        }
        c = Long.compare(post, o.post); // absent (-1) sorts first
        if (c != 0) {
            return c;
        }
        if (dev != o.dev) { // absent sorts last
            if (dev == NONE) {
                return 1;
            }
            if (o.dev == NONE) {
                return -1;
            }
            return Long.compare(dev, o.dev);
        }
        return 0;
    }

    /** Compares the epoch and the zero-padded release only. */
    int compareBase(Version o) {
        int c = Long.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        int n = Math.max(significant, o.significant);
        for (int i = 0; i < n; i++) {
            c = Long.compare(releasePart(i), o.releasePart(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private int compareLocal(Version o) {
        if (local == null || o.local == null) {
            return local == o.local ? 0 : local == null ? -1 : 1;
        }
        int n = Math.min(local.length, o.local.length);
        for (int i = 0; i < n; i++) {
            int c = compareLocalPart(local[i], localNumeric[i], o.local[i], o.localNumeric[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(local.length, o.local.length);
    }

    private static int compareLocalPart(String a, boolean aNumeric, String b, boolean bNumeric) {
        if (aNumeric != bNumeric) {
            return aNumeric ? 1 : -1; // numeric parts sort after alphanumeric ones
        }
        if (aNumeric && a.length() != b.length()) {
            return Integer.compare(a.length(), b.length()); // no leading zeros, so longer is larger
        }
        return a.compareTo(b);
    }

    /** Whether both have the same pre-release segment (or both none). */
    boolean samePre(Version o) {
        return hasPre() == o.hasPre() && (!hasPre() || (preRank == o.preRank && preNumber == o.preNumber));
    }

    /** This version's first development release, e.g. {@code 2.0.post1.dev0} for {@code 2.0.post1}. */
    Version firstDevRelease() {
        return new Version(epoch, release, hasPre() ? preRank : -1, preNumber, post, 0, null, null);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Version && ((Version) o).hash == hash && compareTo((Version) o) == 0);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    private int computeHash() {
        int h = Long.hashCode(epoch);
        for (int i = 0; i < significant; i++) {
            h = 31 * h + Long.hashCode(release[i]);
        }
        h = 31 * h + preRank;
        h = 31 * h + Long.hashCode(preNumber);
        h = 31 * h + Long.hashCode(post);
        h = 31 * h + Long.hashCode(dev);
        h = 31 * h + (local == null ? 0 : Arrays.hashCode(local));
        return h;
    }

    /** The normalized form, e.g. {@code 1!2.0rc1.post3.dev4+ubuntu.1}. */
    @Override
    public String toString() {
        String s = text;
        if (s == null) {
            StringBuilder b = new StringBuilder();
            if (epoch != 0) {
                b.append(epoch).append('!');
            }
            for (int i = 0; i < release.length; i++) {
                if (i > 0) {
                    b.append('.');
                }
                b.append(release[i]);
            }
            if (hasPre()) {
                b.append(PHASES[preRank].label()).append(preNumber);
            }
            if (post != NONE) {
                b.append(".post").append(post);
            }
            if (dev != NONE) {
                b.append(".dev").append(dev);
            }
            if (local != null) {
                b.append('+').append(String.join(".", local));
            }
            s = b.toString();
            text = s; // benign race: every thread computes the same string
        }
        return s;
    }
}
