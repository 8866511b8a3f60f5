package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RECORD, direct_url.json, entry points, shebangs and pip-compile annotations. */
class FormatsTest {

    @Test
    void recordRoundTripsQuotedPaths() {
        List<RecordFile.Entry> entries = List.of(RecordFile.Entry.of("pkg/a,b.py", "sha256=abc", 12),
                RecordFile.Entry.of("pkg/\"q\".txt", "sha256=def", 3), RecordFile.Entry.unhashed("pkg-1.dist-info/RECORD"));
        String text = RecordFile.render(entries);
        assertThat(text).isEqualTo("\"pkg/a,b.py\",sha256=abc,12\n\"pkg/\"\"q\"\".txt\",sha256=def,3\npkg-1.dist-info/RECORD,,\n");
        assertThat(RecordFile.parse(text)).isEqualTo(entries);
    }

    @Test
    void wheelsOfOtherVersionsAreSkippedBeforeTheirTagsAreParsed() {
        dev.pinwheel.packaging.Version one = dev.pinwheel.packaging.Version.parse("1.0");
        assertThat(Syncer.mayBeVersion("pkg-1.0-py3-none-any.whl", one)).isTrue();
        assertThat(Syncer.mayBeVersion("pkg-1.0.0-py3-none-any.whl", one)).isTrue();
        assertThat(Syncer.mayBeVersion("pkg-1.0-1-py3-none-any.whl", one)).isTrue();
        assertThat(Syncer.mayBeVersion("pkg-2.0-py3-none-any.whl", one)).isFalse();
        assertThat(Syncer.mayBeVersion("pkg-1.0rc1-cp311-cp311-manylinux_2_17_x86_64.whl", one)).isFalse();
        assertThat(Syncer.mayBeVersion("oddname.whl", one)).isTrue();
        assertThat(Syncer.mayBeVersion("pkg-not_a_version-py3-none-any.whl", one)).isTrue();
    }

    @Test
    void metadataHeadersEndAtTheFirstBlankLine() {
        String metadata = "Metadata-Version: 2.1\r\nname:  Demo \r\nSummary: a: b\r\n\r\nVersion: 9\nName: body";
        assertThat(SitePackages.header(metadata, "Name")).isEqualTo("Demo");
        assertThat(SitePackages.header(metadata, "summary")).isEqualTo("a: b");
        assertThat(SitePackages.header(metadata, "Version")).isNull();
        assertThat(SitePackages.header("Name: last", "Name")).isEqualTo("last");
        assertThat(SitePackages.header("no colon here\nName: x\n", "Name")).isEqualTo("x");
        assertThat(SitePackages.header("", "Name")).isNull();
    }

    @Test
    void directUrlReadsAndWritesThePep610Shapes() {
        DirectUrl archive = DirectUrl.archive("https://host/x-1.whl", "ab12");
        assertThat(DirectUrl.parse(archive.toJson())).isEqualTo(archive);
        DirectUrl editable = DirectUrl.directory("file:///src/app", true);
        assertThat(editable.toJson()).isEqualTo("{\"url\":\"file:///src/app\",\"dir_info\":{\"editable\":true}}");
        DirectUrl vcs = DirectUrl.parse("{\"url\":\"https://g/r.git\",\"vcs_info\":{\"vcs\":\"git\",\"commit_id\":\"abc\"}}");
        assertThat(vcs.kind()).isEqualTo(DirectUrl.Kind.VCS);
        assertThat(vcs.commitId()).contains("abc");
    }

    @Test
    void entryPointsNeedAModuleAndAnObject() {
        List<Scripts.EntryPoint> eps = Scripts.parseEntryPoints("""
                [console_scripts]
                tool = pkg.cli:main.run [extra]
                ; comment
                [gui_scripts]
                win=pkg.gui:start
                [pytest11]
                plugin = pkg.plugin
                """, "x/entry_points.txt");
        assertThat(eps).containsExactly(new Scripts.EntryPoint("tool", "pkg.cli", "main.run", false),
                new Scripts.EntryPoint("win", "pkg.gui", "start", true));
        assertThatThrownBy(() -> Scripts.parseEntryPoints("[console_scripts]\nbad = pkg\n", "e.txt"))
                .hasMessage("e.txt:2: invalid entry point 'bad = pkg' (expected name = module:function)");
        assertThatThrownBy(() -> Scripts.parseEntryPoints("[console_scripts]\n../evil = pkg:x\n", "e.txt"))
                .hasMessageContaining("unsafe script name");
    }

    @Test
    void launchersCallTheObjectAndLongInterpreterPathsUseTheShellTrampoline() {
        String launcher = Scripts.launcher(Path.of("/venv/bin/python"), new Scripts.EntryPoint("t", "pkg.cli", "main.run", false));
        assertThat(launcher).startsWith("#!/venv/bin/python\n").contains("from pkg.cli import main\n").contains("sys.exit(main.run())");
        Path deep = Path.of("/" + "d".repeat(130) + "/bin/python");
        assertThat(Scripts.shebang(deep)).isEqualTo("#!/bin/sh\n'''exec' '" + deep + "' \"$0\" \"$@\"\n' '''\n");
        assertThat(Scripts.shebang(Path.of("/my venv/bin/python"))).startsWith("#!/bin/sh\n");
    }

    @Test
    void onlyPythonShebangsAreRewritten() {
        byte[] rewritten = Scripts.rewriteShebang("#!python -u\nprint(1)\n".getBytes(StandardCharsets.UTF_8), Path.of("/v/bin/python"));
        assertThat(new String(rewritten, StandardCharsets.UTF_8)).isEqualTo("#!/v/bin/python -u\nprint(1)\n");
        assertThat(Scripts.rewriteShebang("#!/bin/sh\necho\n".getBytes(StandardCharsets.UTF_8), Path.of("/v/bin/python"))).isNull();
    }

    @Test
    void aScriptIsReadWholeOnlyWhenItsFirstBytesArePythonsShebang(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path python = java.nio.file.Files.write(dir.resolve("tool"), "#!pythonw\nimport tool\n".getBytes(StandardCharsets.UTF_8));
        byte[] elf = new byte[1 << 20];
        elf[0] = 0x7F;
        elf[1] = 'E';
        Path binary = java.nio.file.Files.write(dir.resolve("ruff"), elf);
        Path shell = java.nio.file.Files.write(dir.resolve("run"), "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        Path tiny = java.nio.file.Files.write(dir.resolve("tiny"), "#!".getBytes(StandardCharsets.UTF_8));
        assertThat(Scripts.startsWithPythonShebang(python)).isTrue();
        assertThat(Scripts.startsWithPythonShebang(binary)).isFalse();
        assertThat(Scripts.startsWithPythonShebang(shell)).isFalse();
        assertThat(Scripts.startsWithPythonShebang(tiny)).isFalse();
    }

    @Test
    void requestedPackagesComeFromViaDashRAnnotations() {
        String lock = """
                # This file is autogenerated by pip-compile
                fastapi==0.110.0 \\
                    --hash=sha256:aaa
                    # via -r requirements/base.in
                starlette==0.36.3
                    # via fastapi
                uvicorn[standard]==0.29.0
                    # via
                    #   -r requirements/base.in
                    #   other
                """;
        assertThat(LockFiles.requestedLines(lock)).containsExactlyInAnyOrder(2, 7);
        assertThat(LockFiles.requestedLines("a==1\nb==2\n")).containsExactly(-1);
    }

    @Test
    void relativePathsBecomeFileUrls() {
        assertThat(LockFiles.absoluteUrl("./pkgs/app#egg=app", Path.of("/work/proj"))).isEqualTo("file:///work/proj/pkgs/app#egg=app");
        assertThat(LockFiles.absoluteUrl("https://h/x.whl", Path.of("/w"))).isEqualTo("https://h/x.whl");
    }
}
