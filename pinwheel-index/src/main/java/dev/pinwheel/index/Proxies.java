package dev.pinwheel.index;

import dev.pinwheel.packaging.PinwheelException.Category;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP proxies as pip (through requests) finds them: {@code https_proxy} for https URLs,
 * {@code http_proxy} for http URLs, {@code all_proxy} for both (lower-case names first, then
 * upper-case), {@code no_proxy} naming hosts to reach directly, and pip's {@code proxy} setting
 * ({@code --proxy}, pip.conf) for every URL. A proxy is an {@code http://[user:password@]host:port}
 * URL (the scheme may be left out); https goes through it with {@code CONNECT}. Loopback hosts
 * are always reached directly. A {@code no_proxy} entry is a host name (its subdomains included),
 * optionally with a port, {@code *} for every host, or, as requests reads it, an IP address or a
 * network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}) that hosts given as addresses
 * are matched against (no name is ever resolved for it).
 */
public final class Proxies {

    /** No proxy anywhere. */
    public static final Proxies NONE = new Proxies(null, null, List.of());

    /** A proxy: where it listens, and the Proxy-Authorization value if its URL has credentials. */
    record Proxy(String host, int port, String authorization) {
        @Override
        public String toString() {
            return host + ":" + port; // never the credentials
        }
    }

    private final Proxy http;
    private final Proxy https;
    private final List<String> noProxy;

    private Proxies(Proxy http, Proxy https, List<String> noProxy) {
        this.http = http;
        this.https = https;
        this.noProxy = List.copyOf(noProxy);
    }

    /** The proxies the environment names (see the class comment). */
    public static Proxies fromEnvironment(Map<String, String> env) {
        String all = variable(env, "all_proxy");
        String http = variable(env, "http_proxy");
        String https = variable(env, "https_proxy");
        String no = variable(env, "no_proxy");
        return new Proxies(parse(http != null ? http : all, "http_proxy"), parse(https != null ? https : all, "https_proxy"),
                no == null ? List.of() : entries(no));
    }

    /** This with pip's {@code proxy} setting: one proxy for http and https alike. */
    public Proxies withProxy(String url) {
        Proxy p = parse(url, "proxy");
        return new Proxies(p, p, noProxy);
    }

    private static String variable(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            v = env.get(name.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static List<String> entries(String noProxy) {
        List<String> out = new ArrayList<>();
        for (String part : noProxy.split("[,\\s]+")) {
            String e = part.strip().toLowerCase(Locale.ROOT);
            if (e.startsWith(".")) {
                e = e.substring(1);
            }
            if (!e.isEmpty()) {
                out.add(e);
            }
        }
        return out;
    }

    static Proxy parse(String value, String setting) {
        if (value == null) {
            return null;
        }
        String text = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IndexException(Category.BAD_INPUT, setting + ": not a proxy URL: " + Redactor.url(value),
                    "write it as http://host:port (or http://user:password@host:port)", e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IndexException(Category.BAD_INPUT, setting + ": " + Redactor.url(value)
                    + " is not an http:// proxy", "pinwheel reaches proxies over plain HTTP (http://host:port); "
                    + "https and socks proxies are not supported", null);
        }
        String authorization = uri.getRawUserInfo() == null ? null
                : Credentials.basic(Credentials.userAndPassword(uri.getRawUserInfo()));
        return new Proxy(uri.getHost(), uri.getPort() >= 0 ? uri.getPort() : 80, authorization);
    }

    /** The proxy for requests to {@code scheme://host:port}, or empty to go directly. */
    Optional<Proxy> forTarget(boolean tls, String host, int port) {
        Proxy p = tls ? https : http;
        if (p == null || Urls.isLoopback(host) || bypassed(host.toLowerCase(Locale.ROOT), port)) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private boolean bypassed(String host, int port) {
        byte[] address = literalAddress(host);
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                if (address != null && inNetwork(address, entry.substring(0, slash), entry.substring(slash + 1))) {
                    return true;
                }
                continue;
            }
            if (address != null && java.util.Arrays.equals(address, literalAddress(entry))) {
                return true;
            }
            String name = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                if (Integer.parseInt(entry.substring(colon + 1)) != port) {
                    continue;
                }
                name = entry.substring(0, colon);
            }
            if (host.equals(name) || host.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code address} lies in the network {@code base/prefix}; false for an entry that is not one. */
    private static boolean inNetwork(byte[] address, String base, String prefix) {
        byte[] network = literalAddress(base);
        if (network == null || network.length != address.length || prefix.isEmpty() || prefix.length() > 3
                || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int bits = Integer.parseInt(prefix);
        if (bits > address.length * 8) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bytes of an IPv4 or IPv6 address written as one ({@code 10.1.2.3}, {@code fd00::1},
     * {@code [fd00::1]}), or null for anything else: host names are never looked up.
     */
    static byte[] literalAddress(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (s.indexOf(':') >= 0) {
            if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
            try {
                // a literal with colons is parsed, never resolved
                return java.net.InetAddress.getByName("[" + s + "]").getAddress();
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return null;
            }
            out[i] = (byte) Integer.parseInt(part);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Proxies[http=" + http + ", https=" + https + ", no_proxy=" + noProxy + "]";
    }
}
