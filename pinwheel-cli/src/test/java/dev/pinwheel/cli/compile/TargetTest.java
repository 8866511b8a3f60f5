package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void describedTargetsNeedNoInterpreter() {
        Target windows = Target.of(Optional.of("3.12"), Optional.of("windows"), Path.of("/nonexistent"), Map.of(), null);
        assertThat(windows.majorMinor()).isEqualTo("3.12");
        assertThat(windows.markers().get("sys_platform")).isEqualTo("win32");
        assertThat(windows.python().platform().tags()).contains("win_amd64");
        Target arm = Target.of(Optional.of("3.11.7"), Optional.of("aarch64-manylinux_2_28"), Path.of("/nonexistent"), Map.of(), null);
        assertThat(arm.version().toString()).isEqualTo("3.11.7");
        assertThat(arm.markers().get("platform_machine")).isEqualTo("aarch64");
        assertThat(arm.python().platform().tags()).contains("manylinux_2_28_aarch64", "manylinux_2_17_aarch64");
    }

    @Test
    void badVersionsAndPlatformsAreBadInput() {
        assertThatThrownBy(() -> Target.of(Optional.of("three"), Optional.of("linux"), Path.of("/x"), Map.of(), null))
                .hasMessage("--python-version three is not a Python version");
        assertThatThrownBy(() -> Target.platform("amiga"))
                .hasMessageStartingWith("--python-platform amiga is not a platform");
    }
}
