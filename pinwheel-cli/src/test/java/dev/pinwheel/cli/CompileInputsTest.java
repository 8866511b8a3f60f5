package dev.pinwheel.cli;

import dev.pinwheel.testkit.Golden;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pinwheel compile} over pyproject.toml inputs end to end: where errors inside the file
 * are reported, and PEP 735 dependency groups without a [project] table. Whole results compared
 * with golden files.
 */
class CompileInputsTest {

    @TempDir
    Path tmp;

    private TestIndex index;
    private CompileWorkspace workspace;

    @BeforeEach
    void startIndex() {
        index = TestIndex.start();
        workspace = new CompileWorkspace(tmp, index);
        index.add(WheelBuilder.of("pytest", "8.1.1").requiresDist("iniconfig").build());
        index.add(WheelBuilder.of("iniconfig", "2.0.0").build());
        index.add(WheelBuilder.of("click", "8.1.7").build());
        index.add(WheelBuilder.of("attrs", "23.2.0").build());
        index.add(WheelBuilder.of("six", "1.16.0").build());
    }

    @AfterEach
    void stopIndex() {
        index.close();
    }

    private CliRunner.Result compile(String... args) {
        return workspace.compile(args);
    }

    private void write(String name, String text) throws Exception {
        workspace.write(name, text);
    }

    private String render(CliRunner.Result result, String... files) throws Exception {
        return workspace.render(result, files);
    }

    @Test
    void aBadRequirementInPyprojectIsShownAtItsLineInTheFile() throws Exception {
        write("pyproject.toml", """
                [project]
                name = "demo"
                version = "1.0"
                dependencies = [
                    "click",
                    "requests>=",
                ]
                """);
        Golden.assertMatches("compile/inputs/pyproject-bad-requirement.txt", render(compile("-n")));
    }

    @Test
    void invalidTomlIsShownAtItsPlaceWithAHintAndNoLibraryText() throws Exception {
        write("pyproject.toml", "[project]\nname = \"demo\"\ndependencies = [\"requests\"\n");
        Golden.assertMatches("compile/inputs/pyproject-invalid-toml.txt", render(compile("-n")));
    }

    @Test
    void dependencyGroupsCompileWithoutAProjectTable() throws Exception {
        write("pyproject.toml", "[dependency-groups]\ndev = [\"pytest\"]\nbad = [{include-group = \"nope\"}]\n");
        Golden.assertMatches("compile/inputs/groups-only.txt", render(compile("--group", "dev"), "requirements.txt"));
        Golden.assertMatches("compile/inputs/group-bad-include.txt", render(compile("--group", "bad", "-n")));
    }

    private static final String DEMO = """
            [project]
            name = "demo"
            version = "0.1"
            dependencies = ["attrs"]
            [project.optional-dependencies]
            dev = ["six"]
            """;

    @Test
    void anEditableProjectIsWrittenAsGivenFirstAndItsDependenciesComeViaItsName() throws Exception {
        write("pyproject.toml", DEMO);
        write("requirements.in", "-e .\nclick\n");
        Golden.assertMatches("compile/inputs/editable.txt", render(compile(), "requirements.txt"));
        // A second run reads the lock with its -e line and changes nothing.
        Golden.assertMatches("compile/inputs/editable.txt", render(compile(), "requirements.txt"));
    }

    @Test
    void editableExtrasAndPlainProjectPaths() throws Exception {
        write("libs/demo/pyproject.toml", DEMO);
        write("reqs/dev.in", "-e libs/demo[dev]\n");
        write("reqs/plain.in", "./libs/demo\n");
        Golden.assertMatches("compile/inputs/editable-extras.txt", render(compile("reqs/dev.in"), "reqs/dev.txt"));
        Golden.assertMatches("compile/inputs/project-path.txt", render(compile("reqs/plain.in"), "reqs/plain.txt"));
    }
}
