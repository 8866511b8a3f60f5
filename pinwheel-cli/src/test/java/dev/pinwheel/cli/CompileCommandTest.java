package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import dev.pinwheel.testkit.SdistBuilder;
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
 * {@code pinwheel compile} end to end against a local index: whole results (exit status,
 * stdout, stderr and the lock file) compared with golden files, one per pip-compile option.
 */
class CompileCommandTest {

    @TempDir
    Path tmp;

    private TestIndex index;

    @BeforeEach
    void startIndex() {
        index = TestIndex.start();
        index.add(WheelBuilder.of("FastAPI", "0.110.0").requiresDist("starlette>=0.36", "pydantic>=2",
                "email-validator>=2 ; extra == 'all'").providesExtra("all").build());
        index.add(WheelBuilder.of("fastapi", "0.109.0").requiresDist("starlette>=0.35", "pydantic>=2").build());
        index.add(WheelBuilder.of("starlette", "0.36.3").requiresDist("anyio>=3.4").build());
        index.add(WheelBuilder.of("starlette", "0.37.0").requiresDist("anyio>=3.4").build());
        index.add(WheelBuilder.of("pydantic", "2.6.0").requiresDist("typing-extensions>=4.6",
                "annotated-types>=0.4").build());
        index.add(WheelBuilder.of("annotated_types", "0.6.0").build());
        index.add(WheelBuilder.of("anyio", "4.3.0").requiresDist("idna>=2.8", "sniffio>=1.1",
                "typing-extensions>=4.1 ; python_version < '3.11'").build());
        index.add(WheelBuilder.of("anyio", "4.4.0rc1").requiresDist("idna>=2.8", "sniffio>=1.1").build());
        index.add(WheelBuilder.of("idna", "3.6").build());
        index.add(SdistBuilder.of("idna", "3.6").build());
        index.add(WheelBuilder.of("sniffio", "1.3.1").build());
        index.add(WheelBuilder.of("typing_extensions", "4.10.0").build());
        index.add(WheelBuilder.of("email_validator", "2.1.1").requiresDist("idna>=2").build());
        index.add(WheelBuilder.of("uvicorn", "0.29.0").requiresDist("h11>=0.8",
                "python-dotenv>=0.13 ; extra == 'standard'").providesExtra("standard").build());
        index.add(WheelBuilder.of("h11", "0.14.0").build());
        index.add(WheelBuilder.of("python_dotenv", "1.0.1").build());
        index.add(WheelBuilder.of("setuptools", "69.1.0").build());
        index.add(WheelBuilder.of("oldpkg", "1.0").requiresDist("setuptools").build());
        index.add(WheelBuilder.of("native", "1.0").tag("cp311-cp311-win_amd64").build());
    }

    @AfterEach
    void stopIndex() {
        index.close();
    }

    private CliRunner runner() {
        return new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve(".cache").toString())
                .env("PIP_CONFIG_FILE", "/dev/null");
    }

    private CliRunner.Result compile(String... args) {
        List<String> all = new ArrayList<>(List.of("compile", "--python-version", "3.11.7", "--python-platform",
                "x86_64-manylinux_2_28", "-i", index.url().toString()));
        all.addAll(Arrays.asList(args));
        return runner().run(all.toArray(String[]::new));
    }

    private void write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String read(String name) throws Exception {
        return Files.readString(tmp.resolve(name));
    }

    /** The run and every file it wrote, with the temp dir and the index's port normalized. */
    private String render(CliRunner.Result result, String... files) throws Exception {
        StringBuilder text = new StringBuilder(result.render(tmp));
        for (String file : files) {
            text.append("--- ").append(file).append(" ---\n");
            text.append(Files.exists(tmp.resolve(file)) ? read(file) : "(not written)\n");
        }
        return text.toString().replace(index.url().toString().replaceAll("/$", ""), "http://[INDEX]/simple");
    }

    @Test
    void compilesTheInputIntoAnAnnotatedLock() throws Exception {
        write("requirements/base.in", "# the app\nfastapi[all]  # web\nuvicorn[standard]>=0.20\n");
        CliRunner.Result result = compile("requirements/base.in");
        assertThat(result.status()).as(result.stderr()).isZero();
        Golden.assertMatches("compile/basic.txt", render(result, "requirements/base.txt"));
    }

    @Test
    void excludeNewerKeepsOlderUploadsAndNamesWhatItLeftOutWhenNothingFits() throws Exception {
        index.add(WheelBuilder.of("late", "1.0").build(), TestIndex.FileOptions.DEFAULT.uploadTime(java.time.Instant.parse("2023-03-01T00:00:00Z")));
        index.add(WheelBuilder.of("late", "2.0").build(), TestIndex.FileOptions.DEFAULT.uploadTime(java.time.Instant.parse("2024-06-01T00:00:00Z")));
        write("a.in", "late\n");
        assertThat(compile("--exclude-newer", "2024-01-01", "a.in").status()).isZero();
        assertThat(read("a.txt")).contains("late==1.0\n");
        write("b.in", "late==2.0\n");
        CliRunner.Result refused = compile("--exclude-newer", "2024-01-01", "b.in");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.stderr()).contains("there is no version of late==2.0")
                .contains("hint: --exclude-newer 2024-01-01 left out later uploads of late; a later date may allow a solution");
    }

    @Test
    void lineStyleNoHeaderAndStripExtras() throws Exception {
        write("base.in", "fastapi[all]\nuvicorn[standard]\n");
        Golden.assertMatches("compile/line-no-header-strip.txt", render(
                compile("--annotation-style", "line", "--no-header", "--strip-extras", "base.in"), "base.txt"));
    }

    @Test
    void noAnnotateNoEmitIndexAndCustomCommand() throws Exception {
        write("base.in", "starlette\n");
        CliRunner.Result result = runner().env("CUSTOM_COMPILE_COMMAND", "make lock").run("compile", "--python-version",
                "3.11", "--python-platform", "linux", "-i", index.url().toString(), "--no-annotate",
                "--no-emit-index-url", "base.in");
        Golden.assertMatches("compile/no-annotate.txt", render(result, "base.txt"));
    }

    @Test
    void unsafePackagesAreCommentedUnlessAllowed() throws Exception {
        write("a.in", "oldpkg\n");
        Golden.assertMatches("compile/unsafe.txt", render(compile("a.in"), "a.txt"));
        Golden.assertMatches("compile/allow-unsafe.txt", render(compile("--allow-unsafe", "-o", "b.txt", "a.in"), "b.txt"));
    }

    @Test
    void generateHashesListsEveryFileOfThePinnedVersion() throws Exception {
        write("a.in", "idna\n");
        CliRunner.Result result = compile("--generate-hashes", "a.in");
        assertThat(read("a.txt")).contains("idna==3.6 \\\n    --hash=sha256:").containsPattern("(?s)--hash=.*--hash=");
        Golden.assertMatches("compile/hashes.txt", render(result, "a.txt"));
    }

    @Test
    void existingPinsArePreferredUntilUpgraded() throws Exception {
        write("a.in", "fastapi\n");
        write("a.txt", "fastapi==0.109.0\nstarlette==0.36.3\n");
        compile("a.in");
        assertThat(read("a.txt")).contains("fastapi==0.109.0").contains("starlette==0.36.3");
        compile("-P", "starlette", "a.in");
        assertThat(read("a.txt")).contains("fastapi==0.109.0").contains("starlette==0.37.0");
        compile("--upgrade", "a.in");
        assertThat(read("a.txt")).contains("fastapi==0.110.0");
    }

    @Test
    void preReleasesOnlyWithPre() throws Exception {
        write("a.in", "anyio\n");
        compile("a.in");
        assertThat(read("a.txt")).contains("anyio==4.3.0");
        compile("--pre", "-U", "a.in");
        assertThat(read("a.txt")).contains("anyio==4.4.0rc1");
        write("b.in", "--pre\nanyio\n");
        compile("b.in");
        assertThat(read("b.txt")).contains("anyio==4.4.0rc1");
    }

    @Test
    void dryRunPrintsAndWritesNothing() throws Exception {
        write("a.in", "sniffio\n");
        Golden.assertMatches("compile/dry-run.txt", render(compile("--dry-run", "a.in"), "a.txt"));
    }

    @Test
    void stdinConstraintsAndOptionsFromFiles() throws Exception {
        write("constraints.txt", "starlette<0.37\nidna==3.6\n");
        WheelBuilder.of("localpkg", "1.0").requiresDist("sniffio").build().writeTo(Files.createDirectories(tmp.resolve("wheels")));
        CliRunner.Result result = runner().stdin("--find-links ./wheels\nfastapi\nlocalpkg\n").run("compile", "--python-version",
                "3.11", "--python-platform", "linux", "-i", index.url().toString(), "-c", "constraints.txt", "-o",
                "out.txt", "-");
        Golden.assertMatches("compile/stdin-constraints.txt", render(result, "out.txt"));
    }

    @Test
    void pyprojectWithExtrasAndGroups() throws Exception {
        write("pyproject.toml", """
                [project]
                name = "app"
                dependencies = ["starlette"]
                [project.optional-dependencies]
                server = ["uvicorn"]
                [dependency-groups]
                dev = ["sniffio"]
                """);
        Golden.assertMatches("compile/pyproject.txt", render(compile("--extra", "server", "--group", "dev"),
                "requirements.txt"));
    }

    @Test
    void malformedLineIsBadInputWithACaret() throws Exception {
        write("requirements/base.in", "fastapi\nuvicorn >= \n");
        Golden.assertMatches("compile/malformed.txt", render(compile("requirements/base.in"), "requirements/base.txt"));
    }

    @Test
    void unknownProjectSuggestsTheClosestName() throws Exception {
        write("a.in", "dotenv\nsniffio\n");
        CliRunner.Result result = compile("a.in");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.stderr()).contains("hint: did you mean python-dotenv instead of dotenv?");
        Golden.assertMatches("compile/unknown-project.txt", render(result, "a.txt"));
    }

    @Test
    void unknownProjectSuggestsTheNearestNameOfTheIndexList() throws Exception {
        write("a.in", "sniffio\nstarlete>=0.36\n"); // starlette is on the index, but nothing in this run asked for it
        CliRunner.Result result = compile("a.in");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.stderr()).contains("hint: did you mean starlette instead of starlete?");
    }

    @Test
    void unsatisfiableRequirementsExplainTheChain() throws Exception {
        write("a.in", "fastapi==0.110.0\nstarlette<0.36\n");
        CliRunner.Result result = compile("a.in");
        assertThat(result.status()).isEqualTo(1);
        Golden.assertMatches("compile/no-solution.txt", render(result, "a.txt"));
    }

    @Test
    void unreachableIndexIsAnEnvironmentErrorAndKeepsTheOldLock() throws Exception {
        write("a.in", "sniffio\n");
        write("a.txt", "sniffio==1.0\n");
        CliRunner.Result result = runner().run("compile", "--python-version", "3.11", "-i",
                "http://127.0.0.1:9/simple", "a.in");
        assertThat(result.status()).isEqualTo(3);
        assertThat(result.stderr()).contains("127.0.0.1:9");
        assertThat(read("a.txt")).isEqualTo("sniffio==1.0\n");
    }

    @Test
    void certNamesTheCaBundleOverPipsSettingAndABadOneIsABadInput() throws Exception {
        assertFileSettingOverPipsAndBadOneIsABadInput("cert", "--cert", "CA bundle");
    }

    @Test
    void clientCertNamesTheClientsKeyAndCertificateFromPipsSettingTheOptionOrPipToolsConfig() throws Exception {
        String https = assertFileSettingOverPipsAndBadOneIsABadInput("client-cert", "--client-cert", "client certificate");
        write(".pip-tools.toml", "[tool.pip-tools]\nclient-cert = \"tools.pem\"\n");
        CliRunner.Result fromPipTools = runner().run("compile", "--python-version", "3.11", "-i", https, "a.in");
        assertThat(fromPipTools.status()).isEqualTo(2);
        assertThat(fromPipTools.stderr()).contains("error: cannot use the client certificate " + tmp.resolve("tools.pem"))
                .contains("PIP_CLIENT_CERT");
        assertThat(read("a.txt")).isEqualTo("sniffio==1.0\n");
    }

    /**
     * pip.conf's {@code key} names a file, the option overrides it, and one that cannot be read
     * fails the compile as a bad input naming it ("cannot use the WHAT PATH") and keeps the lock.
     * Returns the https URL of the test index's port (files are read for the first TLS connection).
     */
    private String assertFileSettingOverPipsAndBadOneIsABadInput(String key, String option, String what) throws Exception {
        write("a.in", "sniffio\n");
        write("a.txt", "sniffio==1.0\n");
        write("pip.conf", "[global]\n" + key + " = from-pip-conf.pem\n");
        String https = index.url().toString().replace("http://", "https://");
        CliRunner.Result fromPipConf = runner().env("PIP_CONFIG_FILE", tmp.resolve("pip.conf").toString())
                .run("compile", "--python-version", "3.11", "-i", https, "a.in");
        assertThat(fromPipConf.status()).isEqualTo(2);
        assertThat(fromPipConf.stderr()).contains("error: cannot use the " + what + " " + tmp.resolve("from-pip-conf.pem")
                + ": no such file");
        CliRunner.Result fromOption = runner().env("PIP_CONFIG_FILE", tmp.resolve("pip.conf").toString())
                .run("compile", "--python-version", "3.11", "-i", https, option, "certs/file.pem", "a.in");
        assertThat(fromOption.status()).isEqualTo(2);
        assertThat(fromOption.stderr()).contains("error: cannot use the " + what + " " + tmp.resolve("certs/file.pem"));
        assertThat(read("a.txt")).isEqualTo("sniffio==1.0\n");
        return https;
    }

    @Test
    void outputEqualToInputIsRefused() throws Exception {
        write("requirements.txt", "sniffio\n");
        Golden.assertMatches("compile/output-is-input.txt", render(compile("requirements.txt"), "requirements.txt"));
    }

    @Test
    void echoedCommandFollowsPipCompileRules() throws Exception {
        write("a.in", "sniffio\n");
        CliRunner.Result result = runner().run("compile", "--python-version", "3.11", "--python-platform", "linux",
                "-i", index.url().toString().replace("http://", "http://user:secret@"), "-U", "-n", "--annotate",
                "--no-emit-find-links", "--extra-index-url", index.url().toString(), "-o", "out file.txt",
                "--newline", "LF", "a.in");
        String header = result.stderr().lines().filter(l -> l.startsWith("#    ")).findFirst().orElseThrow();
        assertThat(header.replace(index.url().toString().replaceAll("/$", ""), "http://[INDEX]/simple")
                .replace(index.url().toString().replace("http://", "http://user:****@").replaceAll("/$", ""),
                        "http://user:****@[INDEX]/simple"))
                .isEqualTo("#    pinwheel compile --extra-index-url=http://[INDEX]/simple/ "
                        + "--index-url='http://user:****@[INDEX]/simple/' --newline=LF --no-emit-find-links "
                        + "--output-file='out file.txt' --python-platform=linux --python-version=3.11 a.in");
        assertThat(result.stderr()).doesNotContain("secret");
    }

    @Test
    void newlineIsEchoedAsPipCompileSpellsTheChoice() throws Exception {
        write("a.in", "sniffio\n");
        CliRunner.Result result = compile("--newline", "crlf", "a.in");
        assertThat(result.status()).as(result.stderr()).isZero();
        assertThat(read("a.txt")).contains(" --newline=CRLF ").contains(" a.in\r\n").doesNotContain("--newline=crlf");
    }

    @Test
    void pipCompileFlagsAreAcceptedAndEchoedAsPipCompileDoes() throws Exception {
        write("a.in", "anyio\n");
        CliRunner.Result result = compile("--resolver=backtracking", "--max-rounds", "5", "--no-build-isolation",
                "--cache-dir", "my-cache", "--pip-args=--pre --only-binary :all: --timeout 5 --retries=1", "a.in");
        assertThat(result.status()).as(result.stderr()).isZero();
        assertThat(read("a.txt")).contains("anyio==4.4.0rc1").contains("--only-binary :all:");
        assertThat(tmp.resolve("my-cache")).isDirectory();
        Golden.assertMatches("compile/pip-compile-flags.txt", render(result, "a.txt"));
    }

    @Test
    void pipArgsIndexUrlWinsOverTheCommandLinesAndCredentialsStayHidden() throws Exception {
        write("a.in", "sniffio\n");
        CliRunner.Result result = runner().run("compile", "--python-version", "3.11", "--python-platform", "linux",
                "-i", "http://127.0.0.1:9/simple", "--pip-args", "-i " + index.url().toString().replace("http://",
                        "http://me:secret@"), "a.in");
        assertThat(result.status()).as(result.stderr()).isZero();
        assertThat(read("a.txt")).contains("sniffio==1.3.1").contains("--pip-args='-i http://me:****@")
                .doesNotContain("secret");
    }

    @Test
    void legacyResolverIsRefusedWithAHint() throws Exception {
        write("a.in", "sniffio\n");
        Golden.assertMatches("compile/resolver-legacy.txt", render(compile("--resolver", "legacy", "a.in"), "a.txt"));
    }

    @Test
    void pipArgsWithoutAPinwheelEquivalentAreRefusedByName() throws Exception {
        write("a.in", "sniffio\n");
        CliRunner.Result result = compile("--pip-args", "--pre --use-feature=fast-deps", "a.in");
        assertThat(result.status()).isEqualTo(2);
        Golden.assertMatches("compile/pip-args-unsupported.txt", render(result, "a.txt"));
    }

    @Test
    void pipToolsConfigFileSetsDefaultsEchoedInTheHeader() throws Exception {
        write(".pip-tools.toml", "[tool.pip-tools]\ngenerate-hashes = true\nallow_unsafe = true\n");
        write("a.in", "oldpkg\n");
        CliRunner.Result result = compile("a.in");
        assertThat(result.status()).as(result.stderr()).isZero();
        Golden.assertMatches("compile/config-file.txt", render(result, "a.txt"));
    }

    @Test
    void theCommandLineWinsOverTheConfigFile() throws Exception {
        write(".pip-tools.toml", """
                [tool.pip-tools]
                generate_hashes = true
                newline = "crlf"
                no-emit-index-url = true
                unsafe-package = ["sniffio"]
                [tool.pip-tools.compile]
                annotation-style = "line"
                [tool.pip-tools.sync]
                ask = true
                """);
        write("a.in", "sniffio\n");
        CliRunner.Result result = compile("--annotation-style", "split", "--unsafe-package", "idna", "a.in");
        assertThat(result.status()).as(result.stderr()).isZero();
        assertThat(read("a.txt")).contains("#    pinwheel compile --generate-hashes --index-url=")
                .contains(" --newline=CRLF --no-emit-index-url ").contains(" --unsafe-package=idna a.in\r\n")
                .contains("sniffio==1.3.1 \\\r\n").contains("    # via -r a.in").doesNotContain("annotation-style")
                .doesNotContain("--index-url http");
    }

    @Test
    void pipToolsEnvironmentVariablesSetTheResolverAndTheCacheDirectoryUnlessTheCommandLineDoes() throws Exception {
        write("a.in", "sniffio\n");
        List<String> args = new ArrayList<>(List.of("compile", "--python-version", "3.11.7", "--python-platform",
                "x86_64-manylinux_2_28", "-i", index.url().toString(), "a.in"));
        CliRunner.Result legacy = runner().env("PIP_TOOLS_RESOLVER", "legacy").run(args.toArray(String[]::new));
        assertThat(legacy.status()).isEqualTo(2);
        assertThat(legacy.stderr()).contains("--resolver=legacy is not supported");
        List<String> backtracking = new ArrayList<>(args);
        backtracking.add(1, "--resolver=backtracking");
        assertThat(runner().env("PIP_TOOLS_RESOLVER", "legacy").run(backtracking.toArray(String[]::new)).status()).isZero();

        java.nio.file.Path cache = tmp.resolve("env-cache");
        CliRunner.Result cached = runner().env("PIP_TOOLS_CACHE_DIR", cache.toString()).run(args.toArray(String[]::new));
        assertThat(cached.status()).as(cached.stderr()).isZero();
        assertThat(cache).isDirectoryContaining(p -> p.getFileName().toString().startsWith("simple-parsed"));
        assertThat(read("a.txt")).doesNotContain("cache");
    }

    @Test
    void configFileByNameOrFromPyprojectOrNone() throws Exception {
        write("conf/my.toml", "[tool.pip-tools]\nallow-unsafe = true\n");
        write("pyproject.toml", "[tool.pip-tools]\ngenerate-hashes = true\n");
        write("a.in", "sniffio\n");
        compile("--config", "conf/my.toml", "a.in");
        assertThat(read("a.txt")).contains("pinwheel compile --allow-unsafe --config=my.toml --index-url=")
                .doesNotContain("--hash");
        compile("a.in");
        assertThat(read("a.txt")).contains("pinwheel compile --generate-hashes --index-url=").contains("--hash=sha256:");
        compile("--no-config", "a.in");
        assertThat(read("a.txt")).contains("pinwheel compile --index-url=").doesNotContain("--hash")
                .doesNotContain("config");
    }

    @Test
    void badConfigFilesAreBadInputNamingTheFileLineAndColumn() throws Exception {
        write("a.in", "sniffio\n");
        write(".pip-tools.toml", "[tool.pip-tools]\ngenerate-hashes = true\ngenerate_hashs = true\n");
        CliRunner.Result unknown = compile("a.in");
        write(".pip-tools.toml", "[tool.pip-tools]\n\"extra-index-url\" = \"http://x/simple\"\n");
        CliRunner.Result notAList = compile("a.in");
        write(".pip-tools.toml", "[tool.pip-tools]\ngenerate-hashes = 3\n");
        CliRunner.Result notABoolean = compile("a.in");
        write(".pip-tools.toml", "[tool.pip-tools\ngenerate-hashes = true\n");
        CliRunner.Result notToml = compile("a.in");
        assertThat(List.of(unknown.status(), notAList.status(), notABoolean.status(), notToml.status()))
                .containsOnly(2);
        Golden.assertMatches("compile/config-errors.txt", render(unknown) + render(notAList) + render(notABoolean)
                + render(notToml, "a.txt"));
    }
}
