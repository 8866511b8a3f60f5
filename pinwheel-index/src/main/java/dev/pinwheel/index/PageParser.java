package dev.pinwheel.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns a simple-API project page into {@link DistFile}s: PEP 691 JSON (read with jackson-core's
 * streaming parser, no databind at start-up) and PEP 503 HTML (with PEP 592 yanked, PEP 658/714
 * metadata attributes, {@code <base href>}), and checks the API version (PEP 629: a major
 * version other than 1 is refused).
 */
final class PageParser {

    static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";
    private static final JsonFactory JSON = new JsonFactory();

    /** A parsed page: its files and (PEP 700, JSON only) its versions. */
    record Parsed(List<DistFile> files, List<String> versions) {
    }

    private PageParser() {
    }

    /** Parses by content type: JSON for {@code application/vnd.pypi.simple.v1+json}, else HTML. */
    static Parsed parse(String contentType, byte[] body, URI pageUrl, String source) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/vnd.pypi.simple.") && type.contains("+json")) {
            if (!type.startsWith(JSON_TYPE) && !type.startsWith("application/vnd.pypi.simple.latest+json")) {
                throw new IndexException("unsupported simple API version at " + source + ": " + contentType,
                        "pinwheel understands version 1 of the simple API", null);
            }
            return json(body, pageUrl, source);
        }
        return html(new String(body, java.nio.charset.StandardCharsets.UTF_8), pageUrl, source);
    }

    /**
     * The project names of an index's root page: PEP 691 {@code projects[].name}, or the text of
     * PEP 503 anchors. Names are returned as the index spells them.
     */
    static List<String> projectNames(String contentType, byte[] body, String source) {
        return projectNames(contentType, body, source, 1, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #projectNames(String, byte[], String)}, keeping only names whose length in the
     * page is between {@code min} and {@code max}; the others never become strings (PyPI's root
     * page lists 700,000 projects in 40 MB).
     */
    static List<String> projectNames(String contentType, byte[] body, String source, int min, int max) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (type.startsWith("application/vnd.pypi.simple.") && type.contains("+json")) {
            try (JsonParser p = JSON.createParser(body)) {
                expect(p.nextToken(), JsonToken.START_OBJECT, source);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if (field.equals("projects") && t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String key = p.currentName();
                                JsonToken v = p.nextToken();
                                if (key.equals("name") && v == JsonToken.VALUE_STRING) {
                                    int n = p.getTextLength();
                                    if (n >= min && n <= max) {
                                        out.add(p.getText());
                                    }
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                return out;
            } catch (IOException e) {
                throw new IndexException("malformed JSON page from " + source + ": " + e.getMessage(),
                        "the index sent an invalid PEP 691 response", e);
            }
        }
        // HTML: the text of each <a ...>text</a>, read from the bytes
        int n = body.length;
        for (int i = 0; i + 2 < n; i++) {
            if (body[i] != '<' || (body[i + 1] | 0x20) != 'a' || !(body[i + 2] == '>' || body[i + 2] <= ' ')) {
                continue;
            }
            int start = i + 2;
            while (start < n && body[start] != '>') {
                start++;
            }
            start++;
            int end = start;
            while (end < n && body[end] != '<') {
                end++;
            }
            int from = start;
            int to = end;
            while (from < to && body[from] <= ' ') {
                from++;
            }
            while (to > from && body[to - 1] <= ' ') {
                to--;
            }
            if (to - from >= min && to - from <= max && to > from) {
                String text = new String(body, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
                out.add(text.indexOf('&') >= 0 ? HtmlAnchors.parse("<a>" + text + "</a>").anchors().get(0).text() : text);
            }
            i = end - 1;
        }
        return out;
    }

    static Parsed html(String html, URI pageUrl, String source) {
        HtmlAnchors.Document doc = HtmlAnchors.parse(html);
        checkApiVersion(doc.repositoryVersion(), source);
        URI base = doc.baseHref() == null ? pageUrl : Urls.resolve(pageUrl, doc.baseHref());
        List<DistFile> files = new ArrayList<>();
        for (HtmlAnchors.Anchor a : doc.anchors()) {
            String href = a.href();
            if (href == null || href.isBlank()) {
                continue;
            }
            URI url = Urls.resolve(base, href);
            String filename = Urls.filename(url);
            if (filename.isEmpty()) {
                continue;
            }
            Map<String, String> attrs = a.attributes();
            String requiresPython = attrs.get("data-requires-python");
            Optional<String> yanked = Optional.ofNullable(attrs.get("data-yanked"));
            // PEP 714: data-core-metadata is the name; data-dist-info-metadata the older spelling
            String meta = attrs.containsKey("data-core-metadata") ? attrs.get("data-core-metadata")
                    : attrs.get("data-dist-info-metadata");
            files.add(new DistFile(filename, Urls.withoutUserinfo(Urls.withoutFragment(url)), Urls.fragmentHashes(url),
                    Optional.ofNullable(requiresPython).map(String::strip).filter(s -> !s.isEmpty()), yanked,
                    Optional.empty(), OptionalLong.empty(), htmlMetadata(meta), source));
        }
        return new Parsed(List.copyOf(files), List.of());
    }

    private static Optional<Map<String, String>> htmlMetadata(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.equalsIgnoreCase("true") || v.isEmpty()) {
            return Optional.of(Map.of());
        }
        int eq = v.indexOf('=');
        if (eq > 0) {
            String algorithm = v.substring(0, eq).toLowerCase(Locale.ROOT);
            return Optional.of(HashCheck.isKnown(algorithm) ? Map.of(algorithm, v.substring(eq + 1).toLowerCase(Locale.ROOT)) : Map.of());
        }
        return Optional.empty(); // "false" or garbage: no metadata file
    }

    static void checkApiVersion(String version, String source) {
        if (version == null || version.isBlank()) {
            return;
        }
        String major = version.strip().split("\\.")[0];
        if (!major.equals("1")) {
            throw new IndexException("unsupported simple API version " + version + " at " + source,
                    "pinwheel understands version 1 of the simple API", null);
        }
    }

    /**
     * A PEP 691 page: {@link JsonPageScanner} reads the usual page at byte level and leaves most
     * of each file for later; a page it does not take as usual (odd types, escapes in names,
     * invalid JSON) is read here by jackson-core, which the scanner's result always agrees with.
     */
    static Parsed json(byte[] body, URI pageUrl, String source) {
        Parsed fast = JsonPageScanner.scan(body, pageUrl, source);
        return fast != null ? fast : jacksonJson(body, pageUrl, source);
    }

    static Parsed jacksonJson(byte[] body, URI pageUrl, String source) {
        try (JsonParser p = JSON.createParser(body)) {
            List<DistFile> files = new ArrayList<>();
            List<String> versions = new ArrayList<>();
            expect(p.nextToken(), JsonToken.START_OBJECT, source);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "meta" -> {
                        expect(t, JsonToken.START_OBJECT, source);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            p.nextToken();
                            if (key.equals("api-version")) {
                                checkApiVersion(p.getValueAsString(), source);
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    case "files" -> {
                        expect(t, JsonToken.START_ARRAY, source);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            DistFile f = jsonFile(p, pageUrl, source);
                            if (f != null) {
                                files.add(f);
                            }
                        }
                    }
                    case "versions" -> {
                        expect(t, JsonToken.START_ARRAY, source);
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            versions.add(p.getValueAsString());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new Parsed(List.copyOf(files), List.copyOf(versions));
        } catch (IOException e) {
            throw new IndexException("malformed JSON page from " + source + ": " + e.getMessage(),
                    "the index sent an invalid PEP 691 response", e);
        }
    }

    /**
     * One file object, {@code bytes[from, to)} of a page: the file in full, as {@link #json}
     * reads it (the scanner checked that it is valid JSON with the usual types). Null when the
     * object lacks a file name or URL.
     */
    static DistFile jsonFile(byte[] bytes, int from, int to, URI pageUrl, String source) {
        try (JsonParser p = JSON.createParser(bytes, from, to - from)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, source);
            return jsonFile(p, pageUrl, source);
        } catch (IOException e) {
            throw new IndexException("malformed JSON page from " + source + ": " + e.getMessage(),
                    "the index sent an invalid PEP 691 response", e);
        }
    }

    /** The file a lazy {@link DistFile} stands for, read in full (its URL is absolute: no page URL needed). */
    static DistFile jsonFile(DistFile.LazySlice slice, String source) {
        DistFile f = jsonFile(slice.bytes(), slice.from(), slice.to(), null, source);
        if (f == null) {
            throw new IllegalStateException("a lazily read file object lost its name or URL");
        }
        return f;
    }

    private static DistFile jsonFile(JsonParser p, URI pageUrl, String source) throws IOException {
        String filename = null;
        String url = null;
        Map<String, String> hashes = new HashMap<>();
        String requiresPython = null;
        String yanked = null;
        String uploadTime = null;
        long size = -1;
        Optional<Map<String, String>> core = null;
        Optional<Map<String, String>> distInfo = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            switch (key) {
                case "filename" -> filename = p.getValueAsString();
                case "url" -> url = p.getValueAsString();
                case "hashes" -> hashes = hashObject(p, t);
                case "requires-python" -> requiresPython = t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                case "yanked" -> {
                    if (t == JsonToken.VALUE_TRUE) {
                        yanked = "";
                    } else if (t == JsonToken.VALUE_STRING) {
                        yanked = p.getValueAsString();
                    }
                }
                case "upload-time" -> uploadTime = t == JsonToken.VALUE_STRING ? p.getValueAsString() : null;
                case "size" -> size = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                case "core-metadata" -> core = jsonMetadata(p, t);
                case "dist-info-metadata" -> distInfo = jsonMetadata(p, t);
                default -> p.skipChildren();
            }
        }
        if (filename == null || url == null) {
            return null;
        }
        Optional<Map<String, String>> metadata = core != null ? core : distInfo != null ? distInfo : Optional.empty();
        if (Urls.isPlainAbsolute(url)) { // the common case (PyPI): no URI parsing until the URL is used
            return DistFile.ofRawUrl(filename, url, hashes,
                    Optional.ofNullable(requiresPython).map(String::strip).filter(s -> !s.isEmpty()),
                    Optional.ofNullable(yanked), Optional.ofNullable(uploadTime).flatMap(PageParser::instant),
                    size >= 0 ? OptionalLong.of(size) : OptionalLong.empty(), metadata, source);
        }
        URI resolved = Urls.resolve(pageUrl, url);
        Map<String, String> all = new HashMap<>(Urls.fragmentHashes(resolved));
        all.putAll(hashes);
        return new DistFile(filename, Urls.withoutUserinfo(Urls.withoutFragment(resolved)), all,
                Optional.ofNullable(requiresPython).map(String::strip).filter(s -> !s.isEmpty()),
                Optional.ofNullable(yanked), Optional.ofNullable(uploadTime).flatMap(PageParser::instant),
                size >= 0 ? OptionalLong.of(size) : OptionalLong.empty(), metadata, source);
    }

    private static Map<String, String> hashObject(JsonParser p, JsonToken t) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return out;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String algorithm = p.currentName().toLowerCase(Locale.ROOT);
            p.nextToken();
            String value = p.getValueAsString();
            if (value != null && HashCheck.isKnown(algorithm)) {
                out.put(algorithm, value.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Optional<Map<String, String>> jsonMetadata(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE) {
            return Optional.of(Map.of());
        }
        if (t == JsonToken.START_OBJECT) {
            return Optional.of(hashObject(p, t));
        }
        p.skipChildren();
        return Optional.empty();
    }

    /**
     * PEP 700 times; PyPI always writes {@code 2024-01-02T03:04:05.123456Z}, which is read by hand
     * (java.time's parsers cost microseconds per call, and a page can list 15,000 files).
     */
    static Optional<Instant> instant(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); // anything else is '?', which fails
        Optional<Instant> fast = instantAscii(bytes, 0, bytes.length);
        if (fast != null) {
            return fast;
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /**
     * {@link #instant(String)} for bytes {@code b[from, to)} in PyPI's form
     * {@code 2024-01-02T03:04:05[.123456]Z}, without making a string; null for any other form or
     * an impossible date (then java.time decides).
     */
    static Optional<Instant> instantAscii(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 20 || b[to - 1] != 'Z' || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
                || b[from + 13] != ':' || b[from + 16] != ':') {
            return null;
        }
        int year = digits(b, from, from + 4);
        int month = digits(b, from + 5, from + 7);
        int day = digits(b, from + 8, from + 10);
        int hour = digits(b, from + 11, from + 13);
        int minute = digits(b, from + 14, from + 16);
        int second = digits(b, from + 17, from + 19);
        int nanos = 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour >= 24 || minute < 0
                || minute >= 60 || second < 0 || second >= 60) {
            return null;
        }
        if (n > 20) {
            if (b[from + 19] != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            int frac = digits(b, from + 20, to - 1);
            if (frac < 0) {
                return null;
            }
            nanos = frac * POWERS[9 - (n - 21)];
        }
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int length = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
        if (day > length) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Optional.of(Instant.ofEpochSecond(days * 86400 + hour * 3600L + minute * 60L + second, nanos));
    }

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private static int digits(byte[] b, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(JsonToken actual, JsonToken expected, String source) {
        if (actual != expected) {
            throw new IndexException("malformed JSON page from " + source + ": expected " + expected + " but found " + actual,
                    "the index sent an invalid PEP 691 response", null);
        }
    }
}
