package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.Marker;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.resolver.ResolvedPackage;
import dev.pinwheel.resolver.RootRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LockBuilderTest {

    private static ProjectName name(String n) {
        return ProjectName.parse(n);
    }

    private static RootRequirement root(String requirement, String source) {
        return RootRequirement.of(Requirement.parse(requirement), source, source + ":1");
    }

    @Test
    void parentsInputFilesAndConstraintFilesAnnotateButUpgradeSpecsDoNot() {
        List<ResolvedPackage> resolution = List.of(
                new ResolvedPackage(name("uvicorn"), Version.parse("0.54.0"), Optional.empty(),
                        new TreeSet<>(Set.of(ExtraName.parse("standard"))), new TreeSet<>(),
                        List.of(root("uvicorn[standard]", "-r base.in")), List.of(), List.of(), false),
                new ResolvedPackage(name("python-dotenv"), Version.parse("1.2.4"), Optional.empty(), new TreeSet<>(),
                        new TreeSet<>(Set.of(name("uvicorn"), name("pydantic-settings"))),
                        List.of(root("python-dotenv ; python_version >= '3.8'", "-r base.in")),
                        List.of(root("python-dotenv<2", "-c constraints.txt"), root("python-dotenv", "")),
                        List.of(Marker.parse("python_version >= '3.8'")), false),
                new ResolvedPackage(name("setuptools"), Version.parse("80.0"), Optional.empty(), new TreeSet<>(),
                        new TreeSet<>(Set.of(name("python-dotenv"))), List.of(), List.of(), List.of(), false));
        List<LockEntry> entries = LockBuilder.entries(resolution, Set.of(name("setuptools")),
                Map.of(name("uvicorn"), Set.of("sha256:ab")));
        LockEntry uvicorn = entries.get(0);
        assertThat(uvicorn.requirementText(false)).isEqualTo("uvicorn[standard]==0.54.0");
        assertThat(uvicorn.via()).containsExactly("-r base.in");
        assertThat(uvicorn.hashes()).containsExactly("sha256:ab");
        LockEntry dotenv = entries.get(1);
        assertThat(dotenv.requirementText(false)).isEqualTo("python-dotenv==1.2.4");
        assertThat(dotenv.via()).containsExactly("-c constraints.txt", "-r base.in", "pydantic-settings", "uvicorn");
        assertThat(dotenv.marker()).contains("python_version >= \"3.8\"");
        assertThat(entries.get(2).unsafe()).isTrue();
        assertThat(entries.get(0).unsafe()).isFalse();
    }
}
