package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code add}, {@code remove}, {@code upgrade}, {@code check} and {@code init} on a FastAPI
 * backend laid out as in workflows.md, against a local index, without an environment
 * ({@code --no-sync}, {@code --no-env}): whole results and files compared with golden files.
 */
class DepsCommandTest {

    @TempDir
    Path tmp;

    private TestIndex index;

    @BeforeEach
    void startIndex() throws Exception {
        index = TestIndex.start();
        index.add(WheelBuilder.of("fastapi", "0.110.0").requiresDist("starlette>=0.36", "pydantic>=2").build());
        index.add(WheelBuilder.of("starlette", "0.36.3").requiresDist("anyio>=3.4").build());
        index.add(WheelBuilder.of("starlette", "0.37.0").requiresDist("anyio>=3.4").build());
        index.add(WheelBuilder.of("pydantic", "2.6.0").requiresDist("typing-extensions>=4.6").build());
        index.add(WheelBuilder.of("typing_extensions", "4.10.0").build());
        index.add(WheelBuilder.of("anyio", "4.3.0").requiresDist("idna>=2.8", "sniffio>=1.1").build());
        index.add(WheelBuilder.of("idna", "3.6").build());
        index.add(WheelBuilder.of("sniffio", "1.3.1").build());
        index.add(WheelBuilder.of("uvicorn", "0.29.0").requiresDist("h11>=0.8",
                "python-dotenv>=0.13 ; extra == 'standard'").providesExtra("standard").build());
        index.add(WheelBuilder.of("h11", "0.14.0").build());
        index.add(WheelBuilder.of("python_dotenv", "1.0.1").build());
        index.add(WheelBuilder.of("httpx", "0.27.0").requiresDist("anyio", "idna", "sniffio", "httpcore==1.*").build());
        index.add(WheelBuilder.of("httpcore", "1.0.5").requiresDist("h11>=0.13,<0.15").build());
        index.add(WheelBuilder.of("pytest", "8.1.1").requiresDist("iniconfig", "pluggy>=1.4").build());
        index.add(WheelBuilder.of("iniconfig", "2.0.0").build());
        index.add(WheelBuilder.of("pluggy", "1.4.0").build());
        index.add(WheelBuilder.of("pytest_asyncio", "0.23.6").requiresDist("pytest>=7").build());
        write("requirements/base.in", "# requirements/base.in\nfastapi\nuvicorn[standard]   # the server\n");
        write("requirements/dev.in", "# development tools\n-r base.in\npytest\n");
        write("app/__init__.py", "");
        write("app/main.py", "from fastapi import FastAPI\n\napp = FastAPI()\n");
        write("tests/test_main.py", "import pytest\nfrom app.main import app\n");
        write("Procfile", "web: uvicorn app.main:app\n");
    }

    @AfterEach
    void stopIndex() {
        index.close();
    }

    private CliRunner runner() {
        return new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve(".cache").toString())
                .env("PIP_CONFIG_FILE", "/dev/null");
    }

    /** Locks both files the way a team would have, for the tests' target (kept in the headers). */
    private void lockBoth() {
        for (String name : List.of("base", "dev")) {
            CliRunner.Result r = runner().run("compile", "--python-version", "3.11.7", "--python-platform",
                    "x86_64-manylinux_2_28", "--no-emit-index-url", "-i", index.url().toString(),
                    "-o", "requirements/" + name + ".txt", "requirements/" + name + ".in");
            assertThat(r.status()).as(r.stderr()).isZero();
        }
    }

    private CliRunner.Result run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (List.of("add", "remove", "upgrade").contains(args[0])) {
            all.addAll(List.of("--no-sync", "-i", index.url().toString()));
        }
        return runner().run(all.toArray(String[]::new));
    }

    private void write(String name, String text) {
        ProjectFiles.write(tmp, name, text);
    }

    private Map<String, String> requirementsFiles() {
        return ProjectFiles.requirements(tmp);
    }

    private String render(CliRunner.Result result) throws Exception {
        StringBuilder text = new StringBuilder(result.render(tmp));
        for (Map.Entry<String, String> f : requirementsFiles().entrySet()) {
            text.append("--- requirements/").append(f.getKey()).append(" ---\n").append(f.getValue());
        }
        return text.toString().replace(index.url().toString().replaceAll("/$", ""), "http://[INDEX]/simple");
    }

    @Test
    void addWritesTheIntentAndRecompilesBaseThenDev() throws Exception {
        lockBoth();
        Map<String, String> before = requirementsFiles();
        CliRunner.Result added = run("add", "httpx>=0.27");
        assertThat(added.status()).as(added.stderr()).isZero();
        Golden.assertMatches("deps/add.txt", render(added));
        assertThat(requirementsFiles().get("dev.txt")).contains("httpx==0.27.0").contains("httpcore==1.0.5");

        CliRunner.Result removed = run("remove", "HTTPX");
        assertThat(removed.status()).as(removed.stderr()).isZero();
        Golden.assertMatches("deps/remove.txt", render(removed));
        assertThat(requirementsFiles()).isEqualTo(before);
    }

    @Test
    void twoAddsAtOnceBothLand() throws Exception {
        lockBoth();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> run("add", "httpx"));
            var second = pool.submit(() -> run("add", "--dev", "pytest-asyncio"));
            assertThat(first.get().status()).as(first.get().stderr()).isZero();
            assertThat(second.get().status()).as(second.get().stderr()).isZero();
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.readString(tmp.resolve("requirements/base.in"))).contains("httpx");
        assertThat(Files.readString(tmp.resolve("requirements/dev.in"))).contains("pytest-asyncio");
        assertThat(Files.readString(tmp.resolve("requirements/dev.txt"))).contains("httpx==").contains("pytest-asyncio==");
    }

    @Test
    void addDevGoesToDevInAndLeavesBaseAlone() throws Exception {
        lockBoth();
        String base = Files.readString(tmp.resolve("requirements/base.txt"));
        CliRunner.Result added = run("add", "--dev", "pytest-asyncio");
        Golden.assertMatches("deps/add-dev.txt", render(added));
        assertThat(Files.readString(tmp.resolve("requirements/base.txt"))).isEqualTo(base);
    }

    @Test
    void addReplacesTheLineOfTheSameNameKeepingItsComment() throws Exception {
        lockBoth();
        CliRunner.Result added = run("add", "Uvicorn[standard]>=0.29");
        assertThat(added.status()).as(added.stderr()).isZero();
        assertThat(Files.readString(tmp.resolve("requirements/base.in")))
                .isEqualTo("# requirements/base.in\nfastapi\nUvicorn[standard]>=0.29  # the server\n");
    }

    @Test
    void aLockIsRecompiledWithTheOptionsOfItsHeader() throws Exception {
        lockBoth();
        CliRunner.Result hashed = runner().run("compile", "--python-version", "3.11.7", "--python-platform",
                "x86_64-manylinux_2_28", "--no-emit-index-url", "--generate-hashes", "-i", index.url().toString(),
                "-o", "requirements/base.txt", "requirements/base.in");
        assertThat(hashed.status()).as(hashed.stderr()).isZero();
        assertThat(run("add", "httpx").status()).isZero();
        assertThat(Files.readString(tmp.resolve("requirements/base.txt")))
                .contains("--generate-hashes").containsPattern("httpx==0\\.27\\.0 \\\\\n    --hash=sha256:");
        assertThat(Files.readString(tmp.resolve("requirements/dev.txt"))).doesNotContain("--hash");
    }

    @Test
    void checkWithoutAnEnvironmentSaysHowToSkipIt() {
        lockBoth();
        CliRunner.Result result = run("check", "--no-imports");
        assertThat(result.status()).isEqualTo(3);
        assertThat(result.stderr()).contains("or pass --no-env to skip comparing the environment");
    }

    @Test
    void repeatingAnAddOrUpgradingAnUnknownNameSaysSo() {
        lockBoth();
        Map<String, String> before = requirementsFiles();
        CliRunner.Result again = run("add", "FastAPI");
        assertThat(again.status()).as(again.stderr()).isZero();
        assertThat(again.stderr()).isEqualTo("FastAPI is already in requirements/base.in\n");
        CliRunner.Result unknown = run("upgrade", "rich");
        assertThat(unknown.status()).as(unknown.stderr()).isZero();
        assertThat(unknown.stderr()).startsWith("warning: rich is not pinned in any lock file; pinwheel add rich declares it\n");
        assertThat(requirementsFiles()).isEqualTo(before);
    }

    @Test
    void aFailedResolutionLeavesEveryFileAsItWas() throws Exception {
        lockBoth();
        Map<String, String> before = requirementsFiles();
        CliRunner.Result result = run("add", "httpx", "no-such-package");
        assertThat(result.status()).isEqualTo(1);
        Golden.assertMatches("deps/add-no-solution.txt", render(result));
        assertThat(requirementsFiles()).isEqualTo(before);
    }

    @Test
    void anUnreachableIndexLeavesEveryFileAsItWas() {
        lockBoth();
        Map<String, String> before = requirementsFiles();
        String url = index.url().toString();
        index.close();
        CliRunner.Result result = runner().run("add", "httpx", "--no-sync", "-i", url);
        assertThat(result.status()).as(result.stderr()).isEqualTo(3);
        assertThat(result.stderr()).startsWith("error: ").doesNotContain("Added httpx");
        assertThat(requirementsFiles()).isEqualTo(before);
    }

    @Test
    void certReachesTheRecompileAndABadBundleLeavesEveryFileAsItWas() {
        lockBoth();
        Map<String, String> before = requirementsFiles();
        // https to the test index's port: the bundle is read for the first TLS connection
        String https = index.url().toString().replace("http://", "https://");
        CliRunner.Result result = runner().run("add", "httpx", "--no-sync", "-i", https, "--cert", "corp.pem");
        assertThat(result.status()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderr()).contains("error: cannot use the CA bundle " + tmp.resolve("corp.pem") + ": no such file");
        assertThat(requirementsFiles()).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedBeforeAnythingHappens() throws Exception {
        lockBoth();
        Map<String, String> before = requirementsFiles();
        Golden.assertMatches("deps/add-bad-requirement.txt", render(run("add", "fast api")));
        Golden.assertMatches("deps/remove-undeclared.txt", render(run("remove", "starlette")));
        assertThat(requirementsFiles()).isEqualTo(before);
        Files.delete(tmp.resolve("requirements/base.in"));
        Files.delete(tmp.resolve("requirements/dev.in"));
        Golden.assertMatches("deps/add-no-project.txt", runner().run("add", "httpx").render(tmp));
    }

    @Test
    void upgradeMovesOnlyTheNamedPinInEveryLock() throws Exception {
        write("requirements/base.txt", "");
        lockBoth();
        // Pretend the lock was made when starlette 0.36.3 was the newest.
        for (String name : List.of("base.txt", "dev.txt")) {
            Path lock = tmp.resolve("requirements").resolve(name);
            Files.writeString(lock, Files.readString(lock).replace("starlette==0.37.0", "starlette==0.36.3"));
        }
        CliRunner.Result result = run("upgrade", "starlette");
        assertThat(result.status()).as(result.stderr()).isZero();
        Golden.assertMatches("deps/upgrade.txt", render(result));
    }

    @Test
    void checkPassesOnACompiledProjectAndNamesEveryDrift() throws Exception {
        lockBoth();
        Golden.assertMatches("deps/check-ok.txt", run("check", "--no-env").render(tmp));

        write("requirements/base.in", "# requirements/base.in\nfastapi>=0.111\nuvicorn[standard]   # the server\nrequests\n");
        write("app/auth.py", "import jwt\n");
        Golden.assertMatches("deps/check-drift.txt", run("check", "--no-env").render(tmp));
    }

    @Test
    void checkSeesARuntimeImportDeclaredOnlyForDevelopment() {
        write("requirements/dev.in", "# development tools\n-r base.in\npytest\nhttpx\n");
        write("app/client.py", "import httpx\n");
        CliRunner.Result result = run("check", "--no-env", "--no-locks");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.stdout()).isEqualTo("imports: httpx is imported at run time (app/client.py:1 import httpx) but only "
                + "requirements/dev.in declares it, not requirements/base.in\n");
    }

    @Test
    void checkSeesARequirementThatIsGoneFromTheIntent() throws Exception {
        lockBoth();
        write("requirements/dev.in", "# development tools\n-r base.in\n");
        Golden.assertMatches("deps/check-stale.txt", run("check", "--no-env", "--no-imports").render(tmp));
    }

    @Test
    void initFromTheTemplateNeverOverwritesWithoutForce() throws Exception {
        Files.delete(tmp.resolve("requirements/base.in"));
        Files.delete(tmp.resolve("requirements/dev.in"));
        CliRunner.Result result = run("init", "--from", "template");
        assertThat(result.status()).as(result.stderr()).isZero();
        Golden.assertMatches("deps/init-template.txt", render(result));
        Golden.assertMatches("deps/init-exists.txt", run("init", "--from", "template").render(tmp));
        assertThat(run("init", "--from", "template", "--force").status()).isZero();
    }

    @Test
    void initFromCodeSplitsRuntimeFromTestNeedsWithEvidence() throws Exception {
        Files.delete(tmp.resolve("requirements/base.in"));
        Files.delete(tmp.resolve("requirements/dev.in"));
        write(".env", "DATABASE_URL=postgresql+asyncpg://user:pwd@localhost:5432/db\n");
        CliRunner.Result result = run("init", "--from", "code");
        assertThat(result.status()).as(result.stderr()).isZero();
        Golden.assertMatches("deps/init-code.txt", render(result));
    }
}
