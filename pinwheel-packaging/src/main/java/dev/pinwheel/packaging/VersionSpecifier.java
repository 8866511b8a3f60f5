package dev.pinwheel.packaging;

import java.util.Optional;

/**
 * One PEP 440 version clause: an operator and a version, e.g. {@code >=1.4}, {@code ==2.*},
 * {@code ~=1.4.2}, {@code ===foobar}.
 *
 * <p>Matching follows PEP 440 (and pip's {@code packaging}): {@code ==V} ignores the candidate's
 * local label unless V has one; wildcards compare zero-padded release prefixes; {@code <V} never
 * admits pre-releases of V itself unless V is one, {@code >V} never admits post-releases or
 * local versions of V itself unless V is a post-release; {@code ===} compares the text.
 */
public final class VersionSpecifier {

    /** The comparison operators of PEP 440. */
    public enum Operator {
        COMPATIBLE("~="), EQUAL("=="), NOT_EQUAL("!="), LESS_EQUAL("<="), GREATER_EQUAL(">="),
        LESS("<"), GREATER(">"), ARBITRARY("===");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    // Longest first, so "===" is not read as "==" followed by "=".
    private static final Operator[] BY_LENGTH = {
        Operator.ARBITRARY, Operator.COMPATIBLE, Operator.EQUAL, Operator.NOT_EQUAL,
        Operator.LESS_EQUAL, Operator.GREATER_EQUAL, Operator.LESS, Operator.GREATER};

    private final Operator operator;
    private final Version version;   // null only for === with text that is not a PEP 440 version
    private final boolean wildcard;
    private final String text;       // normalized version text (as written for ===)
    private final boolean prereleases;
    private final Version lessThan; // for <V: V itself, or V.dev0 when V is no pre-release
    private final String display;

    private VersionSpecifier(Operator operator, Version version, boolean wildcard, String text) {
        this.operator = operator;
        this.version = version;
        this.display = operator.symbol() + text;
        this.lessThan = operator == Operator.LESS && !version.isPrerelease() ? version.firstDevRelease() : version;
        this.wildcard = wildcard;
        this.text = text;
        this.prereleases = operator != Operator.NOT_EQUAL && !wildcard && version != null
                && version.isPrerelease();
    }

    /**
     * Parses one clause such as {@code >= 1.0} (whitespace around the operator is allowed).
     *
     * @throws ParseException when the clause is malformed
     */
    public static VersionSpecifier parse(String text) {
        return parse(text, 0, text.length());
    }

    /** A clause comparing with {@code version}; wildcards and {@code ===} need {@link #parse}. */
    public static VersionSpecifier of(Operator operator, Version version) {
        if (operator == Operator.ARBITRARY) {
            return new VersionSpecifier(operator, version, false, version.toString());
        }
        String written = operator.symbol() + version;
        return parse(written, 0, written.length());
    }

    static VersionSpecifier parse(String input, int start, int end) {
        int pos = skipSpace(input, start, end);
        Operator operator = null;
        for (Operator candidate : BY_LENGTH) {
            if (input.startsWith(candidate.symbol(), pos) && pos + candidate.symbol().length() <= end) {
                operator = candidate;
                break;
            }
        }
        if (operator == null) {
            throw new ParseException(input, pos, 1, misspelledOperator(input, pos, end));
        }
        int opEnd = pos + operator.symbol().length();
        int from = skipSpace(input, opEnd, end);
        int to = end;
        while (to > from && Names.isPythonSpace(input.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            throw new ParseException(input, from, 1,
                    "expected a version after '" + operator.symbol() + "'");
        }
        if (operator == Operator.ARBITRARY) {
            for (int i = from; i < to; i++) {
                char c = input.charAt(i);
                if (Names.isPythonSpace(c) || c == ';' || c == ')') { // PEP 440's "any non-space" stops here in PEP 508
                    throw new ParseException(input, i, to - i, "unexpected text after '===" + input.substring(from, i) + "'");
                }
            }
            String raw = input.substring(from, to);
            Version parsed = null;
            try {
                parsed = Version.parse(raw);
            } catch (ParseException notAVersion) {
                // === exists precisely for strings that are not PEP 440 versions.
            }
            return new VersionSpecifier(operator, parsed, false, raw);
        }
        boolean wildcard = to - from >= 2 && input.charAt(to - 1) == '*' && input.charAt(to - 2) == '.';
        if (wildcard) {
            if (operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
                throw new ParseException(input, to - 2, 2,
                        "a '.*' wildcard is only allowed with == and !=");
            }
            Version prefix = Version.parse(input, from, to - 2);
            if (prefix.isPrerelease() || prefix.isPostRelease() || prefix.isLocal()) {
                throw new ParseException(input, from, to - from,
                        "a '.*' wildcard may only follow release numbers");
            }
            return new VersionSpecifier(operator, prefix, true, prefix + ".*");
        }
        Version version = Version.parse(input, from, to);
        if (version.isLocal() && operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
            int plus = input.indexOf('+', from);
            throw new ParseException(input, plus, to - plus,
                    "a local version label is only allowed with == and !=");
        }
        if (operator == Operator.COMPATIBLE && version.releaseLength() < 2) {
            throw new ParseException(input, from, to - from,
                    "'~=' needs at least two release numbers, e.g. ~=1.4");
        }
        return new VersionSpecifier(operator, version, false, version.toString());
    }

    /** Names the usual slips ({@code =}, {@code =>}, {@code =<}) instead of listing operators. */
    private static String misspelledOperator(String input, int pos, int end) {
        String rest = input.substring(pos, Math.min(end, pos + 2));
        if (rest.startsWith("=>")) {
            return "unknown operator '=>'; use '>='";
        }
        if (rest.startsWith("=<")) {
            return "unknown operator '=<'; use '<='";
        }
        if (rest.startsWith("=") || rest.startsWith("!") && !rest.startsWith("!=")) {
            return "unknown operator '" + rest.charAt(0) + "'; use '==' for an exact version or '!=' to exclude one";
        }
        return "expected a version operator (==, !=, <=, >=, <, >, ~=, ===)";
    }

    private static int skipSpace(String input, int pos, int end) {
        while (pos < end && Names.isPythonSpace(input.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    public Operator operator() {
        return operator;
    }

    /**
     * The version compared with; for a wildcard the release prefix ({@code 1.2} for
     * {@code ==1.2.*}); empty only for {@code ===} with text that is not a PEP 440 version.
     */
    public Optional<Version> version() {
        return Optional.ofNullable(version);
    }

    public boolean isWildcard() {
        return wildcard;
    }

    /** Whether this clause names a pre-release (other than through {@code !=}). */
    public boolean allowsPrereleases() {
        return prereleases;
    }

    /** Whether {@code candidate} matches, admitting pre-releases only if the clause names one. */
    public boolean contains(Version candidate) {
        return contains(candidate, prereleases);
    }

    /**
     * Whether {@code candidate} matches; {@code prereleases} says whether pre-releases may match
     * at all (true as with pip's {@code --pre}; false rejects them outright).
     */
    public boolean contains(Version candidate, boolean prereleases) {
        if (!prereleases && candidate.isPrerelease()) {
            return false;
        }
        return matches(candidate);
    }

    /** The operator's rule alone, without the pre-release gate. */
    boolean matches(Version v) {
        switch (operator) {
            case EQUAL:
                return equalsClause(v);
            case NOT_EQUAL:
                return !equalsClause(v);
            case COMPATIBLE:
                return v.comparePublic(version) >= 0 && prefixMatches(v, version.releaseLength() - 1);
            case LESS_EQUAL:
                return v.comparePublic(version) <= 0;
            case GREATER_EQUAL:
                return v.comparePublic(version) >= 0;
            case LESS:
                // <2.0 is <2.0.dev0: it must not let 2.0rc1 in through the back door; likewise
                // <2.0.post1 excludes 2.0.post1.dev1 but not 2.0a1 (packaging 26 reading).
                return v.comparePublic(lessThan) < 0;
            case GREATER:
                // >V excludes V's local versions and, unless V is a post or dev release, the
                // post-releases of V itself: >1.0 rejects 1.0.post1, >1.0a1 still takes 1.0.post1.
                if (v.comparePublic(version) <= 0) {
                    return false;
                }
                if (version.isDevRelease() || version.isPostRelease()) {
                    return true;
                }
                return v.compareBase(version) != 0 || !v.samePre(version);
            case ARBITRARY:
                return v.toString().equalsIgnoreCase(text);
            default:
                throw new IllegalStateException(operator.toString());
        }
    }

    private boolean equalsClause(Version v) {
        if (wildcard) {
            return prefixMatches(v, version.releaseLength());
        }
        return version.isLocal() ? v.compareTo(version) == 0 : v.comparePublic(version) == 0;
    }

    /** Same epoch and the first {@code length} release numbers equal, zero padded. */
    private boolean prefixMatches(Version v, int length) {
        if (v.epoch() != version.epoch()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (v.releasePart(i) != version.releasePart(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionSpecifier && ((VersionSpecifier) o).operator == operator
                && ((VersionSpecifier) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return operator.hashCode() * 31 + text.hashCode();
    }

    /** The normalized clause, e.g. {@code >=1.0.post1} or {@code ==1.2.*}. */
    @Override
    public String toString() {
        return display;
    }
}
