package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The laws of the PEP 440 order and of specifier matching, over generated versions. */
class VersionPropertiesTest {

    /** A version as parts, which can be spelled normalized or in any of PEP 440's alternatives. */
    record Parts(int epoch, List<Integer> release, int phase, int preNumber, int post, int dev, List<String> local) {

        String normalized() {
            StringBuilder b = new StringBuilder();
            if (epoch != 0) {
                b.append(epoch).append('!');
            }
            for (int i = 0; i < release.size(); i++) {
                b.append(i == 0 ? "" : ".").append(release.get(i));
            }
            if (phase >= 0) {
                b.append(new String[] {"a", "b", "rc"}[phase]).append(preNumber);
            }
            if (post >= 0) {
                b.append(".post").append(post);
            }
            if (dev >= 0) {
                b.append(".dev").append(dev);
            }
            if (!local.isEmpty()) {
                b.append('+').append(String.join(".", local));
            }
            return b.toString();
        }

        /** An unnormalized spelling chosen by {@code seed}. */
        String spelled(long seed) {
            java.util.Random r = new java.util.Random(seed);
            String[] seps = {"", ".", "-", "_"};
            StringBuilder b = new StringBuilder(r.nextBoolean() ? "v" : "");
            boolean implicitPre = false;
            if (epoch != 0 || r.nextInt(4) == 0) {
                b.append(epoch).append('!');
            }
            for (int i = 0; i < release.size(); i++) {
                b.append(i == 0 ? "" : ".").append(r.nextInt(3) == 0 ? "0" : "").append(release.get(i));
            }
            if (phase >= 0) {
                String[][] labels = {{"a", "alpha"}, {"b", "beta"}, {"rc", "c", "pre", "preview"}};
                String[] options = labels[phase];
                b.append(seps[r.nextInt(4)]).append(options[r.nextInt(options.length)]);
                implicitPre = preNumber == 0 && r.nextBoolean();
                if (!implicitPre) {
                    b.append(seps[r.nextInt(4)]).append(preNumber);
                }
            }
            if (post >= 0) {
                // "1.0a-1" reads as 1.0a1, so the "-N" post spelling needs an explicit pre number.
                if (post > 0 && !implicitPre && r.nextInt(3) == 0) {
                    b.append('-').append(post);
                } else {
                    b.append(seps[r.nextInt(4)]).append(new String[] {"post", "rev", "r"}[r.nextInt(3)]);
                    if (post != 0 || r.nextBoolean()) {
                        b.append(seps[r.nextInt(4)]).append(post);
                    }
                }
            }
            if (dev >= 0) {
                b.append(seps[r.nextInt(4)]).append("dev");
                if (dev != 0 || r.nextBoolean()) {
                    b.append(seps[r.nextInt(4)]).append(dev);
                }
            }
            if (!local.isEmpty()) {
                b.append('+');
                for (int i = 0; i < local.size(); i++) {
                    b.append(i == 0 ? "" : seps[1 + r.nextInt(3)]).append(local.get(i));
                }
            }
            String text = b.toString();
            text = r.nextBoolean() ? text.toUpperCase(Locale.ROOT) : text;
            return r.nextBoolean() ? " " + text + "\t" : text;
        }
    }

    @Provide
    Arbitrary<Parts> parts() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> optional = Arbitraries.integers().between(-1, 2);
        Arbitrary<String> localPart = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 12).map(String::valueOf),
                Arbitraries.of("abc", "ubuntu", "z", "a1"));
        return Combinators.combine(
                Arbitraries.integers().between(0, 1).withDistribution(net.jqwik.api.RandomDistribution.uniform()),
                small.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(-1, 2),
                small, optional, optional,
                localPart.list().ofMaxSize(2))
                .as(Parts::new);
    }

    @Provide
    Arbitrary<Version> versions() {
        return parts().map(p -> Version.parse(p.normalized()));
    }

    @Property(tries = 200)
    void parseOfFormatGivesTheSameVersionAndText(@ForAll("versions") Version v) {
        Version again = Version.parse(v.toString());
        assertThat(again).isEqualTo(v);
        assertThat(again.toString()).isEqualTo(v.toString());
    }

    @Property(tries = 200)
    void everySpellingNormalizesToTheSameVersion(@ForAll("parts") Parts p, @ForAll long seed) {
        String spelled = p.spelled(seed);
        Version v = Version.parse(spelled);
        assertThat(v).as(spelled).isEqualTo(Version.parse(p.normalized()));
    }

    @Property(tries = 200)
    void orderIsAntisymmetric(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    }

    @Property(tries = 200)
    void orderIsTransitive(@ForAll("versions") Version a, @ForAll("versions") Version b, @ForAll("versions") Version c) {
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
        }
        if (a.compareTo(b) < 0 && b.compareTo(c) < 0) {
            assertThat(a.compareTo(c)).isLessThan(0);
        }
    }

    @Property(tries = 200)
    void orderIsConsistentWithEqualsAndHashCode(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    @Property(tries = 200)
    void trailingZerosNeverChangeTheOrder(@ForAll("versions") Version a) {
        Version padded = Version.parse(a.baseVersion() + ".0" + a.toString().substring(a.baseVersion().toString().length()));
        assertThat(padded).isEqualTo(a);
    }

    @Property(tries = 200)
    void notEqualIsTheComplementOfEqual(@ForAll("versions") Version v, @ForAll("versions") Version x) {
        String spec = x.toString();
        assertThat(SpecifierSet.parse("!=" + spec).contains(v, true))
                .isEqualTo(!SpecifierSet.parse("==" + spec).contains(v, true));
        String prefix = "==" + x.baseVersion() + ".*";
        assertThat(SpecifierSet.parse("!" + prefix.substring(1)).contains(v, true))
                .isEqualTo(!SpecifierSet.parse(prefix).contains(v, true));
    }

    @Property(tries = 200)
    void inclusiveBoundsCompareThePublicVersion(@ForAll("versions") Version v, @ForAll("versions") Version x) {
        String bound = x.publicVersion().toString();
        assertThat(SpecifierSet.parse(">=" + bound).contains(v, true)).isEqualTo(v.publicVersion().compareTo(x.publicVersion()) >= 0);
        assertThat(SpecifierSet.parse("<=" + bound).contains(v, true)).isEqualTo(v.publicVersion().compareTo(x.publicVersion()) <= 0);
    }

    @Property(tries = 200)
    void exclusiveBoundsAreWithinTheInclusiveOnes(@ForAll("versions") Version v, @ForAll("versions") Version x) {
        String bound = x.publicVersion().toString();
        if (SpecifierSet.parse(">" + bound).contains(v, true)) {
            assertThat(v.compareTo(x.publicVersion())).isGreaterThan(0);
            assertThat(SpecifierSet.parse(">=" + bound).contains(v, true)).isTrue();
        }
        if (SpecifierSet.parse("<" + bound).contains(v, true)) {
            assertThat(v.compareTo(x.publicVersion())).isLessThan(0);
            assertThat(SpecifierSet.parse("<=" + bound).contains(v, true)).isTrue();
        }
    }

    @Property(tries = 200)
    void lowerBoundsAreMonotone(@ForAll("versions") Version a, @ForAll("versions") Version b, @ForAll("versions") Version x) {
        Version low = a.compareTo(b) <= 0 ? a : b;
        Version high = low == a ? b : a;
        SpecifierSet atLeast = SpecifierSet.parse(">=" + x.publicVersion());
        if (atLeast.contains(low, true)) {
            assertThat(atLeast.contains(high, true)).isTrue();
        }
    }

    @Property(tries = 200)
    void compatibleReleaseIsAtLeastPlusPrefix(@ForAll("versions") Version v, @ForAll("versions") Version x) {
        if (x.releaseLength() < 2 || x.isLocal()) {
            return;
        }
        List<Long> release = x.release();
        StringBuilder prefix = new StringBuilder(x.epoch() == 0 ? "" : x.epoch() + "!");
        for (int i = 0; i < release.size() - 1; i++) {
            prefix.append(i == 0 ? "" : ".").append(release.get(i));
        }
        SpecifierSet compatible = SpecifierSet.parse("~=" + x);
        SpecifierSet expanded = SpecifierSet.parse(">=" + x + ",==" + prefix + ".*");
        assertThat(compatible.contains(v, true)).isEqualTo(expanded.contains(v, true));
    }

    @Property(tries = 200)
    void specifierSetTextRoundTripsAndIntersectsAsConjunction(
            @ForAll("versions") Version v, @ForAll("versions") Version x, @ForAll("versions") Version y) {
        SpecifierSet a = SpecifierSet.parse(">=" + x.publicVersion() + ",!=" + y);
        SpecifierSet b = SpecifierSet.parse("<" + y.publicVersion());
        assertThat(SpecifierSet.parse(a.toString())).isEqualTo(a);
        assertThat(a.intersect(b).contains(v, true)).isEqualTo(a.contains(v, true) && b.contains(v, true));
        assertThat(SpecifierSet.parse(a.intersect(b).toString())).isEqualTo(a.intersect(b));
    }

    @Property(tries = 200)
    void defaultRuleAdmitsPreReleasesOnlyWhenNamed(@ForAll("versions") Version v, @ForAll("versions") Version x) {
        SpecifierSet set = SpecifierSet.parse(">=" + x.publicVersion());
        if (v.isPrerelease() && !x.isPrerelease()) {
            assertThat(set.contains(v)).isFalse();
        } else {
            assertThat(set.contains(v)).isEqualTo(set.contains(v, true));
        }
    }
}
