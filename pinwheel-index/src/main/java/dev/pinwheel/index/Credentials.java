package dev.pinwheel.index;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials per host, like pip's MultiDomainBasicAuth: learned from index URLs' user info
 * (which then also apply to files on the same host), else taken from netrc. They travel only in
 * {@code Authorization} headers; every secret is known to the {@link Redactor}.
 */
final class Credentials {

    private final Map<String, String[]> byHost = new ConcurrentHashMap<>();
    private final Netrc netrc;

    Credentials(Netrc netrc) {
        this.netrc = netrc;
    }

    /** Remembers the user info of a URL (if any) for its host[:port]. */
    void learn(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return;
        }
        String info = uri.getRawUserInfo();
        if (info == null || uri.getHost() == null) {
            return;
        }
        byHost.putIfAbsent(hostKey(uri), userAndPassword(info));
    }

    /** A URL's raw user info ({@code user:pa%40ss}) decoded into user and password ("" when absent). */
    static String[] userAndPassword(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(rawUserInfo.substring(colon + 1));
        return new String[] {user, password};
    }

    /** The {@code Basic} authorization value (of an Authorization or Proxy-Authorization header). */
    static String basic(String[] userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString((userAndPassword[0] + ":" + userAndPassword[1])
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header value for a request to this URL, if credentials are known. */
    Optional<String> authorization(URI uri) {
        if (uri.getHost() == null) {
            return Optional.empty();
        }
        String[] known = byHost.get(hostKey(uri));
        if (known == null) {
            known = byHost.get(uri.getHost().toLowerCase(Locale.ROOT));
        }
        if (known == null) {
            Optional<Netrc.Login> login = netrc.lookup(uri.getHost());
            if (login.isPresent()) {
                known = new String[] {login.get().login(), login.get().password()};
            }
        }
        if (known == null) {
            return Optional.empty();
        }
        return Optional.of(basic(known));
    }

    /** Every secret known, for the redactor. */
    Set<String> secrets() {
        Set<String> out = new HashSet<>(netrc.passwords());
        byHost.values().forEach(c -> {
            out.add(c[1]);
            if (c[1].isEmpty()) {
                out.add(c[0]); // a lone token is the secret
            }
        });
        return out;
    }

    private static String hostKey(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
