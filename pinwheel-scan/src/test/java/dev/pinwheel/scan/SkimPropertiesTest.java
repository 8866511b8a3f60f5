package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Skimming lines without tokens must find exactly what tokenizing every line finds: the same
 * imports (with their lines and guards), literals, names and problems, on any mix of the
 * constructs that trip scanners.
 */
class SkimPropertiesTest {

    private static final Predicate<String> LITERALS = Evidence.PYTHON_LITERALS;
    private static final Set<String> NAMES = Evidence.PYTHON_NAMES;

    private static PythonSource.Scan scan(String src, boolean skim) {
        byte[] utf8 = src.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return PythonSource.scan(utf8, utf8.length, LITERALS, NAMES, skim);
    }

    private static void assertSameAsFull(String src) {
        assertThat(scan(src, true)).as("skimmed scan of:\n%s", src).isEqualTo(scan(src, false));
    }

    /** Lines that matter (imports, headers, evidence) and lines that are skimmed, in any order and indentation. */
    private static final List<String> FRAGMENTS = List.of(
            "import a.b as c, d", "from x.y import (z,", "    w as v)", "from . import local", "import", "from import x",
            "if TYPE_CHECKING:", "if not typing.TYPE_CHECKING:", "else:", "elif x:", "try:", "except ImportError:",
            "except (ValueError, ModuleNotFoundError) as e:", "finally:", "def f(a, b=lambda: 1):", "class C(Base):",
            "async def g():", "with open(p) as f:", "for i in range(3):", "while True:", "match x:", "case [a, b]:",
            "match = 1", "case(1)", "pass", "x = 1; import semi", "y = f(1,", "      2); import after_bracket",
            "m = importlib.import_module('plugins.alpha')", "n = __import__(\"beta\")", "o = import_module(name)",
            "URL = 'postgresql+asyncpg://u@h/db'", "e = 'django.db.backends.mysql'", "schemes=['bcrypt']",
            "email: EmailStr", "doc = '''", "import inside_doc", "'''", "s = \"import not_real\"", "t = f'{a[\"k\"]}import no'",
            "u = f\"{x:{width}}\"", "v = rb'\\x00' + br\"\\\"\"", "w = 'unterminated", "z = (1,", "]", "q = 1 \\",
            "    + 2", "# import commented", "    # indented comment", "", "   ", "\tif x: import tabbed", "x = 1 ! 2",
            "@decorator(1)", "return {'a': [1, 2]}", "print(x) if y else z", "k = 0xE-1 + 1e-3 + .5j", "import données",
            "\\", "a = 'x' 'y'; b = 2", "if x: import one_line_if", "try: import one_line_try", "except: import fallback",
            "def h(): import in_def", "class D: u = 'sqlite:///a.db'", "with a as b: pass", "for x in y: import in_loop",
            "while x := f():", "def k(a: int = 1, b=lambda: 2) -> dict[str, int]:", "async with s as t:", "f = lambda x: x",
            "case {'k': v} if v:", "s = 'caf\u00e9 \u2615'; import after_accent",
            "x = a \u20ac b", "\u03c0 = 3.14", "# \u00fc comment", "n\u00e4me = 'sqlite:///\u00e4.db'", "def broken(:", "x: int = 3", "class E(", "    Base):");

    @Provide
    Arbitrary<String> sources() {
        Arbitrary<String> line = Arbitraries.of(FRAGMENTS);
        Arbitrary<String> indent = Arbitraries.of("", "", "    ", "        ", "\t");
        Arbitrary<String> newline = Arbitraries.of("\n", "\n", "\r\n");
        return net.jqwik.api.Combinators.combine(indent, line, newline).as((i, l, nl) -> i + l + nl)
                .list().ofMinSize(1).ofMaxSize(25).map(ls -> String.join("", ls));
    }

    @Property(tries = 800)
    void skimmingFindsWhatFullTokenizingFinds(@ForAll("sources") String src) {
        assertSameAsFull(src);
    }

    @Test
    void skimmedScanStillFindsEveryKindOfInterest() {
        String src = """
                x = 1; import semi
                y = call(1,
                         2); from after import b
                m = importlib.import_module("plugins.alpha")
                URL = "postgresql+asyncpg://u@h/db"
                class U(BaseModel):
                    email: EmailStr
                """;
        PythonSource.Scan scan = scan(src, true);
        assertThat(scan.imports()).extracting(FoundImport::module).containsExactly("semi", "after", "plugins.alpha");
        assertThat(scan.literals()).extracting(PythonSource.Literal::value).containsExactly("postgresql+asyncpg://u@h/db");
        assertThat(scan.names()).extracting(PythonSource.Literal::line).containsExactly(7);
        assertSameAsFull(src);
    }

    @Test
    void literalsWithInnerWhitespaceAreNeverOffered() {
        PythonSource.Scan scan = PythonSource.scan("a = ' sqlite://x '\nb = 'see postgresql://u@h/db'\n", v -> true, Set.of());
        assertThat(scan.literals()).extracting(PythonSource.Literal::value).containsExactly(" sqlite://x ");
    }
}
