package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Core metadata of a distribution: the {@code METADATA} file of a wheel or the {@code PKG-INFO}
 * of an sdist, Metadata-Version 1.0 to 2.4. The format is RFC 822-style headers: {@code Field:
 * value} lines, continuation lines that start with a space or tab, repeatable fields, field
 * names in any case, and after the first blank line a body that is the description.
 *
 * <p>What is fatal and what is tolerated (real packages ship all of these):
 * <ul>
 *   <li>Fatal ({@link ParseException}): a missing or malformed {@code Metadata-Version},
 *       {@code Name} or {@code Version}, or a Metadata-Version with a major version above 2
 *       (the spec says to refuse those).</li>
 *   <li>Tolerated and listed in {@link #problems()}: a {@code Requires-Dist} that is not PEP 508
 *       (left out of {@link #requiresDist()}); a {@code Requires-Python} with stray commas,
 *       {@code =>}, a lone {@code =} or {@code .*} after an ordering operator (repaired), or one
 *       that cannot be repaired (treated as no constraint, as pip does); an invalid
 *       {@code Provides-Extra} (left out); a repeated single-use field (first wins); an unknown
 *       minor Metadata-Version; a line in the header block that is not a header (starts the
 *       body, as Python's email parser does); {@code Name}/{@code Version} marked Dynamic.</li>
 * </ul>
 */
public final class CoreMetadata {

    /** Something in the metadata that was repaired or ignored; {@code line} is 1-based. */
    public record Problem(String field, int line, String value, String reason) {
        @Override
        public String toString() {
            return "line " + line + (field.isEmpty() ? "" : " (" + field + ")") + ": " + reason
                    + (value.isEmpty() ? "" : ": '" + value + "'");
        }
    }

    /** A header field's value with where it starts in the text. */
    private record Field(String name, String value, int offset, int line) {
    }

    private static final Set<String> KNOWN_VERSIONS = Set.of("1.0", "1.1", "1.2", "2.0", "2.1", "2.2", "2.3", "2.4");
    private static final Set<String> SINGLE_FIELDS = Set.of("metadata-version", "name", "version", "summary",
            "description", "description-content-type", "home-page", "download-url", "author", "author-email",
            "maintainer", "maintainer-email", "license", "license-expression", "requires-python");

    private final String metadataVersion;
    private final ProjectName name;
    private final Version version;
    private final List<Requirement> requiresDist;
    private final SpecifierSet requiresPython;
    private final Set<ExtraName> providesExtra;
    private final Set<String> dynamic;
    private final Map<String, List<String>> fields;
    private final String body;
    private final List<Problem> problems;

    private CoreMetadata(String metadataVersion, ProjectName name, Version version, List<Requirement> requiresDist,
            SpecifierSet requiresPython, Set<ExtraName> providesExtra, Set<String> dynamic,
            Map<String, List<String>> fields, String body, List<Problem> problems) {
        this.metadataVersion = metadataVersion;
        this.name = name;
        this.version = version;
        this.requiresDist = List.copyOf(requiresDist);
        this.requiresPython = requiresPython;
        this.providesExtra = Collections.unmodifiableSet(new LinkedHashSet<>(providesExtra));
        this.dynamic = Collections.unmodifiableSet(new LinkedHashSet<>(dynamic));
        this.fields = fields;
        this.body = body;
        this.problems = List.copyOf(problems);
    }

    /**
     * Parses METADATA / PKG-INFO text (already decoded; UTF-8 by the spec). A ParseException's
     * offset points into {@code text}; call {@link ParseException#withSource} with the file name
     * and line 1 to get {@code file:line:column}.
     */
    public static CoreMetadata parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Problem> problems = new ArrayList<>();
        List<Field> headers = new ArrayList<>();
        int bodyStart = readHeaders(text, headers, problems);
        Map<String, List<Field>> byName = new LinkedHashMap<>();
        for (Field field : headers) {
            byName.computeIfAbsent(field.name, k -> new ArrayList<>()).add(field);
        }
        for (Map.Entry<String, List<Field>> e : byName.entrySet()) {
            List<Field> all = e.getValue();
            if (SINGLE_FIELDS.contains(e.getKey()) && all.size() > 1
                    && all.stream().map(Field::value).distinct().count() > 1) {
                problems.add(new Problem(all.get(1).name, all.get(1).line, flat(all.get(1).value),
                        "repeated field; the first value is used"));
            }
        }

        Field versionField = required(text, byName, "metadata-version");
        String metadataVersion = versionField.value.strip();
        int dot = metadataVersion.indexOf('.');
        if (!isDigits(metadataVersion, 0, dot) || !isDigits(metadataVersion, dot + 1, metadataVersion.length())) {
            throw new ParseException(text, versionField.offset, versionField.value.length(),
                    "Metadata-Version must be MAJOR.MINOR, e.g. 2.1");
        }
        if (majorAboveTwo(metadataVersion, dot)) {
            throw new ParseException(text, versionField.offset, versionField.value.length(),
                    "Metadata-Version " + metadataVersion + " is newer than the 2.x this tool understands");
        }
        if (!KNOWN_VERSIONS.contains(metadataVersion)) {
            problems.add(new Problem("Metadata-Version", versionField.line, metadataVersion,
                    "unknown Metadata-Version; read as 2.x"));
        }

        Field nameField = required(text, byName, "name");
        ProjectName name = parseAt(text, nameField, ProjectName::parse, "invalid Name");
        Field projectVersionField = required(text, byName, "version");
        Version version = parseAt(text, projectVersionField, Version::parse, "invalid Version");

        List<Requirement> requiresDist = new ArrayList<>();
        for (Field field : byName.getOrDefault("requires-dist", List.of())) {
            try {
                requiresDist.add(Requirement.parse(flat(field.value)));
            } catch (ParseException e) {
                problems.add(new Problem("Requires-Dist", field.line, flat(field.value),
                        "not a PEP 508 requirement, ignored (" + e.reason() + ")"));
            }
        }

        SpecifierSet requiresPython = SpecifierSet.any();
        List<Field> pythonFields = byName.getOrDefault("requires-python", List.of());
        if (!pythonFields.isEmpty()) {
            requiresPython = requiresPython(pythonFields.get(0), problems);
        }

        Set<ExtraName> extras = new LinkedHashSet<>();
        for (Field field : byName.getOrDefault("provides-extra", List.of())) {
            try {
                extras.add(ExtraName.parse(flat(field.value).strip()));
            } catch (ParseException e) {
                problems.add(new Problem("Provides-Extra", field.line, flat(field.value),
                        "not a valid extra name, ignored (" + e.reason() + ")"));
            }
        }

        Set<String> dynamic = new LinkedHashSet<>();
        for (Field field : byName.getOrDefault("dynamic", List.of())) {
            String value = flat(field.value).strip().toLowerCase(Locale.ROOT);
            if (value.equals("name") || value.equals("version") || value.equals("metadata-version")) {
                problems.add(new Problem("Dynamic", field.line, value, "this field cannot be dynamic (PEP 643)"));
            }
            if (!value.isEmpty()) {
                dynamic.add(value);
            }
        }

        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Map.Entry<String, List<Field>> e : byName.entrySet()) { // (no streams: read ~200 times per chill)
            String[] values = new String[e.getValue().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = e.getValue().get(i).value;
            }
            fields.put(e.getKey(), List.of(values));
        }
        String body = bodyStart < text.length() ? text.substring(bodyStart) : "";
        return new CoreMetadata(metadataVersion, name, version, requiresDist, requiresPython, extras, dynamic,
                Collections.unmodifiableMap(fields), body, problems);
    }

    /**
     * Splits the header block into fields (continuations appended with their line break) and
     * returns where the body starts.
     */
    private static int readHeaders(String text, List<Field> headers, List<Problem> problems) {
        int pos = 0;
        int lineNumber = 0;
        if (text.startsWith("\uFEFF")) {
            pos = 1;
        }
        boolean cr = text.indexOf('\r') >= 0; // without one, a line ends at the next '\n'
        String currentName = null;
        StringBuilder currentValue = null;
        int currentOffset = 0;
        int currentLine = 0;
        while (pos < text.length()) {
            int end = cr ? lineEnd(text, pos) : newlineOrEnd(text, pos);
            int next = nextLine(text, end);
            lineNumber++;
            String line = text.substring(pos, end);
            if (line.isEmpty()) {
                pos = next;
                break;
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                if (currentName != null) {
                    currentValue.append('\n').append(line);
                } else {
                    problems.add(new Problem("", lineNumber, line.strip(), "continuation line without a field, ignored"));
                }
                pos = next;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isFieldName(line, colon)) {
                problems.add(new Problem("", lineNumber, line, "not a 'Field: value' line; the description starts here"));
                break;
            }
            if (currentName != null) {
                headers.add(new Field(currentName, currentValue.toString(), currentOffset, currentLine));
            }
            currentName = line.substring(0, colon).toLowerCase(Locale.ROOT);
            int valueStart = colon + 1;
            while (valueStart < line.length() && (line.charAt(valueStart) == ' ' || line.charAt(valueStart) == '\t')) {
                valueStart++;
            }
            currentValue = new StringBuilder(line.substring(valueStart));
            currentOffset = pos + valueStart;
            currentLine = lineNumber;
            pos = next;
        }
        if (currentName != null) {
            headers.add(new Field(currentName, currentValue.toString(), currentOffset, currentLine));
        }
        return pos;
    }

    /** Whether the digits before {@code dot} make a number above 2 (of any length). */
    private static boolean majorAboveTwo(String version, int dot) {
        int first = 0;
        while (first < dot - 1 && version.charAt(first) == '0') {
            first++;
        }
        return dot - first > 1 || version.charAt(first) > '2';
    }

    /** Whether {@code text[from, to)} is one or more ASCII digits. */
    private static boolean isDigits(String text, int from, int to) {
        if (from < 0 || from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int newlineOrEnd(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline;
    }

    private static int nextLine(String text, int end) {
        if (end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n') {
            return end + 2;
        }
        return Math.min(text.length(), end + 1);
    }

    /** RFC 5322 field names: printable ASCII except space and colon. */
    private static boolean isFieldName(String line, int colon) {
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static Field required(String text, Map<String, List<Field>> byName, String field) {
        List<Field> values = byName.get(field);
        if (values == null) {
            throw new ParseException(text, 0, 0, "missing required field '" + display(field) + "'");
        }
        return values.get(0);
    }

    private static String display(String field) {
        StringBuilder out = new StringBuilder(field.length());
        boolean upper = true;
        for (char c : field.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }

    private static <T> T parseAt(String text, Field field, Function<String, T> parser, String what) {
        String value = field.value.strip();
        try {
            return parser.apply(value);
        } catch (ParseException e) {
            int lead = field.value.indexOf(value);
            throw new ParseException(text, field.offset + lead + e.offset(), Math.max(1, e.length()),
                    what + ": " + e.reason());
        }
    }

    /** Folded lines joined with single spaces: the value as one logical line. */
    private static String flat(String value) {
        return value.indexOf('\n') < 0 ? value : value.replaceAll("\\s*\\n\\s*", " ");
    }

    private static SpecifierSet requiresPython(Field field, List<Problem> problems) {
        String value = flat(field.value).strip();
        try {
            return SpecifierSet.parse(value);
        } catch (ParseException e) {
            String repaired = repairSpecifiers(value);
            try {
                SpecifierSet set = SpecifierSet.parse(repaired);
                problems.add(new Problem("Requires-Python", field.line, value, "repaired to '" + set + "'"));
                return set;
            } catch (ParseException again) {
                problems.add(new Problem("Requires-Python", field.line, value,
                        "not a version specifier, ignored (" + e.reason() + ")"));
                return SpecifierSet.any();
            }
        }
    }

    /**
     * Fixes the mistakes found in real Requires-Python values: empty clauses from stray
     * commas, {@code =>} and {@code =<}, a lone {@code =}, and {@code .*} after an ordering
     * operator (which PEP 440 forbids but which authors mean as the plain version).
     */
    static String repairSpecifiers(String value) {
        List<String> clauses = new ArrayList<>();
        for (String clause : value.split(",")) {
            String c = clause.strip();
            if (c.isEmpty()) {
                continue;
            }
            if (c.startsWith("=>")) {
                c = ">=" + c.substring(2);
            } else if (c.startsWith("=<")) {
                c = "<=" + c.substring(2);
            } else if (c.startsWith("=") && !c.startsWith("==")) {
                c = "=" + c;
            }
            if ((c.startsWith(">") || c.startsWith("<")) && c.endsWith(".*")) {
                c = c.substring(0, c.length() - 2);
            }
            clauses.add(c);
        }
        return String.join(", ", clauses);
    }

    public String metadataVersion() {
        return metadataVersion;
    }

    public ProjectName name() {
        return name;
    }

    public Version version() {
        return version;
    }

    /** Every Requires-Dist that parsed, in file order (see {@link #problems()} for the rest). */
    public List<Requirement> requiresDist() {
        return requiresDist;
    }

    /** Requires-Python; {@link SpecifierSet#any()} when absent or unusable. */
    public SpecifierSet requiresPython() {
        return requiresPython;
    }

    /** Provides-Extra, normalized (PEP 685), in file order. */
    public Set<ExtraName> providesExtra() {
        return providesExtra;
    }

    /** The fields marked Dynamic (PEP 643), lower-cased (e.g. {@code requires-dist}). */
    public Set<String> dynamic() {
        return dynamic;
    }

    /** Whether {@code field} (any case) is marked Dynamic. */
    public boolean isDynamic(String field) {
        return dynamic.contains(field.toLowerCase(Locale.ROOT));
    }

    /** Every value of {@code field} (any case), in file order; folded lines keep their breaks. */
    public List<String> get(String field) {
        return fields.getOrDefault(field.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value of {@code field}, if present. */
    public Optional<String> first(String field) {
        List<String> values = get(field);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body after the headers (the description since Metadata-Version 2.1), or "". */
    public String body() {
        return body;
    }

    /** What was repaired or ignored while reading, in file order of discovery. */
    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return name + " " + version + " (Metadata-Version " + metadataVersion + ")";
    }
}
