package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class TransportTlsTest {

    @Test
    void chacha20IsAskedForFirstAndNothingIsDisabled() throws Exception {
        List<String> defaults = List.of(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
        SSLParameters p = Transport.chachaFirst(null);
        assertThat(p.getCipherSuites()[0]).isEqualTo(Transport.CHACHA20);
        assertThat(p.getCipherSuites()).containsExactlyInAnyOrderElementsOf(defaults);
    }
}
