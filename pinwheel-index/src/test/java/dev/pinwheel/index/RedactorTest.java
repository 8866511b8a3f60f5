package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void passwordsInUrlsAreMaskedLikePip() {
        assertThat(Redactor.url("https://user:s3cret@pypi.example.com/simple")).isEqualTo("https://user:****@pypi.example.com/simple");
        assertThat(Redactor.url("https://TOKEN@pypi.example.com/simple")).isEqualTo("https://****@pypi.example.com/simple");
        assertThat(Redactor.url("https://pypi.org/simple")).isEqualTo("https://pypi.org/simple");
    }

    @Test
    void everyUrlInATextIsMasked() {
        String text = "--index-url https://a:b@one.example/simple --extra-index-url=http://tok@two.example/x user@mail.example";
        assertThat(Redactor.urlsOnly().redact(text))
                .isEqualTo("--index-url https://a:****@one.example/simple --extra-index-url=http://****@two.example/x user@mail.example");
    }

    @Test
    void knownSecretsAreMaskedAnywhere() {
        Redactor r = Redactor.of(Set.of("hunter2", "", "hunter2-long"));
        assertThat(r.redact("auth failed for hunter2-long and hunter2")).isEqualTo("auth failed for **** and ****");
    }

    @Test
    void shortSecretsAreMaskedAsWholeWordsOnlySoOtherTextSurvives() {
        Redactor r = Redactor.of(Set.of("p", "s3cr"));
        assertThat(r.redact("cannot reach https://u:p@host/simple/pip/: ConnectException (password p, s3cr, s3cret)"))
                .isEqualTo("cannot reach https://u:****@host/simple/pip/: ConnectException (password ****, ****, s3cret)");
        assertThat(r.redact("p")).isEqualTo("****");
        assertThat(r.redact("p-p")).isEqualTo("****-****");
        assertThat(Redactor.of(Set.of("--")).redact("a --- b")).isEqualTo("a ****- b");
    }

    @Test
    void passwordsContainingAtSignsDoNotLeakTheirTail() {
        // an unencoded '@' in a password: everything up to the last '@' before the host is user info
        assertThat(Redactor.url("https://user:p%40ss@host/simple")).isEqualTo("https://user:****@host/simple");
        assertThat(Redactor.url("https://user:p@ss@host/simple")).isEqualTo("https://user:****@host/simple");
    }
}
