package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PythonSourceTest {

    private static List<String> modules(String source) {
        return PythonSource.scan(source).imports().stream().map(FoundImport::module).collect(Collectors.toList());
    }

    private static FoundImport only(String source, String module) {
        return PythonSource.scan(source).imports().stream().filter(i -> i.module().equals(module)).findFirst()
                .orElseThrow(() -> new AssertionError(module + " not found in " + modules(source)));
    }

    @Test
    void importWithAliasesAndSeveralNames() {
        assertThat(modules("import a.b as c, d\nimport e\n")).containsExactly("a.b", "d", "e");
    }

    @Test
    void fromImportNamesTheModule() {
        assertThat(modules("from a import b\nfrom x.y import (z,\n    w as v)\n")).containsExactly("a", "x.y");
    }

    @Test
    void relativeImportsAreLocalAndIgnored() {
        assertThat(modules("from . import x\nfrom .models import User\nfrom ..core import db\nfrom ... import q\n")).isEmpty();
    }

    @Test
    void importsInsideStringsAreNotImports() {
        String src = """
                s = "import fake1"
                t = 'from fake2 import x'
                doc = \"\"\"
                import fake3
                \"\"\"
                r = rb'import fake4'
                u = '''from fake5 import y'''
                import real
                """;
        assertThat(modules(src)).containsExactly("real");
    }

    @Test
    void prefixedAndTripleQuotedStringsOfEveryKind() {
        String src = "a = Rb'''x\nimport fake1\n'''\nb = U\"import fake2\"\nc = br\"\\\"import fake3\"\n"
                + "d = Fr'{x}import fake4'\nimport real\n";
        assertThat(modules(src)).containsExactly("real");
    }

    @Test
    void fStringsWithNestedFieldsAndReusedQuotes() {
        String src = """
                a = f"{x["k"]} import fake1 {y!r:>{width}}"
                b = f'{ {"k": 1}["k"] } import fake2'
                c = f\"\"\"{
                  "import fake3"
                }\"\"\"
                d = f"{f'{z}'} import fake4"
                import real
                """;
        assertThat(modules(src)).containsExactly("real");
        assertThat(PythonSource.scan(src).problems()).isEmpty();
    }

    @Test
    void commentsAreNotImports() {
        assertThat(modules("# import fake\nx = 1  # from fake import y\nimport real  # import fake2\n"))
                .containsExactly("real");
    }

    @Test
    void backslashContinuationJoinsLines() {
        assertThat(modules("import a, \\\n    b\nx = 1 + \\\nimport_this\n")).containsExactly("a", "b");
    }

    @Test
    void parenthesesContinueAStatementAcrossLines() {
        String src = "x = foo(\n    1,\nimport_not)\nfrom m import (\n  a,\n  b,\n)\n";
        assertThat(modules(src)).containsExactly("m");
    }

    @Test
    void wordImportInsideAnExpressionIsNotAStatement() {
        assertThat(modules("x = (\nimport_ := 1)\nraise X from err\nyield from gen\n")).isEmpty();
    }

    @Test
    void semicolonsSeparateStatements() {
        assertThat(modules("import os; import sys; x = 1; from a import b\n")).containsExactly("os", "sys", "a");
    }

    @Test
    void typeCheckingBlocksAreTypingOnly() {
        String src = """
                from typing import TYPE_CHECKING
                import typing
                if TYPE_CHECKING:
                    from a import A
                    import b
                import c
                if typing.TYPE_CHECKING:
                    import d
                else:
                    import e
                if not TYPE_CHECKING:
                    import f
                else:
                    import g
                if TYPE_CHECKING: import h
                """;
        assertThat(only(src, "a").typingOnly()).isTrue();
        assertThat(only(src, "b").typingOnly()).isTrue();
        assertThat(only(src, "c").typingOnly()).isFalse();
        assertThat(only(src, "d").typingOnly()).isTrue();
        assertThat(only(src, "e").typingOnly()).isFalse();
        assertThat(only(src, "f").typingOnly()).isFalse();
        assertThat(only(src, "g").typingOnly()).isTrue();
        assertThat(only(src, "h").typingOnly()).isTrue();
    }

    @Test
    void typeCheckingInsideAFunctionEndsWithItsBlock() {
        String src = "def f():\n    if TYPE_CHECKING:\n        import a\n    import b\nimport c\n";
        assertThat(only(src, "a").typingOnly()).isTrue();
        assertThat(only(src, "b").typingOnly()).isFalse();
        assertThat(only(src, "c").typingOnly()).isFalse();
    }

    @Test
    void tryExceptImportErrorMakesImportsOptional() {
        String src = """
                try:
                    import ujson as json
                except ImportError:
                    import json
                try:
                    import orjson
                except (ModuleNotFoundError, AttributeError):
                    orjson = None
                try:
                    import needed
                except ValueError:
                    pass
                try: import oneliner
                except ImportError: oneliner = None
                import plain
                """;
        assertThat(only(src, "ujson").optional()).isTrue();
        assertThat(only(src, "json").optional()).isTrue();
        assertThat(only(src, "orjson").optional()).isTrue();
        assertThat(only(src, "needed").optional()).isFalse();
        assertThat(only(src, "oneliner").optional()).isTrue();
        assertThat(only(src, "plain").optional()).isFalse();
    }

    @Test
    void elseOfAForLoopIsNotTheElseOfAnEarlierIf() {
        String src = "if not TYPE_CHECKING:\n    pass\nfor x in y:\n    pass\nelse:\n    import a\n";
        assertThat(only(src, "a").typingOnly()).isFalse();
    }

    @Test
    void dynamicImportsWithLiteralNames() {
        String src = """
                import importlib
                m = importlib.import_module("plugins.alpha")
                n = __import__('beta')
                o = import_module(name)
                p = importlib.import_module(".relative", package=__name__)
                q = importlib.import_module(f"x{y}")
                """;
        List<FoundImport> found = PythonSource.scan(src).imports();
        assertThat(found).extracting(FoundImport::module).containsExactly("importlib", "plugins.alpha", "beta");
        assertThat(found.get(1).dynamic()).isTrue();
        assertThat(found.get(1).line()).isEqualTo(2);
    }

    @Test
    void lineNumbersCountEveryPhysicalLine() {
        String src = "'''doc\nstring'''\n\n# c\nx = (1,\n 2)\nimport a\n";
        assertThat(only(src, "a").line()).isEqualTo(7);
    }

    @Test
    void lambdaColonsDoNotEndAHeader() {
        String src = "if (lambda: 1)() and (lambda x: x): import a\n";
        assertThat(modules(src)).containsExactly("a");
    }

    @Test
    void unterminatedStringIsAProblemButScanningGoesOn() {
        PythonSource.Scan scan = PythonSource.scan("import a\nx = 'oops\nimport b\n");
        assertThat(scan.imports()).extracting(FoundImport::module).containsExactly("a", "b");
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(5);
            assertThat(p.message()).isEqualTo("unterminated string literal");
        });
    }

    @Test
    void nonAsciiTextIsReadByCharacterNamesAndColumns() {
        PythonSource.Scan scan = PythonSource.scan("s = 'caf\u00e9 \u2615'; x = 1 \u20ac 2\nimport donn\u00e9es.mod\n\u03c0 = 3; import after\n");
        assertThat(scan.imports()).extracting(FoundImport::module).containsExactly("donn\u00e9es.mod", "after");
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.column()).isEqualTo(21); // characters, not bytes (the euro sign is byte 25)
            assertThat(p.message()).isEqualTo("invalid character '\u20ac'");
        });
    }

    @Test
    void unclosedBracketAndTripleQuoteAreProblems() {
        assertThat(PythonSource.scan("x = (1,\n").problems()).extracting(PythonSource.Problem::message)
                .containsExactly("unexpected end of file: 1 bracket(s) not closed");
        assertThat(PythonSource.scan("import a\ns = '''never closed\n").problems()).extracting(PythonSource.Problem::message)
                .containsExactly("unterminated triple-quoted string literal");
    }

    @Test
    void badIndentationIsAProblem() {
        assertThat(PythonSource.scan("import a\n    import b\n").problems()).extracting(PythonSource.Problem::message)
                .containsExactly("unexpected indent");
        assertThat(PythonSource.scan("if x:\n        a = 1\n    b = 2\n").problems()).extracting(PythonSource.Problem::message)
                .containsExactly("unindent does not match any outer indentation level");
    }

    @Test
    void incompleteImportIsAProblem() {
        assertThat(PythonSource.scan("from import x\n").problems()).isNotEmpty();
        assertThat(PythonSource.scan("import\n").problems()).isNotEmpty();
    }

    @Test
    void crlfAndTabsAndBom() {
        String src = "\uFEFFimport a\r\nif x:\r\n\timport b\r\n";
        assertThat(modules(src)).containsExactly("a", "b");
        assertThat(PythonSource.scan(src).problems()).isEmpty();
    }

    @Test
    void unicodeIdentifiers() {
        assertThat(modules("import données\nπ = 3\nfrom café import x\n")).containsExactly("données", "café");
    }

    @Test
    void literalsAndNamesOfInterestAreKept() {
        PythonSource.Scan scan = PythonSource.scan("URL = 'postgresql+asyncpg://u@h/db'\nclass U(BaseModel):\n    email: EmailStr\n",
                v -> v.contains("://"), Set.of("EmailStr"));
        assertThat(scan.literals()).containsExactly(new PythonSource.Literal("postgresql+asyncpg://u@h/db", 1));
        assertThat(scan.names()).containsExactly(new PythonSource.Literal("EmailStr", 3));
    }

    @Test
    void numbersWithExponentsAndHex() {
        assertThat(PythonSource.scan("x = 1e-3 + 0xE-1 + 1_000.5j\nimport a\n").problems()).isEmpty();
    }
}
