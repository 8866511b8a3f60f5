package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementsFileTest {

    private static final String SHA = "a".repeat(64);
    private static final String SHA2 = "B".repeat(64);

    /** An in-memory file tree for -r/-c. */
    private static final class Files2 implements RequirementsFile.Loader {
        final Map<String, String> files = new HashMap<>();

        Files2 with(String path, String content) {
            files.put(path, content);
            return this;
        }

        @Override
        public String load(String resolvedPath) {
            String content = files.get(resolvedPath);
            if (content == null) {
                throw new PinwheelException(PinwheelException.Category.BAD_INPUT, "no such file: " + resolvedPath);
            }
            return content;
        }

        RequirementsFile parse(String path) {
            return RequirementsFile.parse(path, load(path), this);
        }
    }

    private static RequirementsFile parse(String content) {
        return RequirementsFile.parse("requirements.in", content, path -> {
            throw new PinwheelException(PinwheelException.Category.BAD_INPUT, "no such file: " + path);
        });
    }

    private static List<String> texts(RequirementsFile file) {
        return file.requirements().stream().map(r -> r.requirement().map(Requirement::toString)
                .orElse(r.link().orElse("?"))).toList();
    }

    @Test
    void plainRequirementsParseAsPep508() {
        RequirementsFile file = parse("fastapi\nuvicorn[standard]>=0.30\nsqlalchemy>=2 ; python_version >= '3.8'\n");
        assertThat(texts(file)).containsExactly("fastapi", "uvicorn[standard]>=0.30",
                "sqlalchemy>=2; python_version >= \"3.8\"");
        RequirementLine line = file.requirements().get(1);
        assertThat(line.file()).isEqualTo("requirements.in");
        assertThat(line.line()).isEqualTo(2);
        assertThat(line.text()).isEqualTo("uvicorn[standard]>=0.30");
        assertThat(line.constraint()).isFalse();
    }

    @Test
    void commentsStartAtLineStartOrAfterWhitespace() {
        RequirementsFile file = parse("# heading\n  # indented comment\nasyncpg   # 异步驱动\n"
                + "https://example.com/foo-1.0.tar.gz#egg=foo\t# trailing\n");
        assertThat(file.requirements()).extracting(RequirementLine::text)
                .containsExactly("asyncpg", "https://example.com/foo-1.0.tar.gz#egg=foo");
    }

    @Test
    void referenceFixturesParseWithChineseCommentsAndInclude() throws IOException {
        Path shared = null;
        // ../shared next to the repository (a worktree sits one level deeper).
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null && shared == null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("fixtures/seed-backend");
            shared = Files.isDirectory(candidate) ? candidate : null;
        }
        assumeTrue(shared != null, "the shared fixtures sit next to the repository");
        Path root = shared;
        RequirementsFile.Loader disk = path -> {
            try {
                return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        RequirementsFile base = RequirementsFile.parse("requirements/base.in", disk.load("requirements/base.in"), disk);
        assertThat(base.requirements()).extracting(r -> r.name().orElseThrow().toString()).containsExactly(
                "fastapi", "uvicorn", "sqlalchemy", "asyncpg", "psycopg2-binary", "alembic", "httpx", "python-dotenv",
                "pydantic-settings", "passlib", "email-validator", "pyjwt");
        assertThat(base.requirements().get(3).text()).isEqualTo("asyncpg");
        RequirementsFile dev = RequirementsFile.parse("requirements/dev.in", disk.load("requirements/dev.in"), disk);
        assertThat(dev.files()).containsExactly("requirements/dev.in", "requirements/base.in");
        assertThat(dev.requirements()).hasSize(16);
        assertThat(dev.requirements().get(0).file()).isEqualTo("requirements/base.in");
        assertThat(dev.requirements().get(12).name().orElseThrow().toString()).isEqualTo("pytest");
        assertThat(dev.requirements().get(12).file()).isEqualTo("requirements/dev.in");
    }

    @Test
    void backslashContinuesTheLine() {
        RequirementsFile file = parse("requests==2.31.0 \\\n    --hash=sha256:" + SHA + " \\\n    --hash=sha256:" + SHA2
                + "\nidna\n");
        assertThat(texts(file)).containsExactly("requests==2.31.0", "idna");
        assertThat(file.requirements().get(0).hashes()).containsExactly("sha256:" + SHA, "sha256:" + SHA2.toLowerCase());
        assertThat(file.requirements().get(1).line()).isEqualTo(4);
    }

    @Test
    void commentLineEndsAContinuation() {
        RequirementsFile file = parse("foo \\\n# a comment\nbar\n");
        assertThat(texts(file)).containsExactly("foo", "bar");
    }

    @Test
    void includesResolveRelativeToTheIncludingFile() {
        Files2 tree = new Files2()
                .with("requirements/dev.in", "-r base.in\n--requirement=../shared/common.in\npytest\n")
                .with("requirements/base.in", "fastapi\n")
                .with("shared/common.in", "-r ./sub/deep.in\nhttpx\n")
                .with("shared/sub/deep.in", "anyio\n");
        RequirementsFile file = tree.parse("requirements/dev.in");
        assertThat(texts(file)).containsExactly("fastapi", "anyio", "httpx", "pytest");
        assertThat(file.files()).containsExactly("requirements/dev.in", "requirements/base.in", "shared/common.in",
                "shared/sub/deep.in");
        assertThat(file.requirements().get(1).file()).isEqualTo("shared/sub/deep.in");
    }

    @Test
    void constraintFilesMarkTheirRequirements() {
        Files2 tree = new Files2().with("req.in", "-c constraints.txt\nfoo\n")
                .with("constraints.txt", "foo<2\n-r more.in\n").with("more.in", "bar\n");
        RequirementsFile file = tree.parse("req.in");
        assertThat(file.requirements()).extracting(r -> r.text() + ":" + r.constraint())
                .containsExactly("foo<2:true", "bar:false", "foo:false");
    }

    @Test
    void includeCycleIsAnErrorNamingTheChain() {
        Files2 tree = new Files2().with("a.in", "x\n-r b.in\n").with("b.in", "-r a.in\n");
        assertThatThrownBy(() -> tree.parse("a.in")).isInstanceOf(ParseException.class)
                .hasMessage("b.in:1:4: include cycle: a.in -> b.in -> a.in\n  -r a.in\n     ^^^^");
    }

    @Test
    void theSameFileIncludedTwiceIsNotACycle() {
        Files2 tree = new Files2().with("all.in", "-r a.in\n-r b.in\n").with("a.in", "-r common.in\n")
                .with("b.in", "-r common.in\n").with("common.in", "six\n");
        assertThat(texts(tree.parse("all.in"))).containsExactly("six", "six");
    }

    @Test
    void missingIncludeIsAnErrorAtTheIncludingLine() {
        assertThatThrownBy(() -> parse("foo\n-r missing.in\n")).isInstanceOf(ParseException.class)
                .hasMessage("requirements.in:2:4: cannot read 'missing.in': no such file: missing.in\n"
                        + "  -r missing.in\n     ^^^^^^^^^^");
    }

    @Test
    void editableLinesKeepTheirTarget() {
        RequirementsFile file = parse("-e .\n--editable ./libs/core[dev,test]\n-e git+https://github.com/x/y.git@v1#egg=y-lib\n");
        List<RequirementLine> lines = file.requirements();
        assertThat(lines).allMatch(RequirementLine::editable);
        assertThat(lines.get(0).link()).contains(".");
        assertThat(lines.get(0).name()).isEmpty();
        assertThat(lines.get(1).link()).contains("./libs/core");
        assertThat(lines.get(1).extras()).extracting(ExtraName::toString).containsExactly("dev", "test");
        assertThat(lines.get(2).name().map(ProjectName::toString)).contains("y-lib");
        assertThat(lines.get(2).requirement()).isEmpty();
    }

    @Test
    void indexAndBinaryOptionsAreCollected() {
        RequirementsFile file = parse("""
                --index-url https://pypi.example/simple
                -i https://mirror.example/simple
                --extra-index-url=https://extra.example/simple
                --find-links ./wheels
                -f https://download.example/links
                --no-index
                --pre
                --trusted-host mirror.example
                --only-binary :all:
                --no-binary psycopg2,Foo_Bar
                --prefer-binary
                --require-hashes
                """);
        RequirementsOptions o = file.options();
        assertThat(o.indexUrl()).contains("https://mirror.example/simple");
        assertThat(o.extraIndexUrls()).containsExactly("https://extra.example/simple");
        assertThat(o.findLinks()).containsExactly(new RequirementsOptions.FindLinks("./wheels", "requirements.in"),
                new RequirementsOptions.FindLinks("https://download.example/links", "requirements.in"));
        assertThat(o.noIndex()).isTrue();
        assertThat(o.pre()).isTrue();
        assertThat(o.trustedHosts()).containsExactly("mirror.example");
        assertThat(o.onlyBinary()).containsExactly(":all:");
        assertThat(o.noBinary()).containsExactly("psycopg2", "foo-bar");
        assertThat(o.formatControl().allowsSource(ProjectName.parse("psycopg2"))).isTrue();
        assertThat(o.formatControl().allowsBinary(ProjectName.parse("psycopg2"))).isFalse();
        assertThat(o.formatControl().allowsSource(ProjectName.parse("numpy"))).isFalse();
        assertThat(o.preferBinary()).isTrue();
        assertThat(o.requireHashes()).isTrue();
        assertThat(file.requirements()).isEmpty();
    }

    @Test
    void formatControlFollowsPipsMutualExclusion() {
        FormatControl f = FormatControl.none().withNoBinary("foo").withOnlyBinary("foo");
        assertThat(f.noBinary()).isEmpty();
        assertThat(f.onlyBinary()).containsExactly("foo");
        assertThat(FormatControl.none().withOnlyBinary("a").withNoBinary(":all:").onlyBinary()).isEmpty();
        assertThat(FormatControl.none().withOnlyBinary(":all:,:none:,bar").onlyBinary()).containsExactly("bar");
        assertThat(FormatControl.none().withOnlyBinary(":all:,bar").onlyBinary()).containsExactly(":all:");
    }

    @Test
    void aLaterControlReplaysItsValuesInOrderOntoAnEarlierOne() {
        FormatControl first = FormatControl.none().withNoBinary(":all:").withOnlyBinary("numpy");
        FormatControl second = FormatControl.none().withNoBinary(":none:").withNoBinary("lxml");
        FormatControl both = first.then(second);
        assertThat(both.noBinary()).containsExactly("lxml");
        assertThat(both.onlyBinary()).containsExactly("numpy");
        assertThat(both).isEqualTo(FormatControl.none().withNoBinary(":all:").withOnlyBinary("numpy")
                .withNoBinary(":none:").withNoBinary("lxml"));
        assertThat(first.then(FormatControl.none())).isEqualTo(first);
        assertThat(FormatControl.none().then(first)).isEqualTo(first);
    }

    @Test
    void environmentVariablesExpandOnlyInBraceFormWithUpperCaseNames() {
        Map<String, String> env = Map.of("TOKEN", "s3cret", "lower", "no", "EMPTY", "");
        RequirementsFile file = RequirementsFile.parse("r.in",
                "--index-url https://user:${TOKEN}@pypi.example/simple\n"
                        + "--extra-index-url https://${lower}.example/$TOKEN/${EMPTY}/${UNSET}\n",
                p -> "", env::get);
        assertThat(file.options().indexUrl()).contains("https://user:s3cret@pypi.example/simple");
        assertThat(file.options().extraIndexUrls()).containsExactly("https://${lower}.example/$TOKEN/${EMPTY}/${UNSET}");
    }

    @Test
    void directUrlsBecomeNamedRequirementsWhenTheNameIsKnown() {
        RequirementsFile file = parse("""
                pkg @ https://example.com/pkg-1.0.tar.gz
                https://example.com/wheels/Foo_Bar-2.0-py3-none-any.whl ; python_version >= "3.8"
                git+https://github.com/org/repo.git@main#egg=repo-name&subdirectory=src
                ./vendor/local-1.0-py3-none-any.whl
                ./vendor/project
                https://example.com/archive.zip
                """);
        List<RequirementLine> lines = file.requirements();
        assertThat(lines.get(0).requirement().map(Requirement::toString)).contains("pkg @ https://example.com/pkg-1.0.tar.gz");
        assertThat(lines.get(1).requirement().orElseThrow().name().toString()).isEqualTo("foo-bar");
        assertThat(lines.get(1).requirement().orElseThrow().url())
                .contains("https://example.com/wheels/Foo_Bar-2.0-py3-none-any.whl");
        assertThat(lines.get(1).marker()).isPresent();
        assertThat(lines.get(2).requirement().orElseThrow().url())
                .contains("git+https://github.com/org/repo.git@main#subdirectory=src");
        assertThat(lines.get(2).name().map(ProjectName::toString)).contains("repo-name");
        assertThat(lines.get(3).requirement()).isEmpty();
        assertThat(lines.get(3).name().map(ProjectName::toString)).contains("local");
        assertThat(lines.get(3).link()).contains("./vendor/local-1.0-py3-none-any.whl");
        assertThat(lines.get(4).name()).isEmpty();
        assertThat(lines.get(4).link()).contains("./vendor/project");
        assertThat(lines.get(5).name()).isEmpty();
        assertThat(lines.get(5).link()).contains("https://example.com/archive.zip");
    }

    @Test
    void malformedRequirementNamesFileLineAndColumn() {
        assertThatThrownBy(() -> RequirementsFile.parse("requirements/base.in", "fastapi\nhttpx\nuvicorn ==\n",
                p -> "")).isInstanceOf(ParseException.class).satisfies(e -> {
                    ParseException p = (ParseException) e;
                    assertThat(p.file()).contains("requirements/base.in");
                    assertThat(p.line()).isEqualTo(3);
                    assertThat(p.getMessage()).startsWith("requirements/base.in:3:").contains("\n  uvicorn ==\n");
                });
    }

    @Test
    void errorsInContinuedLinesPointAtThePhysicalLine() {
        assertThatThrownBy(() -> parse("foo==1.0 \\\n  --hash=sha256:abc\n")).isInstanceOf(ParseException.class)
                .hasMessage("requirements.in:2:17: a sha256 hash is 64 hex digits\n    --hash=sha256:abc\n                  ^^^");
    }

    @Test
    void unknownOptionIsAnError() {
        assertThatThrownBy(() -> parse("--frobnicate x\n")).isInstanceOf(ParseException.class)
                .hasMessage("requirements.in:1:1: unknown option '--frobnicate'\n  --frobnicate x\n  ^^^^^^^^^^^^");
    }

    @Test
    void hashNeedsARequirementAndAStrongAlgorithm() {
        assertThatThrownBy(() -> parse("--hash=sha256:" + SHA + "\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("belong to a requirement");
        assertThatThrownBy(() -> parse("foo --hash=md5:" + "a".repeat(32) + "\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("sha256, sha384 or sha512");
    }

    @Test
    void globalOptionAfterARequirementIsAnError() {
        assertThatThrownBy(() -> parse("foo --pre\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("cannot follow a requirement");
    }

    @Test
    void optionNeedsItsValue() {
        assertThatThrownBy(() -> parse("-r\n")).isInstanceOf(ParseException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("--pre=yes\n")).isInstanceOf(ParseException.class).hasMessageContaining("takes no value");
    }

    @Test
    void constraintsMustBeNamedAndNotEditable() {
        Files2 tree = new Files2().with("r.in", "-c c.txt\n").with("c.txt", "-e ./x\n");
        assertThatThrownBy(() -> tree.parse("r.in")).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("c.txt:1:4: editable requirements are not allowed as constraints");
        Files2 unnamed = new Files2().with("r.in", "-c c.txt\n").with("c.txt", "./x\n");
        assertThatThrownBy(() -> unnamed.parse("r.in")).isInstanceOf(ParseException.class)
                .hasMessageContaining("constraints must name a project");
    }

    @Test
    void pathsNormalize() {
        assertThat(RequirementsFileParser.resolvePath("requirements/dev.in", "../base.in")).isEqualTo("base.in");
        assertThat(RequirementsFileParser.resolvePath("dev.in", "../x/./y.in")).isEqualTo("../x/y.in");
        assertThat(RequirementsFileParser.resolvePath("a/dev.in", "/abs/b.in")).isEqualTo("/abs/b.in");
        assertThat(RequirementsFileParser.resolvePath("https://h/r/dev.txt", "base.txt")).isEqualTo("https://h/r/base.txt");
        assertThat(RequirementsFileParser.resolvePath("a/dev.in", "https://h/x.txt")).isEqualTo("https://h/x.txt");
        assertThat(RequirementsFileParser.resolvePath("a\\dev.in".replace('\\', '/'), "sub\\b.in")).isEqualTo("a/sub/b.in");
    }

    @Test
    void crlfAndByteOrderMarkAreAccepted() {
        assertThat(texts(parse("\uFEFFfoo\r\nbar \\\r\n  >=1\r\n"))).containsExactly("foo", "bar>=1");
    }

    @Test
    void pipCompileOutputWithHashesAndViaCommentsParses() {
        String sha = "0".repeat(64);
        RequirementsFile file = parse("""
                #
                # This file is autogenerated by pip-compile with Python 3.11
                # by the following command:
                #
                #    pip-compile --generate-hashes requirements/base.in
                #
                --index-url https://pypi.org/simple

                anyio==4.2.0 \\
                    --hash=sha256:%1$s \\
                    --hash=sha256:%1$s
                    # via
                    #   httpx
                colorama==0.4.6 ; sys_platform == "win32" \\
                    --hash=sha256:%1$s
                    # via click
                """.formatted(sha));
        assertThat(texts(file)).containsExactly("anyio==4.2.0", "colorama==0.4.6; sys_platform == \"win32\"");
        assertThat(file.requirements().get(0).hashes()).hasSize(2);
        assertThat(file.requirements().get(1).line()).isEqualTo(14);
        assertThat(file.options().indexUrl()).contains("https://pypi.org/simple");
    }
}
