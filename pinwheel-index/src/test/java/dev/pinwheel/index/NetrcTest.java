package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NetrcTest {

    @Test
    void machinesDefaultsMacrosAndQuotesAreRead() {
        Netrc netrc = Netrc.parse("""
                # my credentials
                machine pypi.example.com login alice password "s3 cret"
                macdef init
                cd /pub
                bin

                machine other.example.com
                    login bob
                    password hunter2
                default login anon password guest
                """);
        assertThat(netrc.lookup("PYPI.example.com")).contains(new Netrc.Login("alice", "s3 cret"));
        assertThat(netrc.lookup("other.example.com")).contains(new Netrc.Login("bob", "hunter2"));
        assertThat(netrc.lookup("elsewhere.example.com")).contains(new Netrc.Login("anon", "guest"));
        assertThat(netrc.passwords()).contains("s3 cret", "hunter2", "guest");
    }

    @Test
    void urlCredentialsWinOverNetrcAndApplyToTheirHost() {
        Credentials c = new Credentials(Netrc.parse("machine idx.example login n password fromnetrc"));
        c.learn("https://user:p%40ss@idx.example/simple");
        assertThat(c.authorization(URI.create("https://idx.example/files/x.whl")))
                .contains("Basic " + Base64.getEncoder().encodeToString("user:p@ss".getBytes(StandardCharsets.UTF_8)));
        assertThat(c.authorization(URI.create("https://pypi.org/simple/six/"))).isEmpty();
        assertThat(c.secrets()).contains("p@ss", "fromnetrc");
    }

    @Test
    void netrcIsUsedWhenTheUrlHasNoCredentials() {
        Credentials c = new Credentials(Netrc.parse("machine idx.example login n password fromnetrc"));
        c.learn("https://idx.example/simple");
        assertThat(c.authorization(URI.create("https://idx.example/simple/foo/")))
                .contains("Basic " + Base64.getEncoder().encodeToString("n:fromnetrc".getBytes(StandardCharsets.UTF_8)));
    }
}
