package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChillTest {

    private static final MarkerEnvironment LINUX = MarkerEnvironment.forTarget("3.11.7", "linux");

    private static Chill.Dist dist(String name, String version, boolean requested, String... requires) {
        StringBuilder m = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        for (String r : requires) {
            if (r.startsWith("extra:")) {
                m.append("Provides-Extra: ").append(r.substring(6)).append('\n');
            } else {
                m.append("Requires-Dist: ").append(r).append('\n');
            }
        }
        return new Chill.Dist(ProjectName.parse(name), version, m.append('\n').toString(), requested);
    }

    private static List<Chill.Dist> backend() {
        List<Chill.Dist> d = new ArrayList<>();
        d.add(dist("fastapi", "0.115.5", false, "starlette<0.42,>=0.40", "pydantic>=2"));
        d.add(dist("starlette", "0.41.3", false, "anyio<5,>=3.4"));
        d.add(dist("anyio", "4.6.2", false, "idna>=2.8", "sniffio>=1.1"));
        d.add(dist("idna", "3.10", false));
        d.add(dist("sniffio", "1.3.1", false));
        d.add(dist("pydantic", "2.10.3", false, "pydantic-core==2.27.1", "email-validator>=2.0.0; extra == \"email\"", "extra:email"));
        d.add(dist("pydantic-core", "2.27.1", false));
        d.add(dist("email-validator", "2.2.0", false, "idna>=2.0"));
        d.add(dist("uvicorn", "0.32.1", false, "click>=7", "h11>=0.8", "uvloop>=0.14; sys_platform != \"win32\" and extra == \"standard\"",
                "httptools>=0.6.3; extra == \"standard\"", "colorama>=0.4; sys_platform == \"win32\" and extra == \"standard\"",
                "extra:standard"));
        d.add(dist("click", "8.1.7", false));
        d.add(dist("h11", "0.14.0", false));
        d.add(dist("uvloop", "0.21.0", false));
        d.add(dist("httptools", "0.6.4", false));
        d.add(dist("pip", "24.3", false));
        d.add(dist("pytest", "8.3.4", false, "pluggy<2,>=1.5", "iniconfig", "colorama; sys_platform == \"win32\""));
        d.add(dist("pluggy", "1.5.0", false));
        d.add(dist("iniconfig", "2.0.0", false));
        d.add(dist("jaraco-functools", "4.1.0", false, "more-itertools"));
        d.add(dist("more-itertools", "10.5.0", false));
        // A cycle nothing else requires: pip-chill loses both.
        d.add(dist("cyc-a", "1.0", false, "cyc-b"));
        d.add(dist("cyc-b", "1.0", false, "cyc-a"));
        return d;
    }

    @Test
    void topLevelWithExtrasCyclesAndGroups() {
        Chill.Result r = Chill.find(backend(), LINUX, false);
        assertThat(Chill.render(r, false, true)).isEqualTo("""
                cyc-a==1.0
                cyc-b==1.0
                email-validator==2.2.0
                fastapi==0.115.5
                uvicorn[standard]==0.32.1
                # development tools (for dev.in):
                pytest==8.3.4
                # tool-chain leftovers, not runtime needs:
                # jaraco-functools==4.1.0
                """);
    }

    @Test
    void anExtraIsInferredOnlyWhenAllOfItsRequirementsAreInstalled() {
        List<Chill.Dist> d = new ArrayList<>();
        d.add(dist("app", "1.0", false, "core", "lib-a; extra == \"full\"", "Not_Installed.Thing>=2; extra == \"full\"",
                "lib-b; extra == \"some\"", "extra:full", "extra:some"));
        d.add(dist("core", "1.0", false));
        d.add(dist("lib-a", "1.0", false));
        d.add(dist("lib-b", "1.0", false));
        assertThat(Chill.render(Chill.find(d, LINUX, false), false, true)).isEqualTo("""
                app[some]==1.0
                lib-a==1.0
                """);
    }

    @Test
    void requirementNamesAreNormalizedAsPep503Has() {
        String line = "Requires-Dist:  Foo__Bar.baz[extra] (>=1) ; python_version < '4'";
        assertThat(Chill.requirementName(line, 14, line.length())).isEqualTo("foo-bar-baz");
        assertThat(Chill.requirementName("x: ", 2, 3)).isEmpty();
        assertThat(Chill.Parsed.read("Name: a\nVersion: 1\nRequires-Dist: B_c\nRequires-Dist: gone; extra == 'x'\n\n", Set.of("b-c"))
                .requires()).extracting(r -> r.name().toString()).containsExactly("b-c");
    }

    @Test
    void verboseNamesWhatTheRestIsInstalledForAndAllShowsPip() {
        Chill.Result r = Chill.find(backend(), LINUX, true);
        String out = Chill.render(r, true, false);
        assertThat(out).contains("\npip\n").contains("# anyio  # installed for: starlette\n")
                .contains("# idna  # installed for: anyio, email-validator\n").contains("# httptools  # installed for: uvicorn\n");
    }

    @Test
    void extraRequestedByAnotherDistributionIsFollowed() {
        List<Chill.Dist> d = new ArrayList<>(backend());
        d.add(dist("myapp", "1.0", false, "pydantic[email]>=2", "fastapi"));
        Chill.Result r = Chill.find(d, LINUX, false);
        assertThat(r.topLevel()).extracting(e -> e.name().toString()).doesNotContain("email-validator", "fastapi").contains("myapp");
    }

    @Test
    void requestedFilesCountWhenTheyDiscriminate() {
        List<Chill.Dist> d = new ArrayList<>(backend());
        d.set(0, dist("fastapi", "0.115.5", false, "starlette<0.42,>=0.40", "pydantic>=2"));
        d.set(1, dist("starlette", "0.41.3", true, "anyio<5,>=3.4"));
        assertThat(Chill.find(d, LINUX, false).topLevel()).extracting(e -> e.name().toString()).contains("starlette");
        List<Chill.Dist> allRequested = backend().stream().map(x -> new Chill.Dist(x.name(), x.version(), x.metadata(), true)).toList();
        assertThat(Chill.find(allRequested, LINUX, false).topLevel()).extracting(e -> e.name().toString()).doesNotContain("starlette");
    }

    @Test
    void onlyRequirementsOfInstalledProjectsAndTheExtrasAreReadContinuationLinesIncluded() {
        String metadata = "Metadata-Version: 2.1\nName: app\nVersion: 1.0\nSummary: an app\nClassifier: X :: Y\n"
                + "License: MIT\n        long license text\nrequires-dist: lib ; extra == \"x\"\n  and python_version >= '3'\n"
                + "Requires-Dist: other>=1\nProvides-Extra: x\nProject-URL: Home, https://example.org\n\nDescription body\n";
        Chill.Parsed p = Chill.Parsed.read(metadata, Set.of("lib", "app"));
        assertThat(p.requires()).extracting(Requirement::toString).containsExactly("lib; extra == \"x\" and python_version >= \"3\"");
        assertThat(p.provides()).extracting(ExtraName::toString).containsExactly("x");
        assertThat(p.problems()).isEmpty();
        Chill.Parsed description = Chill.Parsed.read("Name: app\nnot a field line\nRequires-Dist: ghost\n", Set.of("ghost"));
        assertThat(description.requires()).isEmpty();
    }

    @Test
    void aRequirementThatIsNotPep508IsReportedAndTheRestStillCounts() {
        List<Chill.Dist> d = new ArrayList<>(backend());
        d.add(new Chill.Dist(ProjectName.parse("odd"), "1.0-custom", "Metadata-Version: 2.1\nName: odd\nVersion: 1.0-custom\n"
                + "Requires-Dist: idna >>= 2\nRequires-Dist: sniffio\nProvides-Extra: not an extra\n\n", false));
        Chill.Result r = Chill.find(d, LINUX, false);
        assertThat(r.warnings()).hasSize(2).allMatch(w -> w.startsWith("odd 1.0-custom: "));
        assertThat(r.warnings().get(0)).startsWith("odd 1.0-custom: Requires-Dist 'idna >>= 2' is not a PEP 508 requirement, ignored (");
        assertThat(r.warnings().get(1)).startsWith("odd 1.0-custom: Provides-Extra 'not an extra' is not an extra name, ignored (");
        // a version that is not PEP 440 does not make its dependencies unknown
        assertThat(r.dependencies()).anyMatch(e -> e.name().toString().equals("sniffio")
                && e.requiredBy().contains(ProjectName.parse("odd")));
    }

    @Test
    void onlyTheHeaderBlockOfMetadataCounts() {
        String crlf = "Metadata-Version: 2.1\r\nName: app\r\nVersion: 1.0\r\nRequires-Dist: lib\r\n\r\n"
                + "Requires-Dist: ghost\r\n(a description quoting a header)\r\n";
        assertThat(Chill.Parsed.read(crlf, Set.of("lib", "ghost")).requires()).extracting(Requirement::toString).containsExactly("lib");
        List<Chill.Dist> d = List.of(new Chill.Dist(ProjectName.parse("app"), "1.0", crlf, false), dist("lib", "2.0", false),
                dist("ghost", "1.0", false));
        Chill.Result r = Chill.find(d, LINUX, false);
        assertThat(r.topLevel()).extracting(e -> e.name().toString()).containsExactly("app", "ghost");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aRuntimePackagesTestExtraDoesNotHideDevToolsInstalledOnTheirOwn() {
        List<Chill.Dist> d = new ArrayList<>(backend());
        d.add(dist("python-jose", "3.3.0", false, "pytest; extra == \"test\"", "extra:test"));
        d.add(dist("mypy", "1.13.0", true));
        d.add(dist("bcrypt", "4.2.1", false, "mypy; extra == \"typecheck\"", "extra:typecheck"));
        Chill.Result r = Chill.find(d, LINUX, false);
        String out = Chill.render(r, false, true);
        assertThat(out.lines()).contains("python-jose==3.3.0", "bcrypt==4.2.1", "pytest==8.3.4", "mypy==1.13.0");
        assertThat(out).doesNotContain("[test]", "[typecheck]");
    }

    @Test
    void aLargeEnvironmentIsReadOnTwoThreadsWithTheSameResultAsOneDistributionAtATime() {
        List<Chill.Dist> d = new ArrayList<>(backend());
        for (int i = 0; i < 60; i++) { // a chain: only its head is top-level
            d.add(i + 1 < 60 ? dist("link-" + i, "1." + i, false, "link-" + (i + 1) + ">=1") : dist("link-" + i, "1." + i, false));
        }
        d.add(30, new Chill.Dist(ProjectName.parse("broken"), "0.1", "Name: broken\nRequires-Dist: link-5 (>=\n\n", false));
        Chill.Result whole = Chill.find(d, LINUX, false);
        assertThat(Chill.render(whole, false, true).lines()).contains("link-0==1.0", "broken==0.1")
                .noneMatch(l -> l.startsWith("link-1=="));
        assertThat(whole.warnings()).singleElement().asString().startsWith("broken 0.1: Requires-Dist 'link-5 (>=' is not a PEP 508");
        assertThat(whole.dependencies()).anyMatch(e -> e.name().toString().equals("link-59")
                && e.requiredBy().equals(List.of(ProjectName.parse("link-58"))));
    }

    @Test
    void extraNeedsAreTheMarkedInstalledRequirementsAndTheUninstalledOnesThatMentionExtras() {
        String metadata = "Metadata-Version: 2.1\nName: app\nVersion: 1.0\nRequires-Dist: plain>=1\n"
                + "Requires-Dist: posix; sys_platform != 'win32'\nRequires-Dist: Tests_Lib (>=2); extra == 'test'\n"
                + "Requires-Dist: wrapped;\r\n  python_version >= '3.8' and extra == 'doc'\nRequires-Dist: bad;; extra == 'x'\n"
                + "Requires-Dist: pkg @ https://example.org/a;b.whl ; extra == 'url'\n"
                + "Requires-Dist: here>=1; extra == 'test'\nProvides-Extra: test\n\nRequires-Dist: body; extra == 'test'\n";
        List<Requirement> installed = List.of(Requirement.parse("here>=1; extra == 'test'"), Requirement.parse("plain>=1"));
        assertThat(Chill.installedNeeds(installed)).extracting(n -> n.name() + " ; " + n.marker())
                .containsExactly("here ; extra == \"test\"");
        List<Chill.Need> needs = new ArrayList<>(Chill.installedNeeds(installed));
        needs.addAll(Chill.uninstalledNeeds(metadata, Set.of("here", "plain")));
        assertThat(needs).extracting(n -> n.name() + " ; " + n.marker()).containsExactly(
                "here ; extra == \"test\"",
                "tests-lib ; extra == \"test\"",
                "wrapped ; python_version >= \"3.8\" and extra == \"doc\"",
                "pkg ; extra == \"url\"");
        Map<ExtraName, List<ProjectName>> byExtra = Chill.namesByExtra(needs,
                Set.of(ExtraName.parse("test"), ExtraName.parse("doc"), ExtraName.parse("url")), LINUX);
        assertThat(byExtra.get(ExtraName.parse("test"))).extracting(ProjectName::toString).containsExactly("here", "tests-lib");
        assertThat(byExtra.get(ExtraName.parse("doc"))).extracting(ProjectName::toString).containsExactly("wrapped");
        assertThat(byExtra.get(ExtraName.parse("url"))).extracting(ProjectName::toString).containsExactly("pkg");
    }

    @Test
    void groupsByNameToolsTheirPluginsAndStubsAndLeftovers() {
        for (String dev : List.of("pytest", "pytest-benchmark", "types-requests", "boto3-stubs", "mypy-extensions", "sphinx-rtd-theme")) {
            assertThat(Chill.group(ProjectName.parse(dev))).as(dev).isEqualTo(Chill.Group.DEV);
        }
        for (String leftover : List.of("jaraco-classes", "zipp")) {
            assertThat(Chill.group(ProjectName.parse(leftover))).as(leftover).isEqualTo(Chill.Group.LEFTOVER);
        }
        for (String runtime : List.of("fastapi", "jaraco", "stubs", "sphinxcontrib-jquery", "typesystem", "pytest2")) {
            assertThat(Chill.group(ProjectName.parse(runtime))).as(runtime).isEqualTo(Chill.Group.RUNTIME);
        }
    }
}
