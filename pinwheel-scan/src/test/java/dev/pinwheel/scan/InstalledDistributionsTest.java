package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.ProjectName;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstalledDistributionsTest {

    @Test
    void modulesOfARecordPath() {
        assertThat(InstalledDistributions.modulesOf("google/protobuf/json_format.py"))
                .containsExactly("google", "google.protobuf", "google.protobuf.json_format");
        assertThat(InstalledDistributions.modulesOf("yaml/_yaml.cpython-311-x86_64-linux-gnu.so")).containsExactly("yaml", "yaml._yaml");
        assertThat(InstalledDistributions.modulesOf("six.py")).containsExactly("six");
        assertThat(InstalledDistributions.modulesOf("PyYAML-6.0.dist-info/RECORD")).isEmpty();
        assertThat(InstalledDistributions.modulesOf("../../../bin/uvicorn")).isEmpty();
        assertThat(InstalledDistributions.modulesOf("yaml/__pycache__/x.cpython-311.pyc")).containsExactly("yaml");
        assertThat(InstalledDistributions.modulesOf("pkg/__init__.py")).containsExactly("pkg");
    }

    @Test
    void longestProvidedPrefixDecides() {
        InstalledDistributions d = InstalledDistributions.index(List.of(
                new InstalledDistributions.Installed(ProjectName.parse("protobuf"), "5.0", List.of("google/protobuf/__init__.py"), List.of()),
                new InstalledDistributions.Installed(ProjectName.parse("google-cloud-storage"), "2.0",
                        List.of("google/cloud/storage/__init__.py"), List.of()),
                new InstalledDistributions.Installed(ProjectName.parse("old-egg"), "1.0", List.of(), List.of("oldegg"))));
        assertThat(d.providers("google.protobuf.message")).extracting(p -> p.name().toString()).containsExactly("protobuf");
        assertThat(d.providers("google.cloud.storage")).extracting(p -> p.name().toString()).containsExactly("google-cloud-storage");
        assertThat(d.providers("google")).extracting(p -> p.name().toString()).containsExactly("google-cloud-storage", "protobuf");
        assertThat(d.providers("oldegg.sub")).extracting(p -> p.name().toString()).containsExactly("old-egg");
        assertThat(d.providers("missing")).isEmpty();
        assertThat(d.version(ProjectName.parse("Protobuf"))).contains("5.0");
    }

    @Test
    void recordPathsAreTheFirstColumnAsRecordFileReadsIt() {
        String record = "six.py,sha256=abc,123\r\n\n  \n\"odd,name.py\",sha256=def,4\n\"say \"\"hi\"\".py\",,\n"
                + "pkg/__pycache__/mod.cpython-311.pyc,,\n__pycache__/six.cpython-311.pyc,,\nsix-1.0.dist-info/RECORD,,";
        List<String> viaEnv = dev.pinwheel.env.RecordFile.parse(record).stream().map(dev.pinwheel.env.RecordFile.Entry::path)
                .filter(p -> !p.contains("__pycache__/")).toList();
        assertThat(TargetEnvironments.recordPaths(record)).isEqualTo(viaEnv)
                .containsExactly("six.py", "odd,name.py", "say \"hi\".py", "six-1.0.dist-info/RECORD");
    }
}
