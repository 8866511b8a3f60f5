package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PyprojectInputTest {

    private static final String PYPROJECT = """
            [project]
            name = "Backend_App"
            dependencies = ["fastapi>=0.110", "sqlalchemy[asyncio]>=2"]
            [project.optional-dependencies]
            Postgres = ["asyncpg"]
            docs = ["mkdocs"]
            [dependency-groups]
            test = ["pytest", {include-group = "lint"}]
            lint = ["ruff"]
            loop = [{include-group = "loop"}]
            """;

    private static List<String> requirements(List<PyprojectInput.Line> lines) {
        return lines.stream().map(PyprojectInput.Line::requirement).toList();
    }

    @Test
    void readsDependenciesAndAnnotatesThemWithTheProjectName() {
        List<PyprojectInput.Line> lines = PyprojectInput.read("pyproject.toml", PYPROJECT, List.of(), false, List.of());
        assertThat(requirements(lines)).containsExactly("fastapi>=0.110", "sqlalchemy[asyncio]>=2");
        assertThat(lines.get(0).comesFrom()).isEqualTo("Backend_App (pyproject.toml)");
    }

    @Test
    void extrasAreMatchedAfterNormalizationAndGroupsFollowIncludes() {
        assertThat(requirements(PyprojectInput.read("pyproject.toml", PYPROJECT, List.of("postgres"), false, List.of("Test"))))
                .containsExactly("fastapi>=0.110", "sqlalchemy[asyncio]>=2", "asyncpg", "pytest", "ruff");
        assertThat(requirements(PyprojectInput.read("pyproject.toml", PYPROJECT, List.of(), true, List.of())))
                .containsExactly("fastapi>=0.110", "sqlalchemy[asyncio]>=2", "asyncpg", "mkdocs");
    }

    @Test
    void unknownExtrasGroupsCyclesAndBadTomlAreClearErrors() {
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", PYPROJECT, List.of("mysql"), false, List.of()))
                .hasMessage("--extra mysql: pyproject.toml has no such optional-dependencies group");
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", PYPROJECT, List.of(), false, List.of("loop")))
                .hasMessage("pyproject.toml: dependency group loop includes itself");
        assertThatThrownBy(() -> PyprojectInput.read("p/pyproject.toml", "[project\nname='x'", List.of(), false, List.of()))
                .hasMessageStartingWith("p/pyproject.toml:1:");
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", "[project]\nname='x'\ndynamic=['dependencies']\n",
                List.of(), false, List.of())).hasMessage("pyproject.toml declares its dependencies as dynamic");
    }

    @Test
    void onlyABackendKnowsAProjectWithoutAProjectTableButWithABuildSystemOrSetupPy() {
        String poetry = "[build-system]\nrequires = [\"poetry-core\"]\nbuild-backend = \"poetry.core.masonry.api\"\n"
                + "[tool.poetry]\nname = \"p\"\n";
        assertThat(PyprojectInput.needsBackend("pyproject.toml", poetry, false)).isTrue();
        assertThat(PyprojectInput.needsBackend("pyproject.toml", "[tool.black]\nline-length = 100\n", true)).isTrue();
        assertThat(PyprojectInput.needsBackend("pyproject.toml", "[dependency-groups]\ndev = [\"ruff\"]\n", false)).isFalse();
        assertThat(PyprojectInput.needsBackend("pyproject.toml", PYPROJECT, true)).as("static [project]").isFalse();
        assertThat(PyprojectInput.needsBackend("pyproject.toml", "[project]\nname='x'\ndynamic=['dependencies']\n", false)).isTrue();
    }

    @Test
    void selfReferentialExtrasTakeTheProjectsOwnExtras() {
        String text = """
                [project]
                name = "My_App"
                dependencies = ["click", "my-app[base]"]
                [project.optional-dependencies]
                base = ["attrs"]
                test = ["pytest"]
                lint = ["ruff"]
                dev = ["my_app[test,lint]", "ipython"]
                all = ["my-app[dev]"]
                """;
        assertThat(requirements(PyprojectInput.read("pyproject.toml", text, List.of(), false, List.of())))
                .containsExactly("click", "attrs");
        assertThat(requirements(PyprojectInput.read("pyproject.toml", text, List.of("all"), false, List.of())))
                .containsExactly("click", "attrs", "ipython", "ruff", "pytest");
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", text.replace("my-app[dev]", "my-app[docs]"),
                List.of("all"), false, List.of()))
                .hasMessage("pyproject.toml:9:9: the project has no optional-dependencies group docs (it has: base, test, lint, dev, all)\n"
                        + "  all = [\"my-app[docs]\"]\n          ^^^^^^^^^^^^");
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", text.replace("\"my-app[dev]\"", "\"my-app[dev]>=1\""),
                List.of("all"), false, List.of()))
                .hasMessageStartingWith("pyproject.toml:9:9: a reference to the project itself may only name its extras");
    }

    @Test
    void aBadRequirementIsReportedAtItsLineWithTheCaretInsideTheString() {
        String text = "[project]\nname = \"demo\"\nversion = \"1\"\ndependencies = [\n    \"click\",\n    \"requests>=\",\n]\n";
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", text, List.of(), false, List.of()))
                .hasMessage("""
                        pyproject.toml:6:16: expected a version after '>='
                              "requests>=",
                                         ^""");
    }

    @Test
    void requirementsKnowTheirLineAndEscapesKeepTheCaretInPlace() {
        String text = "[project]\nname = 'demo'\ndependencies = ['attrs', \"\\u0063lick >=\"]\n";
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", text, List.of(), false, List.of()))
                .hasMessageStartingWith("pyproject.toml:3:40: expected a version after '>='");
        List<PyprojectInput.Line> lines = PyprojectInput.read("pyproject.toml", PYPROJECT, List.of(), false, List.of());
        assertThat(lines.get(1).location()).isEqualTo("pyproject.toml:3");
    }

    @Test
    void invalidTomlIsPlacedInTheFileWithoutTheLibrarysText() {
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml",
                "[project]\nname = \"demo\"\ndependencies = [\"requests\"\n", List.of(), false, List.of()))
                .hasMessage("""
                        pyproject.toml:3:16: not valid TOML: this array is never closed
                          dependencies = ["requests"
                                         ^""")
                .hasNoCause()
                .satisfies(e -> assertThat(((dev.pinwheel.packaging.PinwheelException) e).hint()).isPresent());
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml",
                "[project]\nname = \"demo\"\ndependencies = [\"requests\"\n[tool.x]\ny = 1\n", List.of(), false, List.of()))
                .hasMessageStartingWith("pyproject.toml:3:16: not valid TOML: this array is never closed");
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", "[project]\nname = = 'x'\n", List.of(), false, List.of()))
                .hasMessageStartingWith("pyproject.toml:2:").hasMessageNotContaining("Source").hasNoCause();
    }

    @Test
    void dependencyGroupsNeedNoProjectTable() {
        List<PyprojectInput.Line> lines = PyprojectInput.read("pyproject.toml",
                "[dependency-groups]\ndev = [\"pytest\"]\n", List.of(), false, List.of("dev"));
        assertThat(requirements(lines)).containsExactly("pytest");
        assertThat(lines.get(0).comesFrom()).isEqualTo("--group pyproject.toml:dev");
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", "[dependency-groups]\ndev = [\"pytest\"]\n",
                List.of(), false, List.of())).hasMessage("pyproject.toml has no [project] table with a name");
    }

    @Test
    void aMissingIncludedGroupNamesTheAskedGroupAndTheInclude() {
        String text = "[dependency-groups]\ndev = [\"pytest\"]\nbad = [\n  \"ruff\",\n  {include-group = \"nope\"},\n]\n";
        assertThatThrownBy(() -> PyprojectInput.read("pyproject.toml", text, List.of(), false, List.of("bad")))
                .hasMessage("--group bad: pyproject.toml:5: dependency group bad includes group nope,"
                        + " which pyproject.toml does not declare");
    }
}
