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
    void noProxyNamesAddressesAndNetworksThatHostsGivenAsAddressesAreMatchedAgainst() {
        Proxies p = Proxies.fromEnvironment(Map.of("https_proxy", "http://proxy:3128",
                "no_proxy", "10.0.0.0/8,192.168.1.7, fd00::/8, 172.16.0.0/33, 1.2.3.4/x, 300.1.1.1/8"));
        assertThat(p.forTarget(true, "10.200.3.4", 443)).isEmpty();
        assertThat(p.forTarget(true, "11.0.0.1", 443)).isPresent();
        assertThat(p.forTarget(true, "192.168.1.7", 443)).isEmpty();
        assertThat(p.forTarget(true, "192.168.1.8", 443)).isPresent();
        assertThat(p.forTarget(true, "[fd12::1]", 443)).isEmpty();
        assertThat(p.forTarget(true, "fd12::1", 443)).isEmpty();
        assertThat(p.forTarget(true, "[fe80::1]", 443)).isPresent();
        // invalid networks are ignored; names are never matched against networks
        assertThat(p.forTarget(true, "172.16.0.1", 443)).isPresent();
        assertThat(p.forTarget(true, "1.2.3.4", 443)).isPresent();
        assertThat(p.forTarget(true, "ten.internal", 443)).isPresent();
        assertThat(Proxies.fromEnvironment(Map.of("https_proxy", "proxy:3128", "no_proxy", "0.0.0.0/0"))
                .forTarget(true, "203.0.113.9", 443)).isEmpty();
        assertThat(Proxies.fromEnvironment(Map.of("https_proxy", "proxy:3128", "no_proxy", "203.0.113.0/25"))
                .forTarget(true, "203.0.113.200", 443)).isPresent();
    }

    @Test
    void literalAddressesAreParsedAndNamesAreNot() {
        assertThat(Proxies.literalAddress("10.1.2.3")).containsExactly(10, 1, 2, 3);
        assertThat(Proxies.literalAddress("[::1]")).hasSize(16);
        assertThat(Proxies.literalAddress("256.1.1.1")).isNull();
        assertThat(Proxies.literalAddress("1.2.3")).isNull();
        assertThat(Proxies.literalAddress("pypi.org")).isNull();
        assertThat(Proxies.literalAddress("dead:beef:zz::1")).isNull();
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
