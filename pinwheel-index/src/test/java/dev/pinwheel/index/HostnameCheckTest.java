package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostnameCheckTest {

    @Test
    void namesMatchWhole_caseAndTrailingDotAside() {
        assertThat(HostnameCheck.matches("pypi.org", "pypi.org")).isTrue();
        assertThat(HostnameCheck.matches("pypi.org", "PyPI.org.")).isTrue();
        assertThat(HostnameCheck.matches("pypi.org", "test.pypi.org")).isFalse();
        assertThat(HostnameCheck.matches("test.pypi.org", "pypi.org")).isFalse();
        assertThat(HostnameCheck.matches("pypi.org", "pypi.org.evil.example")).isFalse();
    }

    @Test
    void aWildcardIsOneWholeLeftmostLabelOfANameWithAtLeastThreeLabels() {
        assertThat(HostnameCheck.matches("files.pythonhosted.org", "*.pythonhosted.org")).isTrue();
        assertThat(HostnameCheck.matches("pythonhosted.org", "*.pythonhosted.org")).isFalse();
        assertThat(HostnameCheck.matches("a.b.pythonhosted.org", "*.pythonhosted.org")).isFalse();
        assertThat(HostnameCheck.matches("example.com", "*.com")).isFalse();
        assertThat(HostnameCheck.matches("foo.example.com", "f*.example.com")).isFalse();
        assertThat(HostnameCheck.matches("foo.example.com", "*")).isFalse();
        assertThat(HostnameCheck.matches("foo.bar.example.com", "*.*.example.com")).isFalse();
        assertThat(HostnameCheck.matches("foo.example.com", "foo.*.com")).isFalse();
    }

    @Test
    void internationalNamesAreComparedInTheirAsciiForm() {
        assertThat(HostnameCheck.matches("xn--bcher-kva.example", "bücher.example")).isTrue();
        assertThat(HostnameCheck.matches("shop.xn--bcher-kva.example", "*.bücher.example")).isTrue();
    }

    @Test
    void dnsNamesDecideWhenThereAreAnyAndTheCommonNameOnlyWhenThereAreNone() throws Exception {
        assertThatCode(() -> HostnameCheck.verify("files.pythonhosted.org", List.of("pypi.org", "*.pythonhosted.org"),
                List.of(), () -> Optional.of("unused"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> HostnameCheck.verify("index.corp", List.of("other.corp"), List.of(),
                () -> Optional.of("index.corp")))
                .isInstanceOf(HostnameCheck.Mismatch.class)
                .hasMessage("No subject alternative DNS name matching index.corp found");
        assertThatCode(() -> HostnameCheck.verify("index.corp", List.of(), List.of(), () -> Optional.of("index.corp")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> HostnameCheck.verify("index.corp", List.of(), List.of(), Optional::empty))
                .isInstanceOf(HostnameCheck.Mismatch.class).hasMessageContaining("names no host");
    }

    @Test
    void addressesMatchOnlyIpAlternativeNames() throws Exception {
        byte[] loopback = {127, 0, 0, 1};
        assertThatCode(() -> HostnameCheck.verify("127.0.0.1", List.of(), List.of(loopback), Optional::empty))
                .doesNotThrowAnyException();
        // a DNS name or common name spelling the address does not count
        assertThatThrownBy(() -> HostnameCheck.verify("127.0.0.1", List.of("127.0.0.1"), List.of(),
                () -> Optional.of("127.0.0.1")))
                .isInstanceOf(HostnameCheck.Mismatch.class)
                .hasMessage("No subject alternative names matching IP address 127.0.0.1 found");
        byte[] v6 = HostnameCheck.literal("::1").orElseThrow();
        assertThatCode(() -> HostnameCheck.verify("[0:0:0:0:0:0:0:1]", List.of(), List.of(v6), Optional::empty))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyLiteralsAreAddressesAndNothingIsLookedUp() {
        assertThat(HostnameCheck.literal("10.1.2.3")).hasValueSatisfying(b -> assertThat(b).containsExactly(10, 1, 2, 3));
        assertThat(HostnameCheck.literal("999.1.2.3")).isEmpty();
        assertThat(HostnameCheck.literal("pypi.org")).isEmpty();
        assertThat(HostnameCheck.literal("1.2.3")).isEmpty();
        assertThat(HostnameCheck.literal("fe80::zz")).isEmpty();
    }
}
