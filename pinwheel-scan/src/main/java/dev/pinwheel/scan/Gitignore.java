package dev.pinwheel.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of one {@code .gitignore} file, matched as git does (gitignore(5)): blank lines
 * and {@code #} comments skipped, {@code \#} and {@code \!} escapes, trailing spaces trimmed
 * unless escaped, {@code !} negation, a trailing {@code /} matching directories only, a
 * {@code /} at the start or in the middle anchoring the pattern to this file's directory (else
 * it matches at any depth), {@code *}, {@code ?}, {@code [...]} never crossing a {@code /}, and
 * {@code **} in its leading, trailing and middle forms.
 */
final class Gitignore {

    /** The verdict of one file's patterns on a path. */
    enum Match { IGNORED, NOT_IGNORED, NONE }

    private record Rule(Pattern regex, boolean negated, boolean directoryOnly) {
    }

    private final List<Rule> rules;

    private Gitignore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static Gitignore parse(String content) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : content.split("\r?\n|\r", -1)) {
            Rule r = rule(raw);
            if (r != null) {
                rules.add(r);
            }
        }
        return new Gitignore(rules);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Matches a path relative to this file's directory ({@code /}-separated, no leading slash).
     * The last matching pattern decides, as in git.
     */
    Match match(String relativePath, boolean directory) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.directoryOnly() && !directory) {
                continue;
            }
            if (r.regex().matcher(relativePath).matches()) {
                return r.negated() ? Match.NOT_IGNORED : Match.IGNORED;
            }
        }
        return Match.NONE;
    }

    private static Rule rule(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        // Trailing spaces are dropped unless escaped with a backslash.
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end >= 2 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        String p = line.substring(0, end);
        boolean negated = false;
        if (p.startsWith("!")) {
            negated = true;
            p = p.substring(1);
        } else if (p.startsWith("\\!") || p.startsWith("\\#")) {
            p = p.substring(1);
        }
        boolean directoryOnly = false;
        if (p.endsWith("/") && !p.endsWith("\\/")) {
            directoryOnly = true;
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return null;
        }
        boolean anchored = p.indexOf('/') >= 0;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        String regex = translate(p);
        // An unanchored pattern matches a name at any depth.
        String full = anchored || p.startsWith("**/") ? regex : "(?:.*/)?" + regex;
        return new Rule(Pattern.compile(full, Pattern.DOTALL), negated, directoryOnly);
    }

    /** Translates a glob to a regex over a whole relative path. */
    static String translate(String glob) {
        StringBuilder sb = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*'
                    && (i == 0 || glob.charAt(i - 1) == '/')
                    && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                if (i + 2 == n) {
                    sb.append(".*"); // trailing "/**": everything inside
                    i += 2;
                } else {
                    sb.append("(?:.*/)?"); // "**/" : zero or more directories
                    i += 3;
                }
                continue;
            }
            switch (c) {
                case '*' -> sb.append("[^/]*");
                case '?' -> sb.append("[^/]");
                case '[' -> {
                    int close = classEnd(glob, i);
                    if (close < 0) {
                        sb.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close);
                        StringBuilder cls = new StringBuilder();
                        int j = 0;
                        boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
                        if (negated) {
                            j = 1;
                        }
                        for (; j < body.length(); j++) {
                            char b = body.charAt(j);
                            if (b == '\\' && j + 1 < body.length()) {
                                cls.append('\\').append(body.charAt(++j));
                            } else if (b == '[' || b == ']' || b == '^' || b == '&' || b == '\\') {
                                cls.append('\\').append(b);
                            } else {
                                cls.append(b);
                            }
                        }
                        // A class never matches '/', negated or not.
                        sb.append(negated ? "(?!/)[^" + cls + "]" : "[" + cls + "]");
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> {
                    if ("().+{}|^$".indexOf(c) >= 0) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
            i++;
        }
        return sb.toString();
    }

    private static int classEnd(String glob, int open) {
        int j = open + 1;
        if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++;
        }
        for (; j < glob.length(); j++) {
            if (glob.charAt(j) == ']') {
                return j;
            }
        }
        return -1;
    }
}
