package dev.pinwheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.testkit.Golden;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReqsCommandTest {

    @TempDir
    Path tmp;

    private void file(String rel, String content) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void project() throws IOException {
        file("app/__init__.py", "");
        file("app/main.py", "from fastapi import FastAPI\nimport yaml\nfrom .db import engine\n");
        file("app/db.py", "from sqlalchemy.ext.asyncio import create_async_engine\n");
        file("tests/test_main.py", "import pytest\n");
        file(".env", "DATABASE_URL=postgresql+asyncpg://u:p@localhost/db\n");
        file("Procfile", "web: uvicorn app.main:app\n");
        file("bad.py", "import requests\nx = (\n");
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(tmp).run(args);
    }

    @Test
    void printWritesTheRuntimeListToStdout() {
        Golden.assertMatches("reqs/print.txt", run("reqs", "--print").render(tmp));
    }

    @Test
    void writesRequirementsTxtAndRefusesToOverwriteWithoutForce() throws IOException {
        CliRunner.Result first = run("reqs", "--dev-savepath", "requirements-dev.txt");
        assertThat(first.status()).isZero();
        assertThat(Files.readString(tmp.resolve("requirements.txt"))).isEqualTo("""
                asyncpg  # .env:1 postgresql+asyncpg:// database URL
                fastapi
                pyyaml
                requests
                sqlalchemy
                uvicorn[standard]  # Procfile:1 runs uvicorn
                """);
        assertThat(Files.readString(tmp.resolve("requirements-dev.txt"))).isEqualTo("pytest\n");
        Golden.assertMatches("reqs/refuse-overwrite.txt", run("reqs").render(tmp));
        assertThat(run("reqs", "--force", "--savepath", "out/reqs.txt").status()).isZero();
        assertThat(tmp.resolve("out/reqs.txt")).exists();
    }

    @Test
    void diffNamesMissingAndUnused() throws IOException {
        file("requirements.txt", "# pinned by hand\nFastAPI==0.100\nflask>=2  # old\n-r other.txt\npytest\n");
        Golden.assertMatches("reqs/diff.txt", run("reqs", "--diff", "requirements.txt").render(tmp));
    }

    @Test
    void cleanRemovesUnusedLinesAndKeepsTheRest() throws IOException {
        file("requirements.txt", "# pinned by hand\nFastAPI==0.100\nflask>=2  # old\n-r other.txt\npytest\n");
        CliRunner.Result r = run("reqs", "--clean", "requirements.txt");
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).contains("Removed from requirements.txt: flask");
        assertThat(Files.readString(tmp.resolve("requirements.txt")))
                .isEqualTo("# pinned by hand\nFastAPI==0.100\n-r other.txt\npytest\n");
    }

    @Test
    void ignoreAndModeAndBadValues() {
        CliRunner.Result r = run("reqs", "--print", "--ignore", "app,tests", "--mode", "no-pin", "-q");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).isEqualTo("asyncpg  # .env:1 postgresql+asyncpg:// database URL\nrequests\n"
                + "uvicorn[standard]  # Procfile:1 runs uvicorn\n");
        assertThat(r.stderr()).isEmpty();
        CliRunner.Result bad = run("reqs", "--mode", "latest");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.stderr()).contains("'latest' is not a mode; use eq, compat, gt or no-pin");
        CliRunner.Result enc = run("reqs", "--encoding", "klingon", "--print");
        assertThat(enc.status()).isEqualTo(2);
        assertThat(enc.stderr()).contains("unknown encoding 'klingon'");
    }

    @Test
    void unmappedImportsAreLookedUpOnTheIndexUnlessNoIndex() throws IOException {
        file("app/extra.py", "import tomlkit\nimport vendored_thing\n");
        try (TestIndex index = TestIndex.start()) {
            index.add(WheelBuilder.of("tomlkit", "0.13.2").build());
            CliRunner.Result r = new CliRunner(tmp).env("PINWHEEL_CACHE_DIR", tmp.resolve("cache").toString())
                    .run("reqs", "--print", "--mode", "no-pin", "--index-url", index.url().toString());
            assertThat(r.status()).isZero();
            assertThat(r.stdout()).contains("\ntomlkit  # on the index under its import name\n").doesNotContain("vendored");
            assertThat(r.stderr()).contains("warning: app/extra.py:2: 'vendored_thing' is not installed, not in the bundled"
                    + " mapping and no project 'vendored-thing' is on the index; left out");
            index.clearRequests();
            CliRunner.Result offline = run("reqs", "--print", "--mode", "no-pin", "--no-index", "--index-url",
                    index.url().toString());
            assertThat(offline.stdout()).contains("\ntomlkit  # name assumed from the import\n")
                    .contains("\nvendored-thing  # name assumed from the import\n");
            assertThat(index.requestCount()).isZero();
        }
    }

    @Test
    void missingDirectoryIsBadInput() {
        CliRunner.Result r = run("reqs", "nowhere", "--print");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.stderr()).contains("not a directory");
    }
}
