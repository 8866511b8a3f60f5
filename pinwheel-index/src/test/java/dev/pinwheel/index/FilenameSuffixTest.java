package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Which files belong to a project is decided by their suffixes, case-insensitively, as before the copy-free check. */
class FilenameSuffixTest {

    @Property(tries = 1000)
    void suffixesMatchAsLowerCasingTheWholeNameDid(@ForAll @From("names") String name) {
        for (String suffix : new String[] {".whl", ".tar.gz", ".tar.bz2", ".tgz", ".zip", ".tar"}) {
            assertThat(IndexClient.endsWithIgnoreCase(name, suffix)).as(name + " " + suffix)
                    .isEqualTo(name.toLowerCase(Locale.ROOT).endsWith(suffix));
        }
    }

    @Provide
    Arbitrary<String> names() {
        // letters of the suffixes in both cases, and characters whose case mapping is unusual
        Arbitrary<Character> chars = Arbitraries.of('.', 'w', 'W', 'h', 'H', 'l', 'L', 't', 'T', 'a', 'A', 'r', 'R', 'g', 'G',
                'z', 'Z', 'b', 'B', 'i', 'I', 'p', 'P', '2', '-', '\u0130', '\u0131', '\u212A', '\u017F', '\u00DF', 'é');
        Arbitrary<String> tail = chars.list().ofMaxSize(9).map(l -> l.stream().map(String::valueOf).reduce("", String::concat));
        return Arbitraries.of("", "foo-1.0", "Foo_Bar-2.0-py3-none-any").flatMap(stem -> tail.map(t -> stem + t));
    }
}
