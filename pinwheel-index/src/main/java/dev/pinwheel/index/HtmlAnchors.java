package dev.pinwheel.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tolerant reader of the few HTML elements the simple API uses: {@code <a>} (with its
 * attributes and text), {@code <base href>} and {@code <meta name="pypi:repository-version">}.
 * Real indexes send upper-case tags, unquoted or single-quoted attributes, attributes without a
 * value ({@code data-yanked}), character references ({@code &gt;=3.8}, {@code &#62;}), comments
 * and scripts; anything else is skipped rather than rejected, like browsers and pip do.
 */
final class HtmlAnchors {

    /** One anchor: attribute names lower-cased; an attribute without a value maps to "". */
    record Anchor(Map<String, String> attributes, String text) {
        String href() {
            return attributes.get("href");
        }
    }

    record Document(List<Anchor> anchors, String baseHref, String repositoryVersion) {
    }

    private final String html;
    private int pos;

    private HtmlAnchors(String html) {
        this.html = html;
    }

    static Document parse(String html) {
        return new HtmlAnchors(html).document();
    }

    private Document document() {
        List<Anchor> anchors = new ArrayList<>();
        String base = null;
        String repoVersion = null;
        Map<String, String> openAnchor = null;
        StringBuilder anchorText = new StringBuilder();
        int n = html.length();
        while (pos < n) {
            char c = html.charAt(pos);
            if (c != '<') {
                int next = html.indexOf('<', pos);
                int end = next < 0 ? n : next;
                if (openAnchor != null) {
                    anchorText.append(html, pos, end);
                }
                pos = end;
                continue;
            }
            if (html.startsWith("<!--", pos)) {
                int end = html.indexOf("-->", pos + 4);
                pos = end < 0 ? n : end + 3;
                continue;
            }
            if (pos + 1 < n && (html.charAt(pos + 1) == '!' || html.charAt(pos + 1) == '?')) {
                int end = html.indexOf('>', pos);
                pos = end < 0 ? n : end + 1;
                continue;
            }
            boolean closing = pos + 1 < n && html.charAt(pos + 1) == '/';
            int nameStart = pos + (closing ? 2 : 1);
            int nameEnd = nameStart;
            while (nameEnd < n && isNameChar(html.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == nameStart) { // a stray '<' is text
                if (openAnchor != null) {
                    anchorText.append('<');
                }
                pos++;
                continue;
            }
            String tag = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
            pos = nameEnd;
            Map<String, String> attributes = attributes();
            if (closing) {
                if (tag.equals("a") && openAnchor != null) {
                    anchors.add(new Anchor(Map.copyOf(openAnchor), decode(anchorText.toString()).strip()));
                    openAnchor = null;
                }
                continue;
            }
            switch (tag) {
                case "a" -> {
                    if (openAnchor != null) { // an unclosed anchor ends where the next begins
                        anchors.add(new Anchor(Map.copyOf(openAnchor), decode(anchorText.toString()).strip()));
                    }
                    openAnchor = attributes;
                    anchorText.setLength(0);
                }
                case "base" -> {
                    if (base == null && attributes.containsKey("href")) {
                        base = attributes.get("href");
                    }
                }
                case "meta" -> {
                    if ("pypi:repository-version".equals(attributes.get("name"))) {
                        repoVersion = attributes.get("content");
                    }
                }
                case "script", "style" -> {
                    int end = html.toLowerCase(Locale.ROOT).indexOf("</" + tag, pos);
                    pos = end < 0 ? n : end;
                }
                default -> {
                }
            }
        }
        if (openAnchor != null) {
            anchors.add(new Anchor(Map.copyOf(openAnchor), decode(anchorText.toString()).strip()));
        }
        return new Document(List.copyOf(anchors), base, repoVersion);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == ':';
    }

    /** Reads attributes up to and including the tag's closing '>'. */
    private Map<String, String> attributes() {
        Map<String, String> out = new HashMap<>();
        int n = html.length();
        while (pos < n) {
            char c = html.charAt(pos);
            if (c == '>') {
                pos++;
                return out;
            }
            if (Character.isWhitespace(c) || c == '/') {
                pos++;
                continue;
            }
            int start = pos;
            while (pos < n && !Character.isWhitespace(html.charAt(pos)) && "=>/".indexOf(html.charAt(pos)) < 0) {
                pos++;
            }
            String name = html.substring(start, pos).toLowerCase(Locale.ROOT);
            while (pos < n && Character.isWhitespace(html.charAt(pos))) {
                pos++;
            }
            String value = "";
            if (pos < n && html.charAt(pos) == '=') {
                pos++;
                while (pos < n && Character.isWhitespace(html.charAt(pos))) {
                    pos++;
                }
                if (pos < n && (html.charAt(pos) == '"' || html.charAt(pos) == '\'')) {
                    char quote = html.charAt(pos);
                    int end = html.indexOf(quote, pos + 1);
                    end = end < 0 ? n : end;
                    value = html.substring(pos + 1, end);
                    pos = Math.min(n, end + 1);
                } else {
                    int vs = pos;
                    while (pos < n && !Character.isWhitespace(html.charAt(pos)) && html.charAt(pos) != '>') {
                        pos++;
                    }
                    value = html.substring(vs, pos);
                }
            }
            if (!name.isEmpty()) {
                out.putIfAbsent(name, decode(value)); // the first of duplicate attributes wins, as in HTML
            }
        }
        return out;
    }

    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", "\u00a0", "equals", "=", "excl", "!", "tilde", "~", "comma", ",");

    /** Decodes character references; unknown or malformed ones stay as written (HTML's rule). */
    static String decode(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (amp >= 0) {
            out.append(s, i, amp);
            int semi = s.indexOf(';', amp);
            String replacement = null;
            if (semi > amp + 1 && semi - amp <= 12) {
                String ref = s.substring(amp + 1, semi);
                if (ref.startsWith("#")) {
                    try {
                        int cp = ref.startsWith("#x") || ref.startsWith("#X") ? Integer.parseInt(ref.substring(2), 16)
                                : Integer.parseInt(ref.substring(1));
                        if (Character.isValidCodePoint(cp) && cp != 0) {
                            replacement = new String(Character.toChars(cp));
                        }
                    } catch (NumberFormatException e) {
                        replacement = null;
                    }
                } else {
                    replacement = NAMED.get(ref);
                }
            }
            if (replacement != null) {
                out.append(replacement);
                i = semi + 1;
            } else {
                out.append('&');
                i = amp + 1;
            }
            amp = s.indexOf('&', i);
        }
        out.append(s, i, s.length());
        return out.toString();
    }
}
