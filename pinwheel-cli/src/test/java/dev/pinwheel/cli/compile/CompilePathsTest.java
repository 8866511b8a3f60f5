package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.packaging.PinwheelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilePathsTest {

    @TempDir
    Path tmp;

    private CompileRequest request(List<String> sources, String output, List<String> extras) {
        return new CompileRequest(tmp, Map.of(), () -> "", sources, List.of(), Optional.ofNullable(output), "pinwheel compile",
                new CompileRequest.IndexOptions(Optional.empty(), List.of(), List.of(), false, List.of(), false, false),
                new CompileRequest.ResolutionOptions(false, false, List.of(), extras, false, List.of(), Optional.empty(),
                        Optional.empty(), Optional.empty(), false, true, false, List.of()),
                new CompileRequest.OutputOptions(false, true, true, LockFormat.AnnotationStyle.SPLIT, false, true, true,
                        true, true, CompileRequest.Newline.PRESERVE));
    }

    private Path file(String name, String text) throws Exception {
        Path path = tmp.resolve(name);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, text);
    }

    @Test
    void defaultInputIsRequirementsInThenPyprojectAndTheOutputFollowsIt() throws Exception {
        file("pyproject.toml", "[project]\nname='x'\n");
        assertThat(CompilePaths.locate(request(List.of(), null, List.of())).output()).isEqualTo(tmp.resolve("requirements.txt"));
        file("requirements.in", "x\n");
        CompilePaths paths = CompilePaths.locate(request(List.of(), null, List.of()));
        assertThat(paths.sources()).extracting(CompilePaths.Source::given).containsExactly("requirements.in");
        assertThat(paths.output()).isEqualTo(tmp.resolve("requirements.txt"));
    }

    @Test
    void outputIsTheInputWithTxtUnlessGiven() throws Exception {
        file("requirements/base.in", "x\n");
        file("sub/pyproject.toml", "[project]\nname='x'\n");
        assertThat(CompilePaths.locate(request(List.of("requirements/base.in"), null, List.of())).output())
                .isEqualTo(tmp.resolve("requirements/base.txt"));
        assertThat(CompilePaths.locate(request(List.of("sub/pyproject.toml"), null, List.of())).output())
                .isEqualTo(tmp.resolve("sub/requirements.txt"));
        assertThat(CompilePaths.locate(request(List.of("requirements/base.in"), "out/lock.txt", List.of())).output())
                .isEqualTo(tmp.resolve("out/lock.txt"));
    }

    @Test
    void setupFilesAreProjectInputsFoundByDefaultAfterRequirementsInAndWriteRequirementsTxtBesideThem() throws Exception {
        file("setup.cfg", "[metadata]\nname = x\n");
        CompilePaths paths = CompilePaths.locate(request(List.of(), null, List.of("dev")));
        assertThat(paths.sources()).extracting(CompilePaths.Source::kind).containsExactly(CompilePaths.Source.Kind.PROJECT);
        assertThat(paths.output()).isEqualTo(tmp.resolve("requirements.txt"));
        file("pyproject.toml", "[project]\nname='x'\n");
        assertThat(CompilePaths.locate(request(List.of(), null, List.of())).sources())
                .extracting(CompilePaths.Source::given).containsExactly("pyproject.toml");
        file("setup.py", "from setuptools import setup\nsetup()\n");
        assertThat(CompilePaths.locate(request(List.of(), null, List.of())).sources())
                .extracting(CompilePaths.Source::given).containsExactly("setup.py");
        file("sub/setup.py", "");
        assertThat(CompilePaths.locate(request(List.of("sub/setup.py", "setup.cfg"), null, List.of())).output())
                .isEqualTo(tmp.resolve("sub/requirements.txt"));
    }

    @Test
    void refusesToOverwriteAnInput() throws Exception {
        file("requirements.txt", "x\n");
        assertThatThrownBy(() -> CompilePaths.locate(request(List.of("requirements.txt"), null, List.of())))
                .isInstanceOf(PinwheelException.class)
                .hasMessage("input and output filenames must not be matched: requirements.txt");
        file("a.in", "x\n");
        assertThatThrownBy(() -> CompilePaths.locate(request(List.of("a.in"), "./a.in", List.of())))
                .hasMessageContaining("must not be matched");
    }

    @Test
    void stdinAndSeveralInputsNeedAnOutputAndMissingInputsAreNamed() throws Exception {
        file("a.in", "x\n");
        file("b.in", "y\n");
        assertThatThrownBy(() -> CompilePaths.locate(request(List.of("-"), null, List.of())))
                .hasMessage("--output-file is required if input is from stdin");
        assertThatThrownBy(() -> CompilePaths.locate(request(List.of("a.in", "b.in"), null, List.of())))
                .hasMessage("--output-file is required if two or more input files are given");
        assertThatThrownBy(() -> CompilePaths.locate(request(List.of("nope.in"), null, List.of())))
                .isInstanceOfSatisfying(PinwheelException.class,
                        e -> assertThat(e.category()).isEqualTo(PinwheelException.Category.BAD_INPUT))
                .hasMessage("input file nope.in does not exist");
        java.nio.file.Files.createDirectories(tmp.resolve("proj"));
        assertThatThrownBy(() -> CompilePaths.locate(request(List.of("proj"), null, List.of())))
                .hasMessage("input proj is a directory, not a file")
                .isInstanceOfSatisfying(PinwheelException.class, e -> assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("-e proj")));
        assertThatThrownBy(() -> CompilePaths.locate(request(List.of(), null, List.of())))
                .hasMessageStartingWith("no input file given and none of requirements.in, setup.py, pyproject.toml, setup.cfg exists");
        assertThatThrownBy(() -> CompilePaths.locate(request(List.of("a.in"), null, List.of("dev"))))
                .hasMessageContaining("only with a setup.py, setup.cfg or pyproject.toml input");
    }

    @Test
    void newlinePreservesTheExistingOutputFirstThenTheInputs() throws Exception {
        Path in = file("a.in", "x\r\ny\r\n");
        Path out = tmp.resolve("a.txt");
        List<CompilePaths.Source> sources = List.of(new CompilePaths.Source("a.in", in, CompilePaths.Source.Kind.REQUIREMENTS));
        assertThat(CompilePaths.newline(CompileRequest.Newline.PRESERVE, out, sources)).isEqualTo("\r\n");
        Files.writeString(out, "x==1\n");
        assertThat(CompilePaths.newline(CompileRequest.Newline.PRESERVE, out, sources)).isEqualTo("\n");
        assertThat(CompilePaths.newline(CompileRequest.Newline.CRLF, out, sources)).isEqualTo("\r\n");
    }
}
