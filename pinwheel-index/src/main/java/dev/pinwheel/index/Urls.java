package dev.pinwheel.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** URL chores shared by the page parsers and the client: tolerant resolution, hash fragments, names. */
final class Urls {

    private Urls() {
    }

    /** Resolves an href against a base, percent-encoding characters URI refuses (spaces, '|', ...). */
    static URI resolve(URI base, String href) {
        String h = href.strip();
        URI ref;
        try {
            ref = new URI(h);
        } catch (URISyntaxException e) {
            ref = URI.create(escapeIllegal(h));
        }
        if (ref.isAbsolute()) {
            return ref;
        }
        return base.resolve(ref);
    }

    private static String escapeIllegal(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean ok = c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0;
            if (ok) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /**
     * Whether a URL is absolute http(s) with nothing to resolve, strip or escape (no fragment,
     * no user info, only URI-legal characters), so it may be kept as text and parsed later.
     */
    static boolean isPlainAbsolute(String url) {
        if (!(url.startsWith("https://") || url.startsWith("http://"))) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#' || c == '@' || c == '"' || c == '<' || c == '>' || c == '\\'
                    || c == '^' || c == '`' || c == '{' || c == '|' || c == '}') {
                return false;
            }
        }
        return true;
    }

    /** The URL without its fragment. */
    static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s.substring(0, s.indexOf('#')));
    }

    /** The URL without user info (credentials travel in headers, never in URLs we keep). */
    static URI withoutUserinfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        String s = uri.toString();
        int at = s.indexOf('@', s.indexOf("//") + 2);
        return URI.create(s.substring(0, s.indexOf("//") + 2) + s.substring(at + 1));
    }

    /** Hashes from a fragment such as {@code sha256=abc} (other fragment keys are ignored). */
    static Map<String, String> fragmentHashes(URI uri) {
        Map<String, String> out = new HashMap<>();
        String fragment = uri.getRawFragment();
        if (fragment == null) {
            return out;
        }
        for (String part : fragment.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String algorithm = part.substring(0, eq).toLowerCase(Locale.ROOT);
                if (HashCheck.isKnown(algorithm)) {
                    out.put(algorithm, part.substring(eq + 1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** The last path segment, percent-decoded. */
    static String filename(URI uri) {
        String path = uri.getRawPath();
        if (path == null) {
            return "";
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A directory-like URL ends with '/', so that relative resolution keeps its last segment. */
    static URI asDirectory(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    /** Whether the host is the local machine (pip treats these origins as secure over plain http). */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
