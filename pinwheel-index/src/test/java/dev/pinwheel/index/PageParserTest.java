package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageParserTest {

    private static final URI PAGE = URI.create("https://example.org/simple/foo/");

    @Test
    void htmlAnchorsWithOddAttributesAndEntitiesAreRead() {
        String html = """
                <!DOCTYPE html>
                <HTML><HEAD><META NAME="pypi:repository-version" CONTENT="1.0"><title>x</title></HEAD>
                <body>
                <!-- <a href="commented-1.0.tar.gz">no</a> -->
                <A HREF='../../packages/foo-1.0-py3-none-any.whl#sha256=ABCDEF' data-requires-python="&gt;=3.8,&lt;4">foo-1.0-py3-none-any.whl</A><br/>
                <a href=/packages/foo-1.1.tar.gz#md5=0123 data-yanked>foo-1.1.tar.gz</a>
                <a data-yanked="broken &amp; bad" href="https://files.example.org/foo-1.2.zip" data-dist-info-metadata="sha256=aa">x</a>
                <a href="foo-1.3-py3-none-any.whl" data-core-metadata="true" data-dist-info-metadata="sha256=bb">x</a>
                <a href="foo%201.4.tar.gz" data-requires-python="&#62;=3.9">x</a>
                <a name="no-href">anchor without href</a>
                <script>var s = "<a href='evil-1.0.tar.gz'>";</script>
                </body></HTML>
                """;
        var files = PageParser.html(html, PAGE, "https://example.org/simple").files();
        assertThat(files).extracting(DistFile::filename)
                .containsExactly("foo-1.0-py3-none-any.whl", "foo-1.1.tar.gz", "foo-1.2.zip", "foo-1.3-py3-none-any.whl", "foo 1.4.tar.gz");
        DistFile wheel = files.get(0);
        assertThat(wheel.url()).hasToString("https://example.org/packages/foo-1.0-py3-none-any.whl");
        assertThat(wheel.hashes()).isEqualTo(Map.of("sha256", "abcdef"));
        assertThat(wheel.requiresPython()).contains(">=3.8,<4");
        assertThat(wheel.isYanked()).isFalse();
        assertThat(wheel.hasMetadataFile()).isFalse();
        assertThat(files.get(1).yanked()).contains("");
        assertThat(files.get(1).hashes()).isEqualTo(Map.of("md5", "0123"));
        assertThat(files.get(1).url()).hasToString("https://example.org/packages/foo-1.1.tar.gz");
        assertThat(files.get(2).yanked()).contains("broken & bad");
        assertThat(files.get(2).coreMetadata()).contains(Map.of("sha256", "aa"));
        // PEP 714: data-core-metadata wins over the old attribute
        assertThat(files.get(3).coreMetadata()).contains(Map.of());
        assertThat(files.get(4).requiresPython()).contains(">=3.9");
    }

    @Test
    void baseHrefChangesWhereRelativeLinksPoint() {
        String html = "<html><head><base href=\"https://mirror.example.com/files/\"></head>"
                + "<body><a href=\"foo-1.0.tar.gz\">foo-1.0.tar.gz</a></body></html>";
        assertThat(PageParser.html(html, PAGE, "x").files().get(0).url())
                .hasToString("https://mirror.example.com/files/foo-1.0.tar.gz");
    }

    @Test
    void credentialsInFileLinksAreStripped() {
        String html = "<a href=\"https://user:secret@files.example.org/foo-1.0.tar.gz#sha256=ab\">x</a>";
        assertThat(PageParser.html(html, PAGE, "x").files().get(0).url())
                .hasToString("https://files.example.org/foo-1.0.tar.gz");
    }

    @Test
    void unknownEntitiesStayAsWritten() {
        assertThat(HtmlAnchors.decode("a &unknown; b &amp c &#x3e; &#0; &")).isEqualTo("a &unknown; b &amp c > &#0; &");
    }

    @Test
    void htmlWithAnUnsupportedMajorApiVersionIsRefused() {
        String html = "<meta name=\"pypi:repository-version\" content=\"2.0\"><a href=\"foo-1.0.tar.gz\">x</a>";
        assertThatThrownBy(() -> PageParser.html(html, PAGE, "https://example.org/simple"))
                .isInstanceOf(IndexException.class).hasMessageContaining("unsupported simple API version 2.0");
    }

    @Test
    void jsonPageWithEveryFieldIsRead() {
        String json = """
                {"meta": {"api-version": "1.1", "_last-serial": 42, "future": {"x": [1, 2]}},
                 "name": "foo",
                 "files": [
                   {"filename": "foo-1.0-py3-none-any.whl", "url": "https://files.example.org/foo-1.0-py3-none-any.whl",
                    "hashes": {"sha256": "AA", "blake2b": "zz"}, "requires-python": ">=3.8", "yanked": false,
                    "size": 1234, "upload-time": "2024-01-02T03:04:05.123456Z", "core-metadata": {"sha256": "bb"},
                    "dist-info-metadata": {"sha256": "cc"}, "gpg-sig": false, "provenance": null},
                   {"filename": "foo-1.1.tar.gz", "url": "../../files/foo-1.1.tar.gz", "hashes": {},
                    "requires-python": null, "yanked": "security issue", "dist-info-metadata": true},
                   {"filename": "foo-1.2.tar.gz", "url": "foo-1.2.tar.gz#sha256=dd", "hashes": {}, "yanked": true}
                 ],
                 "versions": ["1.0", "1.1", "1.2"]}
                """;
        var parsed = PageParser.parse(PageParser.JSON_TYPE, json.getBytes(StandardCharsets.UTF_8), PAGE, "src");
        assertThat(parsed.versions()).containsExactly("1.0", "1.1", "1.2");
        DistFile wheel = parsed.files().get(0);
        assertThat(wheel.hashes()).isEqualTo(Map.of("sha256", "aa"));
        assertThat(wheel.size()).hasValue(1234);
        assertThat(wheel.uploadTime()).contains(Instant.parse("2024-01-02T03:04:05.123456Z"));
        assertThat(wheel.coreMetadata()).contains(Map.of("sha256", "bb"));
        assertThat(wheel.requiresPython()).contains(">=3.8");
        DistFile sdist = parsed.files().get(1);
        assertThat(sdist.url()).hasToString("https://example.org/files/foo-1.1.tar.gz");
        assertThat(sdist.yanked()).contains("security issue");
        assertThat(sdist.requiresPython()).isEmpty();
        assertThat(sdist.coreMetadata()).contains(Map.of());
        DistFile third = parsed.files().get(2);
        assertThat(third.yanked()).contains("");
        assertThat(third.hashes()).isEqualTo(Map.of("sha256", "dd"));
        assertThat(third.url()).hasToString("https://example.org/simple/foo/foo-1.2.tar.gz");
        assertThat(third.hasMetadataFile()).isFalse();
    }

    @Test
    void malformedJsonIsAnEnvironmentError() {
        assertThatThrownBy(() -> PageParser.parse(PageParser.JSON_TYPE, "{\"files\": [".getBytes(StandardCharsets.UTF_8), PAGE, "https://x/simple"))
                .isInstanceOf(IndexException.class).hasMessageContaining("malformed JSON page from https://x/simple");
    }

    @Test
    void contentTypeDecidesTheParser() {
        var html = PageParser.parse("text/html; charset=utf-8", "<a href=\"foo-1.0.tar.gz\">x</a>".getBytes(StandardCharsets.UTF_8), PAGE, "s");
        assertThat(html.files()).hasSize(1);
        assertThatThrownBy(() -> PageParser.parse("application/vnd.pypi.simple.v2+json", "{}".getBytes(StandardCharsets.UTF_8), PAGE, "s"))
                .isInstanceOf(IndexException.class).hasMessageContaining("unsupported simple API version");
    }

    @Test
    void uploadTimesAreReadInEveryPep700Form() {
        assertThat(PageParser.instant("2024-01-02T03:04:05Z")).contains(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(PageParser.instant("2024-01-02T03:04:05.5Z")).contains(Instant.parse("2024-01-02T03:04:05.500Z"));
        assertThat(PageParser.instant("2024-02-29T23:59:59.123456789Z")).contains(Instant.parse("2024-02-29T23:59:59.123456789Z"));
        assertThat(PageParser.instant("2024-01-02T03:04:05+01:00")).contains(Instant.parse("2024-01-02T02:04:05Z"));
        assertThat(PageParser.instant("2023-02-29T00:00:00Z")).isEmpty();
        assertThat(PageParser.instant("yesterday")).isEmpty();
    }

    @Test
    void onlyPlainAbsoluteUrlsAreKeptUnparsed() {
        assertThat(Urls.isPlainAbsolute("https://files.example.org/a/b-1.0.tar.gz")).isTrue();
        assertThat(Urls.isPlainAbsolute("../files/b-1.0.tar.gz")).isFalse();
        assertThat(Urls.isPlainAbsolute("https://files.example.org/b-1.0.tar.gz#sha256=ab")).isFalse();
        assertThat(Urls.isPlainAbsolute("https://u:p@files.example.org/b-1.0.tar.gz")).isFalse();
        assertThat(Urls.isPlainAbsolute("https://files.example.org/b 1.0.tar.gz")).isFalse();
    }

    @Test
    void rootPagesListProjectNamesInBothFormats() {
        String json = "{\"meta\": {\"api-version\": \"1.0\"}, \"projects\": [{\"name\": \"Django\"}, {\"name\": \"six\", \"x\": 1}]}";
        assertThat(PageParser.projectNames(PageParser.JSON_TYPE, json.getBytes(StandardCharsets.UTF_8), "s")).containsExactly("Django", "six");
        String html = "<html><body><a href=\"/simple/django/\">Django</a><a href=\"/simple/six/\">six</a></body></html>";
        assertThat(PageParser.projectNames("text/html", html.getBytes(StandardCharsets.UTF_8), "s")).containsExactly("Django", "six");
    }

    @Test
    void rootPageNamesCanBeFilteredByLengthAsTheyAreRead() {
        String json = "{\"meta\": {\"api-version\": \"1.0\"}, \"projects\": [{\"name\": \"Django\"}, {\"name\": \"six\"}, {\"name\": \"requests\"}]}";
        assertThat(PageParser.projectNames(PageParser.JSON_TYPE, json.getBytes(StandardCharsets.UTF_8), "s", 4, 8))
                .containsExactly("Django", "requests");
        String html = "<!DOCTYPE html>\n<html><head><title>Simple index</title></head><body>\n"
                + "<a href=\"/simple/django/\">Django</a>\n<A HREF=\"/simple/six/\">six</A>\n"
                + "<a\thref=\"/simple/a-b/\"> a&amp;b </a>\n<abbr>nope</abbr><a href=\"/simple/e/\"></a>\n</body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        assertThat(PageParser.projectNames("text/html", bytes, "s", 3, 6)).containsExactly("Django", "six");
        assertThat(PageParser.projectNames("text/html", bytes, "s", 1, 100)).containsExactly("Django", "six", "a&b");
        assertThat(PageParser.projectNames("text/html", bytes, "s")).containsExactly("Django", "six", "a&b");
    }
}
