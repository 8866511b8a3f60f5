package dev.pinwheel.packaging;

/** The PEP 508 name grammar and the PEP 503 normalization shared by project and extra names. */
final class Names {

    private Names() {
    }

    static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * Whitespace as Python's {@code \s} and {@code str.strip()} see it, which also covers the
     * no-break spaces and U+0085 that {@link Character#isWhitespace} leaves out.
     */
    static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    static boolean isBlank(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!isPythonSpace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isNameChar(char c) {
        return isAlnum(c) || c == '-' || c == '_' || c == '.';
    }

    /**
     * Validates {@code input[start, end)} as a PEP 508 name (ASCII letters and digits, with
     * {@code - _ .} only between them) and returns its normalized form: lower case, each run of
     * {@code - _ .} replaced by one {@code -}.
     */
    static String normalize(String input, int start, int end, String what) {
        if (start >= end) {
            throw new ParseException(input, start, 1, "expected " + what);
        }
        if (!isAlnum(input.charAt(start))) {
            throw new ParseException(input, start, 1, what + " must start with a letter or digit");
        }
        StringBuilder out = null;
        boolean inSeparator = false;
        for (int i = start; i < end; i++) {
            char c = input.charAt(i);
            if (!isNameChar(c)) {
                throw new ParseException(input, i, 1, "invalid character in " + what);
            }
            boolean separator = c == '-' || c == '_' || c == '.';
            boolean needsRewrite = (c >= 'A' && c <= 'Z') || (separator && (c != '-' || inSeparator));
            if (needsRewrite && out == null) {
                out = new StringBuilder(end - start);
                out.append(input, start, i);
            }
            if (out != null) {
                if (separator) {
                    if (!inSeparator) {
                        out.append('-');
                    }
                } else {
                    out.append(Character.toLowerCase(c));
                }
            }
            inSeparator = separator;
        }
        if (inSeparator) {
            throw new ParseException(input, end - 1, 1, what + " must end with a letter or digit");
        }
        return out == null ? input.substring(start, end) : out.toString();
    }
}
