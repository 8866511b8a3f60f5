package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.Version;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LockBuilderTest {

    private static ProjectName name(String n) {
        return ProjectName.parse(n);
    }

    @Test
    void parentsAndInputFilesAnnotateAndConstraintsAddNoExtras() {
        List<LockBuilder.Resolved> resolution = List.of(
                new LockBuilder.Resolved(name("Uvicorn"), Version.parse("0.54.0"), Set.of(ExtraName.parse("standard")), Set.of()),
                new LockBuilder.Resolved(name("python_dotenv"), Version.parse("1.2.4"), Set.of(),
                        Set.of(name("uvicorn"), name("pydantic-settings"))),
                new LockBuilder.Resolved(name("setuptools"), Version.parse("80.0"), Set.of(), Set.of(name("python-dotenv"))));
        List<InputRequirement> inputs = List.of(
                new InputRequirement(Requirement.parse("uvicorn[standard]"), "-r base.in", false, "base.in:2"),
                new InputRequirement(Requirement.parse("python-dotenv ; python_version >= '3.8'"), "-r base.in", false, "base.in:3"),
                new InputRequirement(Requirement.parse("python-dotenv[cli]<2"), "-c constraints.txt", true, "constraints.txt:1"));
        List<LockEntry> entries = LockBuilder.entries(resolution, inputs, Set.of(name("setuptools")),
                Map.of(name("uvicorn"), Set.of("sha256:ab")));
        assertThat(entries).hasSize(3);
        LockEntry uvicorn = entries.get(0);
        assertThat(uvicorn.requirementText(false)).isEqualTo("uvicorn[standard]==0.54.0");
        assertThat(uvicorn.via()).containsExactly("-r base.in");
        assertThat(uvicorn.hashes()).containsExactly("sha256:ab");
        LockEntry dotenv = entries.get(1);
        assertThat(dotenv.requirementText(false)).isEqualTo("python-dotenv==1.2.4");
        assertThat(dotenv.via()).containsExactly("-c constraints.txt", "-r base.in", "pydantic-settings", "uvicorn");
        assertThat(dotenv.marker()).contains("python_version >= \"3.8\"");
        assertThat(entries.get(2).unsafe()).isTrue();
    }
}
