package dev.pinwheel.packaging;

import java.util.Arrays;

/**
 * A hand-written scanner for the PEP 440 grammar (the appendix's permissive regular expression),
 * which reports the exact offset of a problem and never backtracks more than one separator.
 */
final class VersionParser {

    private static final String[] PRE_LABELS = {"preview", "alpha", "beta", "pre", "rc", "a", "b", "c"};
    private static final Version.Phase[] PRE_PHASES = {
        Version.Phase.RC, Version.Phase.ALPHA, Version.Phase.BETA, Version.Phase.RC,
        Version.Phase.RC, Version.Phase.ALPHA, Version.Phase.BETA, Version.Phase.RC};
    private static final String[] POST_LABELS = {"post", "rev", "r"};
    private static final String[] DEV_LABELS = {"dev"};
    private static final long NONE = -1;

    private final String input;
    private final int start;
    private final int end;
    private int pos;

    VersionParser(String input, int start, int end, boolean trim) {
        if (trim) {
            while (start < end && Names.isPythonSpace(input.charAt(start))) {
                start++;
            }
            while (end > start && Names.isPythonSpace(input.charAt(end - 1))) {
                end--;
            }
        }
        this.input = input;
        this.start = start;
        this.end = end;
        this.pos = start;
    }

    Version parseVersion() {
        if (pos >= end) {
            throw new ParseException(input, pos, 1, "expected a version");
        }
        if (lower(pos) == 'v') {
            pos++;
        }
        if (!isDigit(pos)) {
            throw new ParseException(input, pos, 1, "expected a version number");
        }
        long epoch = 0;
        long first = number();
        if (pos < end && input.charAt(pos) == '!') {
            pos++;
            if (!isDigit(pos)) {
                throw new ParseException(input, pos, 1, "expected a release number after the epoch '!'");
            }
            epoch = first;
            first = number();
        }
        long[] release = new long[4];
        int count = 0;
        release[count++] = first;
        while (pos + 1 < end && input.charAt(pos) == '.' && isDigit(pos + 1)) {
            pos++;
            if (count == release.length) {
                release = Arrays.copyOf(release, count * 2);
            }
            release[count++] = number();
        }
        release = Arrays.copyOf(release, count);

        int phase = -1;
        long preNumber = 0;
        int label = label(PRE_LABELS);
        if (label >= 0) {
            phase = PRE_PHASES[label].ordinal();
            preNumber = optionalNumberAfterLabel();
        }

        long post = NONE;
        if (pos + 1 < end && input.charAt(pos) == '-' && isDigit(pos + 1)) {
            pos++;
            post = number(); // 1.0-1 is the implicit spelling of 1.0.post1
        } else if (label(POST_LABELS) >= 0) {
            post = optionalNumberAfterLabel();
        }

        long dev = NONE;
        if (label(DEV_LABELS) >= 0) {
            dev = optionalNumberAfterLabel();
        }

        String[] local = null;
        boolean[] numeric = null;
        if (pos < end && input.charAt(pos) == '+') {
            pos++;
            int partsStart = pos;
            int parts = 1;
            for (int i = pos; i < end; i++) {
                char c = input.charAt(i);
                if (c == '.' || c == '-' || c == '_') {
                    parts++;
                }
            }
            local = new String[parts];
            numeric = new boolean[parts];
            for (int p = 0; p < parts; p++) {
                if (p > 0) {
                    pos++; // the separator counted above
                }
                int s = pos;
                while (pos < end && Names.isAlnum(input.charAt(pos))) {
                    pos++;
                }
                if (pos == s) {
                    throw new ParseException(input, pos, 1,
                            p == 0 && s == partsStart ? "expected a local version label after '+'"
                                    : "expected letters or digits in the local version label");
                }
                if (pos < end && !isSeparator(input.charAt(pos))) {
                    break; // reported below as unexpected text
                }
                local[p] = localPart(s, pos);
                numeric[p] = isAllDigits(s, pos);
            }
            if (pos < end) {
                throw new ParseException(input, pos, end - pos, "invalid character in the local version label");
            }
        }
        if (pos < end) {
            throw new ParseException(input, pos, end - pos, "unexpected text after version '"
                    + input.substring(start, pos) + "'");
        }
        return Version.of(epoch, release, phase, preNumber, post, dev, local, numeric);
    }

    private String localPart(int s, int e) {
        if (isAllDigits(s, e)) {
            while (s < e - 1 && input.charAt(s) == '0') {
                s++;
            }
            return input.substring(s, e);
        }
        return input.substring(s, e).toLowerCase(java.util.Locale.ROOT);
    }

    private boolean isAllDigits(int s, int e) {
        for (int i = s; i < e; i++) {
            if (!isDigit(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Matches an optional separator and then one of {@code labels} (longest first, any case);
     * on success moves past it and returns its index, otherwise leaves the position alone.
     */
    private int label(String[] labels) {
        int at = pos;
        if (at < end && isSeparator(input.charAt(at))) {
            at++;
        }
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            if (matchesAsciiIgnoringCase(at, l)) {
                pos = at + l.length();
                return i;
            }
        }
        return -1;
    }

    // ASCII only: String.regionMatches(true, ...) would also accept e.g. U+017F for 's'.
    private boolean matchesAsciiIgnoringCase(int at, String lowerLabel) {
        if (at + lowerLabel.length() > end) {
            return false;
        }
        for (int i = 0; i < lowerLabel.length(); i++) {
            if (lower(at + i) != lowerLabel.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** After a label: an optional separator and an optional number (implicitly 0). */
    private long optionalNumberAfterLabel() {
        if (pos < end && isSeparator(input.charAt(pos))) {
            pos++;
        }
        return isDigit(pos) ? number() : 0;
    }

    private long number() {
        int s = pos;
        long value = 0;
        while (pos < end && isDigit(pos)) {
            int digit = input.charAt(pos) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                while (pos < end && isDigit(pos)) {
                    pos++;
                }
                throw new ParseException(input, s, pos - s, "number too large");
            }
            value = value * 10 + digit;
            pos++;
        }
        return value;
    }

    private boolean isDigit(int i) {
        if (i >= end) {
            return false;
        }
        char c = input.charAt(i);
        return c >= '0' && c <= '9';
    }

    private char lower(int i) {
        char c = input.charAt(i);
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '-' || c == '_';
    }
}
