package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetPythonTest {

    @Test
    void markerEnvironmentFollowsThePlatform() {
        MarkerEnvironment linux = TargetPython.cpython(3, 11, Platform.manylinux(2, 28, "aarch64")).withPatch(7)
                .markerEnvironment();
        assertThat(linux.get("sys_platform")).isEqualTo("linux");
        assertThat(linux.get("platform_machine")).isEqualTo("aarch64");
        assertThat(linux.get("python_full_version")).isEqualTo("3.11.7");
        assertThat(linux.get("python_version")).isEqualTo("3.11");
        MarkerEnvironment windows = TargetPython.cpython(3, 12, Platform.windows("amd64")).markerEnvironment();
        assertThat(windows.get("os_name")).isEqualTo("nt");
        assertThat(windows.get("platform_machine")).isEqualTo("AMD64");
        assertThat(windows.get("python_full_version")).isEqualTo("3.12.0");
        MarkerEnvironment mac = TargetPython.cpython(3, 10, Platform.macos(14, 0, "arm64")).markerEnvironment();
        assertThat(mac.get("sys_platform")).isEqualTo("darwin");
        assertThat(mac.get("platform_system")).isEqualTo("Darwin");
        assertThat(Marker.parse("sys_platform == 'darwin' and python_version < '3.11'").evaluate(mac, Set.of())).isTrue();
    }

    @Test
    void pypyReportsItsOwnImplementation() {
        MarkerEnvironment env = TargetPython.pypy(3, 10, 7, 3, Platform.linux("x86_64")).markerEnvironment();
        assertThat(env.get("implementation_name")).isEqualTo("pypy");
        assertThat(env.get("platform_python_implementation")).isEqualTo("PyPy");
        assertThat(env.get("implementation_version")).isEqualTo("7.3.0");
    }

    @Test
    void abiTagsFollowTheBuild() {
        assertThat(TargetPython.cpython(3, 7, Platform.linux("x86_64")).abis()).containsExactly("cp37m");
        assertThat(TargetPython.cpython(3, 13, Platform.linux("x86_64")).withFreeThreaded(true).abis())
                .containsExactly("cp313t");
        assertThat(TargetPython.pypy(3, 10, 7, 3, Platform.linux("x86_64")).abis()).containsExactly("pypy310_pp73");
        assertThat(TargetPython.cpython(3, 11, Platform.linux("x86_64")).interpreterTag()).isEqualTo("cp311");
    }

    @Test
    void impossibleTargetsAreRejected() {
        assertThatThrownBy(() -> TargetPython.cpython(2, 7, Platform.linux("x86_64")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetPython.cpython(3, 12, Platform.linux("x86_64")).withFreeThreaded(true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Platform.windows("sparc")).isInstanceOf(IllegalArgumentException.class);
    }
}
