package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.packaging.PinwheelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipConfigTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void laterFilesOverrideEarlierOnesAndEnvironmentOverridesAll() throws IOException {
        Path global = file("etc/pip.conf", "[global]\nindex-url = https://global.example/simple\ntimeout = 5\n");
        Path user = file("home/.config/pip/pip.conf", "[global]\nindex-url = https://user.example/simple\n"
                + "extra-index-url =\n    https://one.example/simple\n    https://two.example/simple\n");
        Path site = file("venv/pip.conf", "[global]\nfind_links = /wheels ./more\n");
        Map<String, String> env = new HashMap<>();
        PipConfig config = PipConfig.load(List.of(global), List.of(user), List.of(site), env);
        assertThat(config.get("index-url")).contains("https://user.example/simple");
        assertThat(config.getList("extra-index-url")).containsExactly("https://one.example/simple", "https://two.example/simple");
        assertThat(config.getList("find-links")).containsExactly("/wheels", "./more");
        assertThat(config.files()).containsExactly(global, user, site);

        env.put("PIP_INDEX_URL", "https://env.example/simple");
        env.put("PIP_FIND_LINKS", "/opt/wheels");
        config = PipConfig.load(List.of(global), List.of(user), List.of(site), env);
        assertThat(config.get("index-url")).contains("https://env.example/simple");
        assertThat(config.getList("find-links")).containsExactly("/opt/wheels");
    }

    @Test
    void installSectionBeatsGlobalEvenFromALowerFile() throws IOException {
        // pip merges the files first, then orders sections: [global] < [install] < environment
        Path global = file("etc/pip.conf", "[install]\nindex-url = https://install-in-global-file.example/simple\n");
        Path user = file("home/pip.conf", "[global]\nindex-url = https://global-in-user-file.example/simple\n");
        PipConfig config = PipConfig.load(List.of(global), List.of(user), List.of(), Map.of());
        assertThat(config.get("index-url")).contains("https://install-in-global-file.example/simple");
    }

    @Test
    void pipConfigFileReplacesTheUserFilesAndDevNullDisablesAll() throws IOException {
        Path global = file("etc/pip.conf", "[global]\nno-index = yes\n");
        Path user = file("home/pip.conf", "[global]\nindex-url = https://user.example/simple\n");
        Path custom = file("custom.conf", "[global]\ntrusted-host = a.example b.example:8080\n");
        PipConfig config = PipConfig.load(List.of(global), List.of(user), List.of(), Map.of("PIP_CONFIG_FILE", custom.toString()));
        assertThat(config.files()).containsExactly(global, custom);
        assertThat(config.get("index-url")).isEmpty();
        assertThat(config.getBoolean("no-index")).contains(true);
        assertThat(config.getList("trusted-host")).containsExactly("a.example", "b.example:8080");

        config = PipConfig.load(List.of(global), List.of(user), List.of(), Map.of("PIP_CONFIG_FILE", "/dev/null", "PIP_NO_INDEX", "off"));
        assertThat(config.files()).isEmpty();
        assertThat(config.getBoolean("no-index")).contains(false);
    }

    @Test
    void applyToSetsTheIndexSettings() throws IOException {
        Path user = file("home/pip.conf", "[global]\nindex-url = https://u:p@private.example/simple\nretries = 1\n"
                + "default-timeout = 2.5\n[install]\nextra-index-url = https://extra.example/simple\n");
        Map<String, String> env = Map.of("PIP_TRUSTED_HOST", "private.example", "PIP_FIND_LINKS", "/opt/wheels");
        IndexSettings.Builder b = IndexSettings.builder(dir.resolve("cache"), dir);
        PipConfig.load(List.of(), List.of(user), List.of(), env).applyTo(b);
        IndexSettings s = b.build();
        assertThat(s.indexUrl()).isEqualTo("https://u:p@private.example/simple");
        assertThat(s.extraIndexUrls()).containsExactly("https://extra.example/simple");
        assertThat(s.findLinks()).containsExactly("/opt/wheels");
        assertThat(s.trustedHosts()).containsExactly("private.example");
        assertThat(s.attempts()).isEqualTo(2);
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void loadUsesPipsLocationsUnderHomeAndVirtualEnv() throws IOException {
        file("home/.pip/pip.conf", "[global]\nindex-url = https://legacy.example/simple\nno-index = false\n");
        file("home/.config/pip/pip.conf", "[global]\nindex-url = https://xdg.example/simple\n");
        file("venv/pip.conf", "[install]\nno-index = true\n");
        Map<String, String> env = Map.of("XDG_CONFIG_DIRS", dir.resolve("nothing").toString(), "VIRTUAL_ENV", dir.resolve("venv").toString());
        PipConfig config = PipConfig.load(env, dir.resolve("home"));
        assertThat(config.get("index-url")).contains("https://xdg.example/simple");
        assertThat(config.getBoolean("no-index")).contains(true);
    }

    @Test
    void badFilesAndValuesAreBadInput() throws IOException {
        Path bad = file("bad.conf", "[global]\nthis line has no separator\n");
        assertThatThrownBy(() -> PipConfig.load(List.of(bad), List.of(), List.of(), Map.of()))
                .isInstanceOf(PinwheelException.class).hasMessageEndingWith("bad.conf:2: expected 'key = value'");
        PipConfig config = PipConfig.load(List.of(), List.of(), List.of(), Map.of("PIP_NO_INDEX", "maybe"));
        assertThatThrownBy(() -> config.getBoolean("no-index")).isInstanceOf(PinwheelException.class)
                .hasMessageContaining("not a boolean");
    }

    @Test
    void iniCommentsContinuationsAndColonsFollowConfigparser() {
        Map<String, String> ini = PipConfig.parseIni("x", "# comment\n[global]\n; another\nIndex_URL: https://a.example/simple\n"
                + "find-links = a\n  b\n\n[install]\npre=1\n");
        assertThat(ini).containsEntry("global.index-url", "https://a.example/simple")
                .containsEntry("global.find-links", "a\nb").containsEntry("install.pre", "1");
    }

    @Test
    void pipsProxySettingOverridesTheEnvironmentsProxies() {
        PipConfig config = PipConfig.load(List.of(), List.of(), List.of(), Map.of("PIP_PROXY", "http://pip-proxy:8080"));
        IndexSettings settings = config.applyTo(IndexSettings.builder(Path.of("/tmp/cache"), Path.of("/tmp"))
                .proxies(Proxies.fromEnvironment(Map.of("https_proxy", "http://env-proxy:3128")))).build();
        assertThat(settings.proxies().forTarget(true, "pypi.org", 443))
                .hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("pip-proxy:8080"));
    }

    @Test
    void pipsCertIsTheCaBundleResolvedFromTheWorkingDirectory() {
        PipConfig config = PipConfig.load(List.of(), List.of(), List.of(), Map.of("PIP_CERT", "certs/corp.pem"));
        IndexSettings settings = config.applyTo(IndexSettings.builder(Path.of("/tmp/cache"), Path.of("/work/project"))).build();
        assertThat(settings.caBundle()).contains(Path.of("/work/project/certs/corp.pem"));
        assertThat(PipConfig.load(List.of(), List.of(), List.of(), Map.of())
                .applyTo(IndexSettings.builder(Path.of("/tmp/cache"), Path.of("/tmp"))).build().caBundle()).isEmpty();
    }
}
