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
}
