package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Feeds generated and mutated text to every parser: each input must parse or raise
 * {@link ParseException} (whose message renders), never anything else, and whatever parses must
 * survive a round trip through its normalized text.
 */
class ParserRobustnessTest {

    private static final int INPUTS_PER_PARSER = 10_000;

    private static final List<String> VERSIONS = List.of("1.0", "v1!2.3.4rc5.post6.dev7+local.8", "1.0-1",
            "2024.1.post", "0.9a", "1.0.0-alpha.1", "3.11.7", "1.0+ubuntu-1_2", "1.0pre2", "1.0.DEV3", "00.01");
    private static final List<String> SPECIFIERS = List.of(">=1.0,<2", "==1.2.*", "~=1.4.5a4", "!=1.0+local",
            "===foo", " >= 1.0 , != 1.5.* ", "<2.0rc1", ">1.0.post1", "", "==1!1.0");
    private static final List<String> MARKERS = List.of("python_version < \"3.8\"",
            "os_name == 'nt' and (platform_machine == 'AMD64' or platform_machine in 'x86 arm')",
            "extra == 'test'", "'3.8' <= python_version", "sys.platform != 'linux' or python_implementation == 'PyPy'",
            "platform_release not in '5.0' and implementation_version ~= '3.11'", "'x' in extras");
    private static final List<String> REQUIREMENTS = List.of("requests[socks,security] >=2.8.1, ==2.8.* ; python_version < '2.7'",
            "name @ https://example.com/name-1.0-py3-none-any.whl ; os_name == 'nt'", "foo (>=1.0)", "Foo_Bar.baz",
            "pkg[a]===1.0", "django>=4,<5;python_version>='3.10' and extra == 'db'", "x@file:///tmp/x.tar.gz");
    private static final List<String> NAMES = List.of("requests", "Foo_Bar.baz", "zope.interface", "a", "A-B-C", "x9");

    /** Characters that matter to these grammars, plus some that never should. */
    private static final String ALPHABET = "0123456789.!+-_*=<>~,;:@/()[]'\" \tabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "\n\r\\#$%&^`{}|?\u00e9\u017f\u212a\u4e2d\u0000\ud83d\ude00";
    private static final List<String> TOKENS = List.of("and", "or", "not", "in", "(", ")", "'", "\"", "python_version",
            "extra", "==", "~=", "===", ".*", "+", "!", "@", ";", "[", "]", "post", "dev", "rc", "alpha", "v", ",",
            "99999999999999999999", "((((((((((", "))))))))))");

    @Test
    void versionParserRaisesOnlyParseExceptions() {
        fuzz(VERSIONS, Version::parse, v -> Version.parse(v.toString()).equals(v));
    }

    @Test
    void specifierSetParserRaisesOnlyParseExceptions() {
        fuzz(SPECIFIERS, SpecifierSet::parse, s -> SpecifierSet.parse(s.toString()).equals(s));
    }

    @Test
    void versionSpecifierParserRaisesOnlyParseExceptions() {
        fuzz(SPECIFIERS, VersionSpecifier::parse, s -> VersionSpecifier.parse(s.toString()).equals(s));
    }

    @Test
    void markerParserRaisesOnlyParseExceptions() {
        MarkerEnvironment env = MarkerEnvironment.forTarget("3.11.7", "linux");
        fuzz(MARKERS, Marker::parse, m -> {
            m.evaluate(env); // evaluation must not throw either
            m.evaluate(env, java.util.Set.of(ExtraName.parse("test")));
            return Marker.parse(m.toString()).equals(m);
        });
    }

    @Test
    void requirementParserRaisesOnlyParseExceptions() {
        fuzz(REQUIREMENTS, Requirement::parse, r -> Requirement.parse(r.toString()).equals(r));
    }

    @Test
    void nameParsersRaiseOnlyParseExceptions() {
        fuzz(NAMES, ProjectName::parse, n -> ProjectName.parse(n.toString()).equals(n));
        fuzz(NAMES, ExtraName::parse, n -> ExtraName.parse(n.toString()).equals(n));
    }

    private static <T> void fuzz(List<String> seeds, Function<String, T> parser, Function<T, Boolean> roundTrips) {
        Random random = new Random(20_260_126L ^ seeds.hashCode());
        int parsed = 0;
        for (int i = 0; i < INPUTS_PER_PARSER; i++) {
            String input = i % 10 == 0 ? generated(random) : mutated(seeds.get(random.nextInt(seeds.size())), seeds, random);
            T value;
            try {
                value = parser.apply(input);
            } catch (ParseException e) {
                if (e.getMessage().isEmpty()) { // rendering must not fail either
                    fail("empty message for " + quote(input));
                }
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("input " + quote(input) + " raised " + e, e);
            }
            parsed++;
            try {
                if (!roundTrips.apply(value)) {
                    fail("input " + quote(input) + " parsed to " + value + " which does not parse back to the same value");
                }
            } catch (RuntimeException e) {
                throw new AssertionError("round trip of " + quote(input) + " via " + quote(String.valueOf(value))
                        + " raised " + e, e);
            }
        }
        // The mutations must leave enough valid inputs for the round trips to mean something.
        assertThat(parsed).isGreaterThan(INPUTS_PER_PARSER / 50);
    }

    private static String generated(Random random) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(4) == 0) {
                b.append(TOKENS.get(random.nextInt(TOKENS.size())));
            } else {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }

    private static String mutated(String seed, List<String> seeds, Random random) {
        StringBuilder b = new StringBuilder(seed);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> b.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                case 2 -> b.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                case 3 -> b.setLength(Math.min(b.length(), at));
                case 4 -> {
                    if (at < b.length()) {
                        b.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
                case 5 -> {
                    int from = random.nextInt(b.length() + 1);
                    int to = Math.min(b.length(), from + random.nextInt(6));
                    b.insert(at, b.substring(from, to));
                }
                default -> b.insert(at, seeds.get(random.nextInt(seeds.size())));
            }
        }
        return b.toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.append('"').toString();
    }
}
