package dev.pinwheel.cli.compile;

/** Redaction of credentials in URLs the way pip shows them: {@code user:****@host}, {@code ****@host}. */
final class Urls {

    private Urls() {
    }

    /** Whether the text looks like a URL ({@code scheme://...}) rather than a path. */
    static boolean isUrl(String text) {
        int colon = text.indexOf("://");
        return colon > 0 && text.substring(0, colon).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
    }

    static String redact(String url) {
        if (!isUrl(url)) {
            return url;
        }
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        // A lone user part is usually a token, so it is hidden entirely; a user name before a password stays.
        String shown = colon < 0 ? "****" : userInfo.substring(0, colon) + ":****";
        return url.substring(0, start) + shown + authority.substring(at) + url.substring(end);
    }
}
