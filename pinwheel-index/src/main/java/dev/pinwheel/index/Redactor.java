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
 * secrets learned elsewhere (URL and netrc passwords) are masked wherever they appear in a text:
 * anywhere when they are long enough not to occur by chance, as whole words when short (a
 * password {@code p} must not turn {@code https} into {@code htt****s}).
 */
public final class Redactor {

    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/?#\\s]*)@");
    private static final Redactor URLS_ONLY = new Redactor(List.of());
    /** Secrets at least this long are masked wherever they occur; shorter ones only as whole words. */
    static final int ANYWHERE_LENGTH = 8;

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
            out = secret.length() >= ANYWHERE_LENGTH ? out.replace(secret, "****") : maskWord(out, secret);
        }
        return out;
    }

    /** Replaces the occurrences of {@code secret} that no letter or digit touches on either side. */
    private static String maskWord(String text, String secret) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int at = text.indexOf(secret);
        while (at >= 0) {
            int end = at + secret.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                out.append(text, copied, at).append("****");
                copied = end;
            }
            at = text.indexOf(secret, Math.max(at + 1, copied));
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
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
