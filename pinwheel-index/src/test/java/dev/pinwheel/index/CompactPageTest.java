package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CompactPageTest {

    private static DistFile file(String name, Map<String, String> hashes, String requiresPython, String yanked,
                                 Instant uploaded, long size, Map<String, String> core) {
        return new DistFile(name, URI.create("https://files.example/p/ab/" + name), hashes, Optional.ofNullable(requiresPython),
                Optional.ofNullable(yanked), Optional.ofNullable(uploaded), size < 0 ? OptionalLong.empty() : OptionalLong.of(size),
                Optional.ofNullable(core), "https://idx.example/simple");
    }

    private final List<DistFile> files = List.of(
            file("foo-1.0-py3-none-any.whl", Map.of("sha256", "aa".repeat(32)), ">=3.8", null,
                    Instant.parse("2024-01-02T03:04:05.123456Z"), 1234, Map.of("sha256", "bb".repeat(32))),
            file("foo-1.0.tar.gz", Map.of("sha256", "cc".repeat(32), "md5", "dd".repeat(16)), ">=3.8", "", null, 0, Map.of()),
            file("foo-0.9-py2.py3-none-any.whl", Map.of(), null, "broken build", Instant.parse("1999-12-31T23:59:59Z"), -1, null),
            file("foo-0.8-py3-none-any.whl", Map.of(), "<4,>=3.7", null, null, -1, null),
            file("foo-0.7-py3-none-any.whl", Map.of(), ">=3.8", null, null, -1, null),
            file("foo-0.6-pÿ3-none-any.whl", Map.of(), "<4,>=3.7", null, null, 7, null));

    private CompactPage page() {
        return new CompactPage("https://idx.example/simple/foo/", "\"abc\"", "Tue, 01 Jan 2026 00:00:00 GMT", 1_000, 600,
                "ee".repeat(32),
                new PageParser.Parsed(files, List.of("0.6", "1.0")));
    }

    @Test
    void everyFieldOfEveryFileSurvivesTheRoundTrip() {
        CompactPage back = CompactPage.decode(page().encode(), "shown").orElseThrow();
        assertThat(back.url()).isEqualTo("https://idx.example/simple/foo/");
        assertThat(back.etag()).isEqualTo("\"abc\"");
        assertThat(back.lastModified()).isEqualTo("Tue, 01 Jan 2026 00:00:00 GMT");
        assertThat(back.bodyDigest()).isEqualTo("ee".repeat(32));
        assertThat(back.parsed().versions()).containsExactly("0.6", "1.0");
        assertThat(back.parsed().files()).hasSize(files.size());
        for (int i = 0; i < files.size(); i++) {
            DistFile want = files.get(i);
            DistFile got = back.parsed().files().get(i);
            assertThat(got.filename()).isEqualTo(want.filename());
            assertThat(got.urlString()).isEqualTo(want.urlString());
            assertThat(got.url()).isEqualTo(want.url());
            assertThat(got.hashes()).isEqualTo(want.hashes());
            assertThat(got.requiresPython()).isEqualTo(want.requiresPython());
            assertThat(got.yanked()).isEqualTo(want.yanked());
            assertThat(got.uploadTime()).isEqualTo(want.uploadTime());
            assertThat(got.size()).isEqualTo(want.size());
            assertThat(got.coreMetadata()).isEqualTo(want.coreMetadata());
            assertThat(got.source()).isEqualTo("shown");
        }
    }

    @Test
    void anEntryEncodedIntoABufferSizedFromTheBodyIsTheSameEntryWhetherTheHintWasTooSmallOrTooLarge() {
        byte[] exact = page().encode();
        for (int hint : new int[] {0, 1, exact.length / 2, exact.length, 10 * exact.length}) {
            CompactPage.Encoded encoded = page().encode(hint);
            assertThat(Arrays.copyOf(encoded.buffer(), encoded.length())).as("hint %d", hint).isEqualTo(exact);
            assertThat(encoded.buffer().length).as("hint %d", hint).isGreaterThanOrEqualTo(hint);
        }
    }

    @Test
    void theCacheWritesOnlyTheEncodedPartOfTheBuffer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        CacheStore cache = new CacheStore(dir);
        CompactPage.Encoded encoded = page().encode(1 << 20);
        java.nio.file.Path entry = dir.resolve("simple-parsed-v1/foo.page.bin");
        cache.write(entry, encoded.buffer(), encoded.length());
        assertThat(java.nio.file.Files.readAllBytes(entry)).isEqualTo(page().encode());
        assertThat(CompactPage.decode(java.nio.file.Files.readAllBytes(entry), "s")).isPresent();
    }

    @Test
    void itStaysFreshExactlyAsLongAsThePage() {
        CompactPage back = CompactPage.decode(page().encode(), "s").orElseThrow();
        assertThat(back.freshAt(1_000 + 599_999)).isTrue();
        assertThat(back.freshAt(1_000 + 600_000)).isFalse();
        CompactPage mustRevalidate = new CompactPage("u", null, null, 5, -1, "x", new PageParser.Parsed(List.of(), List.of()));
        CompactPage decoded = CompactPage.decode(mustRevalidate.encode(), "s").orElseThrow();
        assertThat(decoded.freshAt(5)).isFalse();
        assertThat(decoded.etag()).isNull();
        assertThat(decoded.lastModified()).isNull();
    }

    @Test
    void aRevalidatedEntryKeepsItsPageAndTakesTheNewFreshnessAndValidators() {
        CompactPage old = page();
        CompactPage renewed = old.revalidated(9_000, 60, null, "Wed, 02 Jan 2026 00:00:00 GMT");
        assertThat(renewed.parsed()).isSameAs(old.parsed());
        assertThat(renewed.url()).isEqualTo(old.url());
        assertThat(renewed.etag()).isEqualTo("\"abc\""); // a 304 without an ETag keeps the old one
        assertThat(renewed.lastModified()).isEqualTo("Wed, 02 Jan 2026 00:00:00 GMT");
        assertThat(renewed.freshAt(9_000 + 59_999)).isTrue();
        assertThat(renewed.freshAt(9_000 + 60_000)).isFalse();
        assertThat(renewed.bodyDigest()).isEqualTo(old.bodyDigest());
    }

    @Test
    void everyTruncationIsAMissNotACrash() {
        byte[] whole = page().encode();
        for (int n = 0; n < whole.length; n++) {
            assertThat(CompactPage.decode(Arrays.copyOf(whole, n), "s")).as("first %d bytes", n).isEmpty();
        }
    }

    @Test
    void damagedOrForeignEntriesAreMisses() {
        byte[] whole = page().encode();
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThat(CompactPage.decode(longer, "s")).isEmpty();
        assertThat(CompactPage.decode("pinwheel-page-v1\n\n{}".getBytes(StandardCharsets.UTF_8), "s")).isEmpty();
        byte[] scrambled = whole.clone();
        for (int i = 40; i < scrambled.length; i += 7) {
            scrambled[i] = (byte) 0xFF;
        }
        assertThat(CompactPage.decode(scrambled, "s")).isEmpty();
    }

    @Test
    void theDigestTellsBodiesApart() {
        byte[] a = "{\"files\": []}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"files\": [] }".getBytes(StandardCharsets.UTF_8);
        assertThat(CompactPage.digest(a)).isEqualTo(CompactPage.digest(a.clone())).isNotEqualTo(CompactPage.digest(b));
    }
}
