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
 * {@code pinwheel compile} over projects whose dependencies only their PEP 517 backend knows
 * (setuptools with dynamic dependencies): the backend's {@code prepare_metadata_for_build_wheel}
 * runs in a build environment filled from a local index serving setuptools ({@link BuildBackends}).
 */
class CompileBuildIT {

    @TempDir
    Path tmp;

    private TestIndex index;
    private CompileWorkspace workspace;

    @BeforeEach
    void startIndex() throws Exception {
        index = TestIndex.start();
        workspace = new CompileWorkspace(tmp, index);
        BuildBackends.serveSetuptools(index);
        index.add(WheelBuilder.of("attrs", "23.2.0").build());
        index.add(WheelBuilder.of("click", "8.1.7").build());
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

    /** A setuptools project whose dependencies are read from a file when the backend runs. */
    private void dynamicProject(String dir) throws Exception {
        write(dir + "/pyproject.toml", """
                [build-system]
                requires = ["setuptools>=61"]
                build-backend = "setuptools.build_meta"

                [project]
                name = "dyn"
                version = "0.1"
                dynamic = ["dependencies", "optional-dependencies"]

                [tool.setuptools]
                py-modules = []

                [tool.setuptools.dynamic]
                dependencies = {file = ["reqs.txt"]}
                optional-dependencies.dev = {file = ["dev.txt"]}
                """);
        write(dir + "/reqs.txt", "attrs\n");
        write(dir + "/dev.txt", "six\n");
    }

    @Test
    void anEditableProjectWithDynamicDependenciesIsReadThroughItsBackend() throws Exception {
        dynamicProject(".");
        write("requirements.in", "-e .\nclick\n");
        Golden.assertMatches("compile/build/editable-dynamic.txt", render(compile(), "requirements.txt"));
    }

    @Test
    void setupPyIsCompiledFromItsBackendsMetadataWithTheChosenExtraBesideIt() throws Exception {
        write("sp/setup.py", """
                from setuptools import setup
                setup(name="SpDemo", version="0.1", py_modules=[], install_requires=["click"],
                      extras_require={"dev": ["attrs"], "docs": ["six"]})
                """);
        Golden.assertMatches("compile/build/setup-py.txt", render(compile("--extra", "dev", "sp/setup.py"), "sp/requirements.txt"));
    }

    @Test
    void setupCfgIsCompiledFromItsBackendsMetadata() throws Exception {
        write("setup.cfg", """
                [metadata]
                name = cfgdemo
                version = 0.1

                [options]
                py_modules =
                install_requires =
                    six
                """);
        Golden.assertMatches("compile/build/setup-cfg.txt", render(compile("setup.cfg"), "requirements.txt"));
    }

    @Test
    void aPyprojectWithDynamicDependenciesIsTheDefaultInputAndReadThroughItsBackend() throws Exception {
        dynamicProject(".");
        Golden.assertMatches("compile/build/pyproject-dynamic.txt", render(compile("--all-extras"), "requirements.txt"));
    }

    @Test
    void dependencyGroupsOfAPyprojectWithDynamicDependenciesAreReadFromTheFile() throws Exception {
        dynamicProject(".");
        Files.writeString(tmp.resolve("pyproject.toml"), Files.readString(tmp.resolve("pyproject.toml"))
                + "\n[dependency-groups]\ntest = [\"click\"]\n");
        Golden.assertMatches("compile/build/pyproject-dynamic-group.txt", render(compile("--group", "test"), "requirements.txt"));
    }

    @Test
    void aPyprojectWithoutAProjectTableIsReadThroughItsBackend() throws Exception {
        write("pyproject.toml", """
                [build-system]
                requires = ["setuptools>=61"]
                build-backend = "setuptools.build_meta"
                """);
        write("setup.cfg", """
                [metadata]
                name = CfgOnly
                version = 0.1

                [options]
                py_modules =
                install_requires =
                    six
                """);
        Golden.assertMatches("compile/build/pyproject-without-project.txt", render(compile("pyproject.toml"), "requirements.txt"));
    }

    @Test
    void withoutBuildIsolationTheBackendRunsInTheTargetInterpreterAndItsRequiresAreNotInstalled() throws Exception {
        write("pyproject.toml", """
                [build-system]
                requires = ["not-on-the-index"]
                build-backend = "tiny"
                backend-path = ["_build"]

                [project]
                name = "intree"
                version = "0.1"
                dynamic = ["dependencies"]
                """);
        write("_build/tiny.py", """
                import os
                def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
                    dist = os.path.join(metadata_directory, "intree-0.1.dist-info")
                    os.makedirs(dist)
                    with open(os.path.join(dist, "METADATA"), "w") as f:
                        f.write("Metadata-Version: 2.1\\nName: intree\\nVersion: 0.1\\nRequires-Dist: six\\n")
                    return "intree-0.1.dist-info"
                """);
        Golden.assertMatches("compile/build/no-build-isolation.txt",
                render(compile("--no-build-isolation"), "requirements.txt"));
        CliRunner.Result isolated = compile();
        org.assertj.core.api.Assertions.assertThat(isolated.status()).as("isolated, the requires must be installed").isNotZero();
        org.assertj.core.api.Assertions.assertThat(isolated.stderr()).contains("not-on-the-index");
    }

    /**
     * An in-tree backend whose build needs attrs ([build-system] requires), plus click for a
     * wheel and six for an sdist (its get_requires hooks); the project itself needs six.
     */
    private void projectWithBuildRequirements(String dir) throws Exception {
        write(dir + "/pyproject.toml", """
                [build-system]
                requires = ["attrs>=23"]
                build-backend = "tiny"
                backend-path = ["_build"]

                [project]
                name = "Intree"
                version = "0.1"
                dependencies = ["six"]
                """);
        write(dir + "/_build/tiny.py", """
                import os
                def get_requires_for_build_wheel(config_settings=None):
                    return ["click"]
                def get_requires_for_build_sdist(config_settings=None):
                    return ["six>=1.10"]
                def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
                    dist = os.path.join(metadata_directory, "Intree-0.1.dist-info")
                    os.makedirs(dist)
                    with open(os.path.join(dist, "METADATA"), "w") as f:
                        f.write("Metadata-Version: 2.1\\nName: Intree\\nVersion: 0.1\\nRequires-Dist: six\\n")
                    return "Intree-0.1.dist-info"
                """);
    }

    @Test
    void buildDepsForEveryTargetAreLockedBesideTheProjectsOwnAnnotatedWithWhereTheyComeFrom() throws Exception {
        projectWithBuildRequirements("proj");
        Golden.assertMatches("compile/build/all-build-deps.txt",
                render(compile("--all-build-deps", "proj/pyproject.toml"), "proj/requirements.txt"));
    }

    @Test
    void onlyBuildDepsLocksWhatBuildingTheChosenTargetNeedsAndNothingElse() throws Exception {
        projectWithBuildRequirements(".");
        Golden.assertMatches("compile/build/only-build-deps.txt",
                render(compile("--build-deps-for", "wheel", "--only-build-deps", "-o", "build.txt"), "build.txt"));
        // the same from pip-tools' configuration (build_deps_targets is --build-deps-for's key)
        String fromOptions = Files.readString(tmp.resolve("build.txt"));
        write(".pip-tools.toml", "[tool.pip-tools]\nbuild_deps_targets = [\"wheel\"]\nonly-build-deps = true\n");
        org.assertj.core.api.Assertions.assertThat(compile("-o", "build.txt").status()).isZero();
        org.assertj.core.api.Assertions.assertThat(Files.readString(tmp.resolve("build.txt"))).isEqualTo(fromOptions);
    }

    @Test
    void buildDepsOptionsThatCannotWorkTogetherAreRefusedAsPipCompileRefusesThem() throws Exception {
        projectWithBuildRequirements(".");
        write("requirements.in", "six\n");
        StringBuilder out = new StringBuilder();
        for (String[] args : List.of(new String[] {"--only-build-deps"},
                new String[] {"--all-build-deps", "--build-deps-for", "wheel"},
                new String[] {"--build-deps-for", "egg"},
                new String[] {"--build-deps-for", "wheel", "--only-build-deps", "--all-extras"},
                new String[] {"--build-deps-for", "wheel", "requirements.in"})) {
            out.append("$ pinwheel compile ").append(String.join(" ", args)).append('\n')
                    .append(render(compile(args))).append('\n');
        }
        Golden.assertMatches("compile/build/build-deps-refused.txt", out.toString());
    }

    @Test
    void anExtraTheBackendDoesNotListIsRefused() throws Exception {
        dynamicProject(".");
        Golden.assertMatches("compile/build/unknown-extra.txt", render(compile("--extra", "docs"), "requirements.txt"));
    }

    @Test
    void aFailingBackendNamesTheInputAndShowsItsLastLines() throws Exception {
        write("setup.py", "raise SystemExit('setup.py exploded: no version given')\n");
        Golden.assertMatches("compile/build/backend-fails.txt", render(compile(), "requirements.txt"));
    }
}
