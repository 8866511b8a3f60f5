package dev.pinwheel.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class TestIndexTest {

    private static HttpURLConnection get(URI uri, Map<String, String> headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        headers.forEach(c::setRequestProperty);
        return c;
    }

    private static String body(HttpURLConnection c) throws IOException {
        return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void pagesAreNegotiatedRedirectedAndRevalidated() throws IOException {
        try (TestIndex index = TestIndex.start()) {
            Dist wheel = WheelBuilder.of("Foo_Bar", "1.0").build();
            index.add(wheel, TestIndex.FileOptions.DEFAULT.yanked("bad").requiresPython(">=3.8"));

            HttpURLConnection json = get(index.projectUrl("foo-bar"), Map.of("Accept", "application/vnd.pypi.simple.v1+json, text/html;q=0.1"));
            assertThat(json.getContentType()).isEqualTo("application/vnd.pypi.simple.v1+json");
            assertThat(body(json)).contains("\"yanked\":\"bad\"", "\"requires-python\":\">=3.8\"", "\"versions\":[\"1.0\"]",
                    "\"sha256\":\"" + wheel.sha256() + "\"");

            HttpURLConnection html = get(index.projectUrl("foo-bar"), Map.of("Accept", "text/html"));
            String page = body(html);
            assertThat(page).contains("data-requires-python=\"&gt;=3.8\"", "data-yanked=\"bad\"",
                    "href=\"../../files/foo_bar-1.0-py3-none-any.whl#sha256=" + wheel.sha256() + "\"");
            String etag = html.getHeaderField("ETag");

            HttpURLConnection again = get(index.projectUrl("foo-bar"), Map.of("Accept", "text/html", "If-None-Match", etag));
            assertThat(again.getResponseCode()).isEqualTo(304);

            HttpURLConnection redirect = get(index.url().resolve("Foo.Bar/"), Map.of());
            assertThat(redirect.getResponseCode()).isEqualTo(301);
            assertThat(redirect.getHeaderField("Location")).isEqualTo("/simple/foo-bar/");

            assertThat(get(index.projectUrl("missing"), Map.of()).getResponseCode()).isEqualTo(404);
            assertThat(index.requests()).extracting(TestIndex.Request::status).containsExactly(200, 200, 304, 301, 404);
        }
    }

    @Test
    void filesHonourRangesUnlessSwitchedOff() throws IOException {
        try (TestIndex index = TestIndex.start()) {
            Dist wheel = WheelBuilder.of("foo", "1.0").consoleScript("foo", "foo:main").module("foo/__init__.py", "").build();
            index.add(wheel);
            byte[] all = wheel.content();
            HttpURLConnection suffix = get(index.fileUrl(wheel.filename()), Map.of("Range", "bytes=-10"));
            assertThat(suffix.getResponseCode()).isEqualTo(206);
            assertThat(suffix.getHeaderField("Content-Range")).isEqualTo("bytes " + (all.length - 10) + "-" + (all.length - 1) + "/" + all.length);
            assertThat(suffix.getInputStream().readAllBytes()).isEqualTo(Arrays.copyOfRange(all, all.length - 10, all.length));
            HttpURLConnection middle = get(index.fileUrl(wheel.filename()), Map.of("Range", "bytes=5-9"));
            assertThat(middle.getInputStream().readAllBytes()).isEqualTo(Arrays.copyOfRange(all, 5, 10));

            index.rangeRequests(false);
            HttpURLConnection whole = get(index.fileUrl(wheel.filename()), Map.of("Range", "bytes=-10"));
            assertThat(whole.getResponseCode()).isEqualTo(200);
            assertThat(whole.getInputStream().readAllBytes()).isEqualTo(all);

            assertThat(body(get(URI.create(index.fileUrl(wheel.filename()) + ".metadata"), Map.of()))).isEqualTo(wheel.metadata());
            index.metadataFiles(false);
            assertThat(get(URI.create(index.fileUrl(wheel.filename()) + ".metadata"), Map.of()).getResponseCode()).isEqualTo(404);
        }
    }

    @Test
    void failuresAreInjected() throws IOException {
        try (TestIndex index = TestIndex.start()) {
            index.add(SdistBuilder.of("foo", "1.0").build()).failNext(2, 503);
            assertThat(get(index.projectUrl("foo"), Map.of()).getResponseCode()).isEqualTo(503);
            assertThat(get(index.projectUrl("foo"), Map.of()).getResponseCode()).isEqualTo(503);
            assertThat(get(index.projectUrl("foo"), Map.of()).getResponseCode()).isEqualTo(200);
        }
    }

    @Test
    void wheelsCarryMetadataWheelRecordAndEntryPoints() throws IOException {
        Dist wheel = WheelBuilder.of("My.Pkg", "2.0").requiresDist("six").consoleScript("my-pkg", "my_pkg.cli:main")
                .module("my_pkg/__init__.py", "").build();
        assertThat(wheel.filename()).isEqualTo("my_pkg-2.0-py3-none-any.whl");
        Map<String, String> entries = new java.util.TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(wheel.content()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsKeys("my_pkg/__init__.py", "my_pkg-2.0.dist-info/METADATA", "my_pkg-2.0.dist-info/WHEEL",
                "my_pkg-2.0.dist-info/RECORD", "my_pkg-2.0.dist-info/entry_points.txt");
        assertThat(entries.get("my_pkg-2.0.dist-info/METADATA")).contains("Name: My.Pkg", "Version: 2.0", "Requires-Dist: six");
        assertThat(entries.get("my_pkg-2.0.dist-info/entry_points.txt")).isEqualTo("[console_scripts]\nmy-pkg = my_pkg.cli:main\n");
        assertThat(entries.get("my_pkg-2.0.dist-info/RECORD")).contains("my_pkg/__init__.py,sha256=", "my_pkg-2.0.dist-info/RECORD,,");
    }
}
