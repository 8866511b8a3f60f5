package dev.pinwheel.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything pinwheel shows: URLs lose their password the way pip
 * prints them ({@code https://user:****@host/...}; a lone token becomes {@code ****@host}), and
 * secrets learned elsewhere (netrc passwords) are masked wherever they appear in a text.
 */
public final class Redactor {

    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/?#\\s]*)@");
    private static final Redactor URLS_ONLY = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor that only masks URL passwords. */
    public static Redactor urlsOnly() {
        return URLS_ONLY;
    }

    /** A redactor that also masks these secrets anywhere in a text (blank ones are ignored). */
    public static Redactor of(Set<String> secrets) {
        List<String> list = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isBlank()) {
                list.add(s);
            }
        }
        list.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leaks
        return new Redactor(List.copyOf(list));
    }

    /** Masks the password (or lone token) of one URL; other text is unchanged. */
    public static String url(String url) {
        return redactUserinfo(url);
    }

    /** Masks URL passwords and the known secrets in any text (a message, a command line, a log line). */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = redactUserinfo(text);
        for (String secret : secrets) {
            out = out.replace(secret, "****");
        }
        return out;
    }

    private static String redactUserinfo(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = USERINFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String userinfo = m.group(2);
            int colon = userinfo.indexOf(':');
            String masked = colon < 0 ? "****" : userinfo.substring(0, colon) + ":****";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
