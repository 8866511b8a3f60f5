package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.Version;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The quick version test on wheel file names never skips a file of the pinned version, and skips every other valid one. */
class WheelVersionProperties {

    @Provide
    Arbitrary<String> versions() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.integers().between(0, 12).map(String::valueOf),
                Arbitraries.of("00", "01", "010", "2024", "99999999999999999999"));
        Arbitrary<String> release = number.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
        Arbitrary<String> epoch = Arbitraries.of("", "", "", "1!", "0!");
        Arbitrary<String> prefix = Arbitraries.of("", "", "", "v");
        Arbitrary<String> suffix = Arbitraries.of("", "", "", "rc1", "a2", ".post1", ".dev0", "b0.post2", ".", "+local.1",
                "_1", "x");
        return Combinators.combine(prefix, epoch, release, suffix).as((p, e, r, s) -> p + e + r + s);
    }

    @Property(tries = 2000)
    void aFileIsSkippedExactlyWhenItsVersionDiffers(@ForAll("versions") String file, @ForAll("versions") String pin) {
        if (!Version.isValid(pin)) {
            return;
        }
        Version want = Version.parse(pin);
        boolean may = Syncer.mayBeVersion("pkg-" + file + "-py3-none-any.whl", want);
        if (!Version.isValid(file)) {
            return; // such a wheel name is skipped by the full parse too, whatever this says
        }
        assertThat(may).as(file + " against " + pin).isEqualTo(Version.parse(file).equals(want));
    }

    @Property(tries = 500)
    void aFileOfThePinnedVersionIsNeverSkipped(@ForAll("versions") String pin) {
        if (!Version.isValid(pin)) {
            return;
        }
        Version want = Version.parse(pin);
        for (String written : List.of(pin, want.toString(), pin + ".0", "0" + pin)) {
            if (Version.isValid(written) && Version.parse(written).equals(want)) {
                assertThat(Syncer.mayBeVersion("pkg-" + written + "-py3-none-any.whl", want)).as(written).isTrue();
            }
        }
    }
}
