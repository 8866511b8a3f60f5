package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** How {@link IndexClient#readBody} reads a page's body, with and without a declared length. */
class PageBodyTest {

    private static final byte[] PAGE = "{\"files\": [], \"meta\": {\"api-version\": \"1.1\"}}".repeat(3000)
            .getBytes(StandardCharsets.UTF_8);

    private static ResponseHeaders headers(Map<String, List<String>> values) {
        ResponseHeaders.Builder b = new ResponseHeaders.Builder();
        values.forEach((name, list) -> list.forEach(v -> b.add(name, v)));
        return b.build();
    }

    @Test
    void aBodyOfItsDeclaredLengthIsReadWhole() throws IOException {
        byte[] body = IndexClient.readBody(headers(Map.of("Content-Length", List.of(String.valueOf(PAGE.length)))),
                new ByteArrayInputStream(PAGE));
        assertThat(body).isEqualTo(PAGE);
    }

    @Test
    void aBodyShorterThanDeclaredIsAnErrorSoTheRequestIsRetried() {
        assertThatThrownBy(() -> IndexClient.readBody(
                headers(Map.of("Content-Length", List.of(String.valueOf(PAGE.length + 10)))), new ByteArrayInputStream(PAGE)))
                .isInstanceOf(IOException.class)
                .hasMessage("the body ended after " + PAGE.length + " of its " + (PAGE.length + 10) + " bytes");
    }

    @Test
    void aBodyLongerThanDeclaredIsKeptWhole() throws IOException {
        byte[] body = IndexClient.readBody(headers(Map.of("Content-Length", List.of("100"))), new ByteArrayInputStream(PAGE));
        assertThat(body).isEqualTo(PAGE);
    }

    @Test
    void withoutALengthOrCompressedTheBodyIsReadToItsEnd() throws IOException {
        assertThat(IndexClient.readBody(headers(Map.of()), new ByteArrayInputStream(PAGE))).isEqualTo(PAGE);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(PAGE);
        }
        byte[] body = IndexClient.readBody(headers(Map.of("Content-Encoding", List.of("gzip"),
                "Content-Length", List.of(String.valueOf(zipped.size())))), new ByteArrayInputStream(zipped.toByteArray()));
        assertThat(body).isEqualTo(PAGE);
    }

    @Test
    void anImplausibleDeclaredLengthIsNotAllocatedUpFront() throws IOException {
        byte[] body = IndexClient.readBody(headers(Map.of("Content-Length", List.of(String.valueOf(1L << 40)))),
                new ByteArrayInputStream(PAGE));
        assertThat(body).isEqualTo(PAGE);
    }
}
