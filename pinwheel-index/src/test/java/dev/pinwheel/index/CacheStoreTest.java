package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheStoreTest {

    @TempDir
    Path dir;

    @Test
    void pagesRoundTripWithTheirValidators() {
        var page = new CacheStore.Page("https://x.example/simple/foo/", "text/html", "\"abc\"", "Mon, 01 Jan 2024 00:00:00 GMT",
                1000, 600, "<a href=x>\n\nbody</a>".getBytes(StandardCharsets.UTF_8));
        var back = CacheStore.Page.deserialize(page.serialize()).orElseThrow();
        assertThat(back.url()).isEqualTo(page.url());
        assertThat(back.etag()).isEqualTo("\"abc\"");
        assertThat(back.lastModified()).isEqualTo(page.lastModified());
        assertThat(back.body()).isEqualTo(page.body());
        assertThat(back.freshAt(1000 + 599_999)).isTrue();
        assertThat(back.freshAt(1000 + 600_000)).isFalse();
    }

    @Test
    void damagedEntriesAreMisses() {
        assertThat(CacheStore.Page.deserialize("garbage".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(CacheStore.Page.deserialize("pinwheel-page-v1\nstored-at: x\n\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void cacheControlGivesTheFreshnessLifetime() {
        assertThat(CacheStore.maxAge("max-age=600, public")).isEqualTo(600);
        assertThat(CacheStore.maxAge("public, MAX-AGE=\"30\"")).isEqualTo(30);
        assertThat(CacheStore.maxAge("max-age=600, no-cache")).isEqualTo(-1);
        assertThat(CacheStore.maxAge("no-store")).isEqualTo(-1);
        assertThat(CacheStore.maxAge(null)).isEqualTo(CacheStore.HEURISTIC_MAX_AGE);
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws Exception {
        CacheStore store = new CacheStore(dir);
        Path target = store.pagePath("https://pypi.org/simple/six/");
        assertThat(target.toString()).contains("simple-v1").endsWith("six.page");
        store.write(target, "one".getBytes(StandardCharsets.UTF_8));
        store.write(target, "two".getBytes(StandardCharsets.UTF_8));
        assertThat(store.read(target)).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("two"));
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }
}
