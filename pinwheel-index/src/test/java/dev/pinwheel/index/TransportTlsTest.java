package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class TransportTlsTest {

    @Test
    void chacha20IsAskedForFirstAndNothingIsDisabled() throws Exception {
        String[] defaults = SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        String[] ordered = Http1Client.preferring(Transport.CHACHA20, defaults);
        assertThat(ordered[0]).isEqualTo(Transport.CHACHA20);
        assertThat(ordered).containsExactlyInAnyOrder(defaults);
        List<String> others = List.of(defaults).stream().filter(s -> !s.equals(Transport.CHACHA20)).toList();
        assertThat(List.of(ordered).subList(1, ordered.length)).as("the others keep the JDK's order").isEqualTo(others);
    }

    @Test
    void aSuiteThatIsNotEnabledChangesNothing() {
        String[] suites = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"};
        assertThat(Http1Client.preferring(Transport.CHACHA20, suites)).containsExactly(suites);
    }
}
