package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.PinwheelException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataInputTest {

    private static final String METADATA = """
            Metadata-Version: 2.1
            Name: My_Proj
            Version: 0.1
            Requires-Dist: six
            Requires-Dist: colorama; sys_platform == "win32"
            Provides-Extra: dev
            Requires-Dist: attrs; extra == "dev"
            Requires-Dist: tomli; python_version < "3.11" and extra == "dev"
            Provides-Extra: docs
            Requires-Dist: sphinx; (python_version >= "3.8" or sys_platform == "linux") and extra == "docs"

            """;

    private static final MarkerEnvironment PY311 = MarkerEnvironment.of(Map.ofEntries(
            Map.entry("python_version", "3.11"), Map.entry("python_full_version", "3.11.7"),
            Map.entry("sys_platform", "linux"), Map.entry("platform_system", "Linux"), Map.entry("os_name", "posix"),
            Map.entry("implementation_name", "cpython"), Map.entry("implementation_version", "3.11.7"),
            Map.entry("platform_python_implementation", "CPython"), Map.entry("platform_machine", "x86_64"),
            Map.entry("platform_release", ""), Map.entry("platform_version", "")));

    private static List<String> roots(List<String> extras, boolean all) {
        return new MetadataInput("sub/setup.py", Path.of("sub")).roots(dir -> METADATA, PY311, extras, all).stream()
                .map(r -> r.requirement() + " <- " + r.source()).toList();
    }

    @Test
    void requiresDistAreTheRootsComingFromTheProjectNameAsWrittenAndTheInput() {
        assertThat(roots(List.of(), false)).containsExactly(
                "six <- My_Proj (sub/setup.py)",
                "colorama; sys_platform == \"win32\" <- My_Proj (sub/setup.py)");
    }

    @Test
    void anExtrasRequirementCountsOnlyWhenTheExtraIsChosenAndLosesTheExtraClause() {
        assertThat(roots(List.of("dev"), false)).containsExactly(
                "six <- My_Proj (sub/setup.py)",
                "colorama; sys_platform == \"win32\" <- My_Proj (sub/setup.py)",
                "attrs <- My_Proj (sub/setup.py)");
        assertThat(roots(List.of(), true)).contains(
                "attrs <- My_Proj (sub/setup.py)",
                "sphinx; python_version >= \"3.8\" or sys_platform == \"linux\" <- My_Proj (sub/setup.py)");
    }

    @Test
    void anExtraTheProjectDoesNotDefineIsAnErrorNamingTheOnesItHas() {
        assertThatThrownBy(() -> roots(List.of("dev,tests"), false))
                .isInstanceOfSatisfying(PinwheelException.class, e -> {
                    assertThat(e.category()).isEqualTo(PinwheelException.Category.BAD_INPUT);
                    assertThat(e.hint()).hasValue("extras are spelt as the project's Provides-Extra; --all-extras takes every one");
                })
                .hasMessage("--extra tests: sub/setup.py has no such extra (its build backend lists dev, docs)");
        assertThat(roots(List.of("Docs"), false)).as("names compare normalized").hasSize(3);
    }

    @Test
    void anOldMetadataWithoutProvidesExtraStillKnowsTheExtrasItsMarkersName() {
        String old = """
                Metadata-Version: 1.2
                Name: old
                Version: 1
                Requires-Dist: attrs; extra == 'Test_Tools'

                """;
        assertThat(new MetadataInput("setup.py", Path.of(".")).roots(dir -> old, PY311, List.of("test-tools"), false))
                .extracting(r -> r.requirement().toString()).containsExactly("attrs");
    }

    @Test
    void aSelfReferentialExtraTakesTheProjectsOwnExtrasInsteadOfTheProjectFromTheIndex() {
        String selfish = """
                Metadata-Version: 2.1
                Name: My_Proj
                Version: 0.1
                Requires-Dist: six
                Provides-Extra: test
                Requires-Dist: attrs; extra == "test"
                Provides-Extra: lint
                Requires-Dist: ruff; extra == "lint"
                Provides-Extra: dev
                Requires-Dist: my-proj[test]; extra == "dev"
                Provides-Extra: all
                Requires-Dist: my_proj[dev,lint]; extra == "all"

                """;
        assertThat(new MetadataInput("setup.py", Path.of(".")).roots(dir -> selfish, PY311, List.of("all"), false))
                .extracting(r -> r.requirement().toString()).containsExactly("six", "attrs", "ruff");
        assertThat(new MetadataInput("setup.py", Path.of(".")).roots(dir -> selfish, PY311, List.of("dev"), false))
                .extracting(r -> r.requirement().toString()).containsExactly("six", "attrs");
    }

    @Test
    void extraComparisonsInsideAnOrAreDecidedForTheChosenExtras() {
        String text = """
                Metadata-Version: 2.1
                Name: p
                Version: 1
                Provides-Extra: test
                Requires-Dist: tomli; extra == "test" or python_version < "3.11"
                Requires-Dist: exceptiongroup; python_version < "3.11" and (extra == "test" or extra == "dev")

                """;
        MetadataInput input = new MetadataInput("setup.py", Path.of("."));
        assertThat(input.roots(dir -> text, PY311, List.of("test"), false))
                .extracting(r -> r.requirement().toString()).containsExactly("tomli");
        assertThat(input.roots(dir -> text, PY311, List.of(), false)).as("on 3.11 without the extra").isEmpty();
    }

    @Test
    void aBackendFailureIsReportedAsTheInputsWithTheBackendsOutputAsCause() {
        PinwheelException backend = new PinwheelException(PinwheelException.Category.ENVIRONMENT,
                "the build backend failed:\nboom", "fix the build");
        assertThatThrownBy(() -> new MetadataInput("setup.py", Path.of(".")).roots(dir -> {
            throw backend;
        }, PY311, List.of(), false))
                .isInstanceOfSatisfying(PinwheelException.class,
                        e -> assertThat(e.category()).isEqualTo(PinwheelException.Category.ENVIRONMENT))
                .hasMessage("cannot compile setup.py: its build backend failed to prepare the project's metadata")
                .hasCause(backend);
    }
}
