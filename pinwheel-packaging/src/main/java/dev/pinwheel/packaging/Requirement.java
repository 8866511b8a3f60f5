package dev.pinwheel.packaging;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A PEP 508 dependency specification: {@code name[extra,...] specifiers ; marker} or
 * {@code name[extra,...] @ url ; marker}.
 *
 * <p>Specifiers may stand bare or in parentheses. After a URL the marker's {@code ;} must be
 * preceded by whitespace, because a URL may itself contain {@code ;} (as in pip). {@link
 * #toString()} gives the normalized form: normalized name, sorted extras, sorted clauses.
 */
public final class Requirement {

    private final ProjectName name;
    private final SortedSet<ExtraName> extras;
    private final SpecifierSet specifier;
    private final String url;
    private final Marker marker;

    private Requirement(ProjectName name, SortedSet<ExtraName> extras, SpecifierSet specifier, String url,
                        Marker marker) {
        this.name = name;
        this.extras = Collections.unmodifiableSortedSet(new TreeSet<>(extras));
        this.specifier = specifier;
        this.url = url;
        this.marker = marker;
    }

    /**
     * Parses one PEP 508 requirement (surrounding spaces and tabs are ignored).
     *
     * @throws ParseException with the offending position
     */
    public static Requirement parse(String text) {
        return new Parser(text).parse();
    }

    /** A requirement on {@code name} with the given parts ({@code url} and {@code marker} may be null). */
    public static Requirement of(ProjectName name, Set<ExtraName> extras, SpecifierSet specifier, String url,
                                 Marker marker) {
        if (url != null && !specifier.isEmpty()) {
            throw new IllegalArgumentException("a requirement has either a URL or version specifiers");
        }
        return new Requirement(Objects.requireNonNull(name, "name"), new TreeSet<>(extras),
                Objects.requireNonNull(specifier, "specifier"), url, marker);
    }

    public ProjectName name() {
        return name;
    }

    public SortedSet<ExtraName> extras() {
        return extras;
    }

    /** The version clauses; empty for a URL requirement or a bare name. */
    public SpecifierSet specifier() {
        return specifier;
    }

    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    public Optional<Marker> marker() {
        return Optional.ofNullable(marker);
    }

    /** Whether the marker (if any) holds in {@code env} with {@code extras} selected. */
    public boolean appliesTo(MarkerEnvironment env, Set<ExtraName> extras) {
        return marker == null || marker.evaluate(env, extras);
    }

    public Requirement withMarker(Marker newMarker) {
        return new Requirement(name, extras, specifier, url, newMarker);
    }

    public Requirement withSpecifier(SpecifierSet newSpecifier) {
        return of(name, extras, newSpecifier, url, marker);
    }

    public Requirement withExtras(Set<ExtraName> newExtras) {
        return new Requirement(name, new TreeSet<>(newExtras), specifier, url, marker);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Requirement)) {
            return false;
        }
        Requirement r = (Requirement) o;
        return name.equals(r.name) && extras.equals(r.extras) && specifier.equals(r.specifier)
                && Objects.equals(url, r.url) && Objects.equals(marker, r.marker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, extras, specifier, url, marker);
    }

    /** E.g. {@code uvicorn[standard]<1,>=0.30; python_version >= "3.9"} or {@code pkg @ https://x/pkg.whl ; os_name == "nt"}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name.toString());
        if (!extras.isEmpty()) {
            b.append('[');
            boolean first = true;
            for (ExtraName e : extras) {
                if (!first) {
                    b.append(',');
                }
                b.append(e);
                first = false;
            }
            b.append(']');
        }
        b.append(specifier);
        if (url != null) {
            b.append(" @ ").append(url);
            if (marker != null) {
                b.append(' ');
            }
        }
        if (marker != null) {
            b.append("; ").append(marker);
        }
        return b.toString();
    }

    private static final class Parser {
        private final String input;
        private final int end;
        private int pos;

        Parser(String input) {
            this.input = input;
            int e = input.length();
            while (e > 0 && isSpace(input.charAt(e - 1))) {
                e--;
            }
            this.end = e;
        }

        Requirement parse() {
            skipSpace();
            int nameStart = pos;
            while (pos < end && Names.isNameChar(input.charAt(pos))) {
                pos++;
            }
            if (pos == nameStart) {
                throw new ParseException(input, pos, 1, "expected a project name");
            }
            ProjectName name = ProjectName.parse(input, nameStart, pos);
            skipSpace();
            SortedSet<ExtraName> extras = new TreeSet<>();
            if (pos < end && input.charAt(pos) == '[') {
                parseExtras(extras);
                skipSpace();
            }
            SpecifierSet specifier = SpecifierSet.any();
            String url = null;
            if (pos < end && input.charAt(pos) == '@') {
                pos++;
                skipSpace();
                int urlStart = pos;
                while (pos < end && !Names.isPythonSpace(input.charAt(pos))) {
                    pos++;
                }
                if (pos == urlStart) {
                    throw new ParseException(input, pos, 1, "expected a URL after '@'");
                }
                url = input.substring(urlStart, pos);
                int urlEnd = pos;
                skipSpace();
                if (pos < end && (pos == urlEnd || input.charAt(pos) != ';')) {
                    throw new ParseException(input, pos, 1, "expected ';' or the end after the URL");
                }
            } else if (pos < end && input.charAt(pos) == '(') {
                int open = pos;
                int close = pos + 1;
                while (close < end && input.charAt(close) != ')' && input.charAt(close) != ';') {
                    close++;
                }
                if (close >= end || input.charAt(close) != ')') {
                    throw new ParseException(input, close, 1, "expected ')' to close the '(' at column " + (open + 1));
                }
                if (!Names.isBlank(input, open + 1, close)) { // "name ()" is a valid, empty list
                    specifier = SpecifierSet.parse(input, open + 1, close, true);
                }
                pos = close + 1;
                skipSpace();
            } else if (pos < end && "<>=!~".indexOf(input.charAt(pos)) >= 0) {
                int specEnd = input.indexOf(';', pos);
                if (specEnd < 0 || specEnd > end) {
                    specEnd = end;
                }
                specifier = SpecifierSet.parse(input, pos, specEnd, true);
                pos = specEnd;
            }
            Marker marker = null;
            if (pos < end && input.charAt(pos) == ';') {
                marker = Marker.parse(input, pos + 1, end);
                pos = end;
            }
            if (pos < end) {
                throw new ParseException(input, pos, end - pos, url == null && specifier.isEmpty() && extras.isEmpty()
                        ? "expected '[', a version specifier, '@ URL', ';' or the end after the name"
                        : "expected ';' or the end");
            }
            return new Requirement(name, extras, specifier, url, marker);
        }

        private void parseExtras(SortedSet<ExtraName> extras) {
            int open = pos;
            pos++;
            skipSpace();
            if (pos < end && input.charAt(pos) == ']') {
                pos++;
                return;
            }
            while (true) {
                skipSpace();
                int s = pos;
                while (pos < end && Names.isNameChar(input.charAt(pos))) {
                    pos++;
                }
                extras.add(ExtraName.parse(input, s, pos));
                skipSpace();
                if (pos < end && input.charAt(pos) == ',') {
                    pos++;
                } else if (pos < end && input.charAt(pos) == ']') {
                    pos++;
                    return;
                } else {
                    throw new ParseException(input, pos, 1, pos >= end
                            ? "expected ']' to close the '[' at column " + (open + 1)
                            : "expected ',' or ']' in the extras");
                }
            }
        }

        private void skipSpace() {
            while (pos < end && isSpace(input.charAt(pos))) {
                pos++;
            }
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
