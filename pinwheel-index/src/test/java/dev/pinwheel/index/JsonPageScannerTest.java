package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reading of PEP 691 pages must give exactly what jackson-core's reading gives:
 * the same files (every field, lazily read or not), the same versions, or the same error.
 */
class JsonPageScannerTest {

    private static final URI PAGE = URI.create("https://example.org/simple/foo/");

    private static final String PYPI_PAGE = """
            {"alternate-locations":[],"files":[\
            {"core-metadata":{"sha256":"6e45d2e5ad4e1a0c3bc2ed1ff6b1b9e0c0b4a4a1f47d2c3e8b1a2c4d5e6f7a8b"},\
            "data-dist-info-metadata":{"sha256":"6e45d2e5ad4e1a0c3bc2ed1ff6b1b9e0c0b4a4a1f47d2c3e8b1a2c4d5e6f7a8b"},\
            "dist-info-metadata":{"sha256":"6e45d2e5ad4e1a0c3bc2ed1ff6b1b9e0c0b4a4a1f47d2c3e8b1a2c4d5e6f7a8b"},\
            "filename":"foo-2.0-py3-none-any.whl","hashes":{"sha256":"0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9"},\
            "provenance":null,"requires-python":">=3.8","size":51234,"upload-time":"2024-03-01T12:30:45.123456Z",\
            "url":"https://files.pythonhosted.org/packages/ab/cd/foo-2.0-py3-none-any.whl","yanked":false},\
            {"core-metadata":false,"data-dist-info-metadata":false,"dist-info-metadata":false,\
            "filename":"foo-2.0.tar.gz","hashes":{"md5":"ffee","sha256":"aa"},"provenance":\
            "https://pypi.org/integrity/foo/2.0/foo-2.0.tar.gz/provenance","requires-python":">=3.8","size":9000,\
            "upload-time":"2024-03-01T12:30:47.000001Z","url":"https://files.pythonhosted.org/packages/ef/foo-2.0.tar.gz",\
            "yanked":"broken \\"release\\" \\u00e9t\\u00e9"}],\
            "meta":{"_last-serial":123,"api-version":"1.4"},"name":"foo","project-status":{"status":"active"},\
            "versions":["2.0"]}""";

    @Test
    void aPypiShapedPageIsReadLazilyAndEqualsJacksonsReading() {
        byte[] body = PYPI_PAGE.getBytes(StandardCharsets.UTF_8);
        PageParser.Parsed fast = JsonPageScanner.scan(body, PAGE, "src");
        assertThat(fast).as("the scanner takes a PyPI page").isNotNull();
        assertThat(fast.files()).allSatisfy(f -> assertThat(f.lazySlice()).isNotNull());
        assertThat(fast).isEqualTo(PageParser.jacksonJson(body, PAGE, "src"));
        DistFile wheel = fast.files().get(0);
        assertThat(wheel.sha256()).contains("0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assertThat(wheel.coreMetadata()).contains(Map.of("sha256", "6e45d2e5ad4e1a0c3bc2ed1ff6b1b9e0c0b4a4a1f47d2c3e8b1a2c4d5e6f7a8b"));
        assertThat(wheel.size()).hasValue(51234);
        assertThat(wheel.uploadTime()).contains(Instant.parse("2024-03-01T12:30:45.123456Z"));
        assertThat(wheel.url()).hasToString("https://files.pythonhosted.org/packages/ab/cd/foo-2.0-py3-none-any.whl");
        DistFile sdist = fast.files().get(1);
        assertThat(sdist.yanked()).contains("broken \"release\" été");
        assertThat(sdist.hashes()).isEqualTo(Map.of("md5", "ffee", "sha256", "aa"));
        assertThat(sdist.hasMetadataFile()).isFalse();
        assertThat(fast.versions()).containsExactly("2.0");
    }

    @Test
    void lazyFilesSurviveTheCompactCache() {
        byte[] body = PYPI_PAGE.getBytes(StandardCharsets.UTF_8);
        PageParser.Parsed fast = PageParser.json(body, PAGE, "src");
        CompactPage page = new CompactPage(PAGE.toString(), null, null, 1, 60, "d", fast);
        CompactPage back = CompactPage.decode(page.encode(), "src").orElseThrow();
        assertThat(back.parsed().files()).allSatisfy(f -> assertThat(f.lazySlice()).isNotNull());
        assertThat(back.parsed()).isEqualTo(fast);
    }

    @Test
    void unusualPagesAreLeftToJackson() {
        for (String odd : List.of("{\"files\": [{\"filename\": 12, \"url\": \"https://x/a-1.0.tar.gz\"}]}",
                "{\"fil\\u0065s\": []}", "\uFEFF{\"files\": []}", "{\"files\": [], }", "{\"files\": [{\"size\": {}}]}")) {
            assertThat(JsonPageScanner.scan(odd.getBytes(StandardCharsets.UTF_8), PAGE, "s")).as(odd).isNull();
        }
    }

    @Property(tries = 400)
    void theScannerAgreesWithJacksonOnEveryPage(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] body = page(random).getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(10) == 0) {
            body = java.util.Arrays.copyOf(body, random.nextInt(body.length + 1)); // truncated
        }
        byte[] page = body;
        Statistics.label("read by the scanner").collect(outcome(() -> JsonPageScanner.scan(page, PAGE, "src")) != null);
        Object fast = outcome(() -> PageParser.json(page, PAGE, "src"));
        Object slow = outcome(() -> PageParser.jacksonJson(page, PAGE, "src"));
        assertThat(fast).as(new String(page, StandardCharsets.UTF_8)).isEqualTo(slow);
        if (fast instanceof PageParser.Parsed parsed) {
            CompactPage compact = new CompactPage(PAGE.toString(), null, null, 1, 60, "d", parsed);
            assertThat(CompactPage.decode(compact.encode(), "src").orElseThrow().parsed()).isEqualTo(parsed);
        }
    }

    @Property(tries = 400)
    void uploadTimesReadByHandEqualJavaTimes(@ForAll long seed) {
        Random random = new Random(seed);
        String text = uploadTimeText(random);
        byte[] b = ("xx" + text + "yy").getBytes(StandardCharsets.ISO_8859_1);
        Optional<Instant> fast = PageParser.instantAscii(b, 2, b.length - 2);
        if (fast != null) {
            assertThat(fast).as(text).contains(java.time.OffsetDateTime.parse(text).toInstant());
        }
        assertThat(PageParser.instant(text)).as(text).isEqualTo(javaTime(text));
    }

    /** What java.time makes of a PEP 700 time (the reading before the hand-written one). */
    private static Optional<Instant> javaTime(String text) {
        try {
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (java.time.format.DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static Object outcome(Supplier<PageParser.Parsed> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    // ------------------------------------------------------------------ random pages

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static String ws(Random r) {
        return r.nextInt(4) == 0 ? pick(r, " ", "\n  ", "\t", "\r\n") : "";
    }

    private static String object(Random r, List<String> members) {
        StringBuilder out = new StringBuilder("{").append(ws(r));
        for (int i = 0; i < members.size(); i++) {
            out.append(i == 0 ? "" : "," + ws(r)).append(members.get(i)).append(ws(r));
        }
        return out.append("}").toString();
    }

    private static String member(Random r, String key, String value) {
        return "\"" + key + "\"" + ws(r) + ":" + ws(r) + value;
    }

    private static String page(Random r) {
        List<String> members = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0 -> members.add(member(r, "meta", r.nextInt(12) == 0 ? pick(r, "[]", "1", "null")
                        : object(r, List.of(member(r, "api-version", pick(r, "\"1.0\"", "\"1.1\"", "\" 1.4 \"", "\"2.0\"", "1", "null")),
                                member(r, "_last-serial", "42")))));
                case 1 -> members.add(member(r, "versions", r.nextInt(12) == 0 ? pick(r, "{}", "[1]", "[\"1.0\",]")
                        : pick(r, "[]", "[\"1.0\"]", "[\"1.0\", \"2.0\"]", "[ \"1.\\u0030\" ]")));
                case 2 -> members.add(member(r, pick(r, "name", "alternate-locations", "project-status", "x\\u0041", "ñ"),
                        value(r, 0)));
                default -> {
                    List<String> files = new ArrayList<>();
                    int count = r.nextInt(6);
                    for (int f = 0; f < count; f++) {
                        files.add(r.nextInt(25) == 0 ? value(r, 0) : file(r));
                    }
                    members.add(member(r, "files", "[" + ws(r) + String.join("," + ws(r), files) + ws(r) + "]"));
                }
            }
        }
        String page = ws(r) + object(r, members) + ws(r);
        return r.nextInt(30) == 0 ? page + pick(r, " trailing", "}", ",") : page;
    }

    private static String file(Random r) {
        List<String> members = new ArrayList<>();
        String name = pick(r, "foo-1.0-py3-none-any.whl", "foo-1.0.tar.gz", "Foo_Bar-2.0rc1-cp312-cp312-manylinux_2_17_x86_64.whl",
                "foo-3.0.zip", "fo\\u006f-1.1.tar.gz", "föo-1.0.tar.gz");
        if (r.nextInt(20) != 0) {
            members.add(member(r, "filename", r.nextInt(25) == 0 ? pick(r, "null", "12", "true", "{}") : "\"" + name + "\""));
        }
        if (r.nextInt(20) != 0) {
            members.add(member(r, "url", r.nextInt(25) == 0 ? pick(r, "null", "7", "[]")
                    : "\"" + pick(r, "https://files.example.org/p/" + name, "http://files.example.org/p/" + name,
                    "../../files/" + name, name + "#sha256=DD&md5=ee", "https://u:p@files.example.org/" + name,
                    "https:\\/\\/files.example.org\\/" + name, "https://files.example.org/a b/" + name,
                    "HTTPS://files.example.org/" + name, "https://files.example.org/x|" + name, "/abs/" + name,
                    "https://files.example.org/é/" + name) + "\""));
        }
        int extra = r.nextInt(8);
        for (int i = 0; i < extra; i++) {
            switch (r.nextInt(9)) {
                case 0 -> members.add(member(r, "hashes", pick(r, "{}", "{\"sha256\": \"AABB\"}", "{\"SHA256\":\"cc\", \"md5\": \"dd\", \"crc\": \"1\"}",
                        "{\"sha256\": 12}", "{\"sha256\": null}", "{\"sha256\": {\"x\": 1}}", "[]", "null", "\"x\"", "{\"sh\\u0061256\": \"ee\"}")));
                case 1 -> members.add(member(r, "requires-python", pick(r, "\">=3.8\"", "\" >=3.7, <4 \"", "\"\"", "\"  \"", "null", "3",
                        "\"\\u003e=3.9\"", "\">=3.8\"")));
                case 2 -> members.add(member(r, "yanked", pick(r, "true", "false", "null", "\"\"", "\"reason\"", "\"quo\\\"te \\n\"", "1", "{}")));
                case 3 -> members.add(member(r, "upload-time", pick(r, "\"2024-01-02T03:04:05.123456Z\"", "\"2024-01-02T03:04:05Z\"",
                        "\"2024-01-02T03:04:05+01:00\"", "\"2023-02-29T00:00:00Z\"", "\"soon\"", "null", "5", "[]", "\"2024-01-02T03:04:05.Z\"")));
                case 4 -> members.add(member(r, "size", pick(r, "0", "1234", "-5", "1.5", "12345678901234567890123", "\"12\"", "null", "1e3",
                        "01", "[]", "123456789012345678")));
                case 5 -> members.add(member(r, pick(r, "core-metadata", "dist-info-metadata", "data-dist-info-metadata"),
                        pick(r, "true", "false", "null", "{}", "{\"sha256\": \"AB\"}", "{\"md5\": \"x\"}", "\"yes\"", "[1]")));
                case 6 -> members.add(member(r, pick(r, "provenance", "gpg-sig", "x", "ünï"), value(r, 0)));
                case 7 -> members.add(member(r, "filename", "\"foo-0.1.tar.gz\"")); // a repeated key: the last counts
                default -> members.add(member(r, "url", "\"https://files.example.org/other/foo-0.2.tar.gz\""));
            }
        }
        java.util.Collections.shuffle(members, r);
        return object(r, members);
    }

    private static String value(Random r, int depth) {
        int kind = depth > 3 ? r.nextInt(5) : r.nextInt(8);
        return switch (kind) {
            case 0 -> pick(r, "\"s\"", "\"\"", "\"a\\\\b\\/c\\t\\u0041\\ud83d\\ude00\"", "\"é€😀\"", "\"bad\\x\"");
            case 1 -> pick(r, "0", "-1", "3.25", "-0.5e-3", "1E+9", "-", "1.", ".5", "00", "2e");
            case 2 -> pick(r, "true", "false", "null", "nul", "truex");
            case 3 -> pick(r, "{}", "[]");
            case 4 -> "\"" + "x".repeat(r.nextInt(3)) + "\"";
            case 5 -> {
                List<String> items = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    items.add(value(r, depth + 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            default -> {
                List<String> members = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    members.add(member(r, pick(r, "a", "b", "url", "filename"), value(r, depth + 1)));
                }
                yield object(r, members);
            }
        };
    }

    private static String uploadTimeText(Random r) {
        String year = String.format("%04d", r.nextInt(3) == 0 ? r.nextInt(10_000) : 1990 + r.nextInt(40));
        String month = String.format("%02d", r.nextInt(14));
        String day = String.format("%02d", r.nextInt(33));
        String hour = String.format("%02d", r.nextInt(25));
        String minute = String.format("%02d", r.nextInt(61));
        String second = String.format("%02d", r.nextInt(61));
        String fraction = switch (r.nextInt(4)) {
            case 0 -> "";
            case 1 -> "." + "123456789".substring(0, r.nextInt(11) % 10);
            case 2 -> "." + (r.nextInt(1_000_000));
            default -> ".12a";
        };
        String zone = pick(r, "Z", "Z", "Z", "+00:00", "z");
        return year + "-" + month + "-" + day + pick(r, "T", "T", "t", " ") + hour + ":" + minute + ":" + second + fraction + zone;
    }
}
