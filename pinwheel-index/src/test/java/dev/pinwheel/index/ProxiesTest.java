package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxiesTest {

    @Test
    void eachSchemeHasItsVariableLowerCaseFirstAndAllProxyAsTheFallback() {
        Proxies p = Proxies.fromEnvironment(Map.of("https_proxy", "http://lower:3128", "HTTPS_PROXY", "http://upper:3128",
                "ALL_PROXY", "proxy.corp:8080"));
        assertThat(p.forTarget(true, "pypi.org", 443)).hasValueSatisfying(x -> assertThat(x.toString()).isEqualTo("lower:3128"));
        assertThat(p.forTarget(false, "pypi.org", 80)).hasValueSatisfying(x -> assertThat(x.toString()).isEqualTo("proxy.corp:8080"));
        assertThat(Proxies.fromEnvironment(Map.of()).forTarget(true, "pypi.org", 443)).isEmpty();
        assertThat(Proxies.NONE.forTarget(false, "pypi.org", 80)).isEmpty();
    }

    @Test
    void noProxyNamesHostsAndTheirSubdomainsWithAnOptionalPortAndLoopbackIsAlwaysDirect() {
        Proxies p = Proxies.fromEnvironment(Map.of("https_proxy", "http://proxy:3128",
                "no_proxy", "internal.corp, .example.org,mirror.local:8443"));
        assertThat(p.forTarget(true, "pypi.internal.corp", 443)).isEmpty();
        assertThat(p.forTarget(true, "internal.corp", 443)).isEmpty();
        assertThat(p.forTarget(true, "notinternal.corp", 443)).isPresent();
        assertThat(p.forTarget(true, "files.example.org", 443)).isEmpty();
        assertThat(p.forTarget(true, "mirror.local", 8443)).isEmpty();
        assertThat(p.forTarget(true, "mirror.local", 443)).isPresent();
        assertThat(p.forTarget(true, "127.0.0.1", 443)).isEmpty();
        assertThat(p.forTarget(true, "localhost", 443)).isEmpty();
        assertThat(Proxies.fromEnvironment(Map.of("https_proxy", "proxy:3128", "NO_PROXY", "*"))
                .forTarget(true, "pypi.org", 443)).isEmpty();
    }

    @Test
    void credentialsBecomeAProxyAuthorizationAndAreNeverShown() {
        Proxies p = Proxies.fromEnvironment(Map.of("http_proxy", "http://alice:s%40cret@proxy:3128"));
        Proxies.Proxy proxy = p.forTarget(false, "pypi.org", 80).orElseThrow();
        assertThat(proxy.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("alice:s@cret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(proxy.toString()).isEqualTo("proxy:3128");
        assertThat(p.toString()).doesNotContain("cret");
    }

    @Test
    void pipsProxySettingServesBothSchemesAndKeepsNoProxy() {
        Proxies p = Proxies.fromEnvironment(Map.of("no_proxy", "internal.corp")).withProxy("http://pip-proxy:8080");
        assertThat(p.forTarget(true, "pypi.org", 443)).hasValueSatisfying(x -> assertThat(x.port()).isEqualTo(8080));
        assertThat(p.forTarget(false, "pypi.org", 80)).isPresent();
        assertThat(p.forTarget(true, "a.internal.corp", 443)).isEmpty();
    }

    @Test
    void onlyPlainHttpProxiesAreAccepted() {
        assertThatThrownBy(() -> Proxies.fromEnvironment(Map.of("https_proxy", "socks5://u:pw@proxy:1080")))
                .isInstanceOf(IndexException.class)
                .hasMessage("https_proxy: socks5://u:****@proxy:1080 is not an http:// proxy");
    }
}
