package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Core metadata and requirements files: generated and mutated text parses or throws ParseException. */
class TextParsersRobustnessTest {

    private static final String ALPHABET = "abzAZ019-_.:;,=<>!~@#$/{}[]()'\" \t\n\r\\é中\uFEFF";

    @Test
    void coreMetadataParserOnlyThrowsParseException() {
        List<String> seeds = List.of(
                "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nRequires-Dist: bar>=1; extra == 'x'\n"
                        + "Provides-Extra: x\nRequires-Python: >=3.8,\n\nbody\n",
                "metadata-version: 1.0\r\nname: Foo_Bar\r\nversion: 1!2.0.post1\r\nDynamic: Requires-Dist\r\n",
                "Metadata-Version: 2.4\nName: a\nVersion: 0\nRequires-Dist: b;\n\tpython_version<'3'\nLicense: x\n  y\n");
        List<String> inputs = Fuzz.strings(seeds, ALPHABET, 10_000, 11);
        int parsed = Fuzz.assertParsesOrThrowsParseException(inputs, CoreMetadata::parse);
        assertThat(parsed).isGreaterThan(1000);
    }

    @Test
    void requirementsFileParserOnlyThrowsParseException() {
        Map<String, String> files = Map.of(
                "base.in", "fastapi\nuvicorn[standard]  # 注释\n",
                "loop.in", "-r loop.in\n",
                "c.txt", "foo<2\n");
        RequirementsFile.Loader loader = path -> {
            String content = files.get(path);
            if (content == null) {
                throw new PinwheelException(PinwheelException.Category.BAD_INPUT, "no such file");
            }
            return content;
        };
        Map<String, String> env = Map.of("TOKEN", "t0k", "SPACE", "a b", "HASH", "#");
        List<String> seeds = List.of(
                "-r base.in\n-c c.txt\nsqlalchemy>=2 ; python_version >= '3.8'\n",
                "requests==2.31.0 \\\n    --hash=sha256:" + "a".repeat(64) + "\n# comment\n",
                "-e git+https://github.com/x/y.git#egg=y\n--index-url https://${TOKEN}@h/simple\n-f ./w\n",
                "--only-binary :all: --no-binary foo\n./vendor/a-1.0-py3-none-any.whl\npkg @ https://h/p.zip ; os_name == 'nt'\n",
                "-r loop.in\n--pre --trusted-host h\n-e .[dev]\n${SPACE} ${HASH}\n");
        List<String> inputs = Fuzz.strings(seeds, ALPHABET, 10_000, 12);
        int parsed = Fuzz.assertParsesOrThrowsParseException(inputs,
                text -> RequirementsFile.parse("req/r.in", text, p -> loader.load(p.replace("req/", "")), env::get));
        assertThat(parsed).isGreaterThan(1000);
    }
}
