package dev.pinwheel.packaging;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The machinery behind {@link RequirementsFile#parse}; one instance per top-level parse. */
final class RequirementsFileParser {

    /** Includes deeper than this are surely a mistake (a cycle through differently spelled paths). */
    private static final int MAX_DEPTH = 64;

    private static final Set<String> URL_SCHEMES = Set.of("http", "https", "file", "ftp",
            "git", "git+http", "git+https", "git+ssh", "git+git", "git+file",
            "hg", "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
            "svn", "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
            "bzr", "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file");
    private static final List<String> ARCHIVES = List.of(".whl", ".zip", ".tar.gz", ".tar.bz2", ".tar.xz", ".tgz",
            ".tbz", ".txz", ".tar");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:[\\\\/].*", Pattern.DOTALL);
    private static final Map<String, Integer> HASH_LENGTHS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);

    private enum Option {
        REQUIREMENT(true, false), CONSTRAINT(true, false), EDITABLE(true, false), INDEX_URL(true, false),
        EXTRA_INDEX_URL(true, false), NO_INDEX(false, false), FIND_LINKS(true, false), PRE(false, false),
        TRUSTED_HOST(true, false), ONLY_BINARY(true, false), NO_BINARY(true, false), PREFER_BINARY(false, false),
        REQUIRE_HASHES(false, false), HASH(true, true), CONFIG_SETTINGS(true, true);

        final boolean takesValue;
        final boolean perRequirement;

        Option(boolean takesValue, boolean perRequirement) {
            this.takesValue = takesValue;
            this.perRequirement = perRequirement;
        }
    }

    private static final Map<String, Option> OPTIONS = Map.ofEntries(
            Map.entry("-r", Option.REQUIREMENT), Map.entry("--requirement", Option.REQUIREMENT),
            Map.entry("-c", Option.CONSTRAINT), Map.entry("--constraint", Option.CONSTRAINT),
            Map.entry("-e", Option.EDITABLE), Map.entry("--editable", Option.EDITABLE),
            Map.entry("-i", Option.INDEX_URL), Map.entry("--index-url", Option.INDEX_URL),
            Map.entry("--extra-index-url", Option.EXTRA_INDEX_URL), Map.entry("--no-index", Option.NO_INDEX),
            Map.entry("-f", Option.FIND_LINKS), Map.entry("--find-links", Option.FIND_LINKS),
            Map.entry("--pre", Option.PRE), Map.entry("--trusted-host", Option.TRUSTED_HOST),
            Map.entry("--only-binary", Option.ONLY_BINARY), Map.entry("--no-binary", Option.NO_BINARY),
            Map.entry("--prefer-binary", Option.PREFER_BINARY), Map.entry("--require-hashes", Option.REQUIRE_HASHES),
            Map.entry("--hash", Option.HASH), Map.entry("-C", Option.CONFIG_SETTINGS),
            Map.entry("--config-settings", Option.CONFIG_SETTINGS));

    private final RequirementsFile.Loader loader;
    private final Function<String, String> env;
    private final List<RequirementLine> requirements = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Deque<String> chain = new ArrayDeque<>();

    private Optional<String> indexUrl = Optional.empty();
    private final List<String> extraIndexUrls = new ArrayList<>();
    private final List<RequirementsOptions.FindLinks> findLinks = new ArrayList<>();
    private boolean noIndex;
    private boolean pre;
    private final List<String> trustedHosts = new ArrayList<>();
    private FormatControl formatControl = FormatControl.none();
    private boolean preferBinary;
    private boolean requireHashes;

    RequirementsFileParser(RequirementsFile.Loader loader, Function<String, String> env) {
        this.loader = loader;
        this.env = env;
    }

    RequirementsFile parse(String path, String content) {
        String normalized = normalizePath(path.replace('\\', '/'));
        parseFile(normalized, content, false);
        RequirementsOptions options = new RequirementsOptions(indexUrl, extraIndexUrls, findLinks, noIndex, pre,
                trustedHosts, formatControl, preferBinary, requireHashes);
        return new RequirementsFile(normalized, requirements, options, files);
    }

    private void parseFile(String path, String content, boolean constraint) {
        chain.addLast(path);
        files.add(path);
        for (Line line : logicalLines(content)) {
            new LineParser(path, content, line, constraint).parse();
        }
        chain.removeLast();
    }

    // ---------------------------------------------------------------------------------------
    // Logical lines: continuations joined, comments removed, variables expanded; every
    // character remembers its offset in the file so errors point at the right column.

    /** A logical line's text and, per character, its offset in the file's content. */
    record Line(int number, String text, int[] origin) {
        int at(int index) {
            if (origin.length == 0) {
                return 0;
            }
            return index < origin.length ? origin[index] : origin[origin.length - 1] + 1;
        }

        Line slice(int start, int end) {
            return new Line(number, text.substring(start, end), Arrays.copyOfRange(origin, start, end));
        }
    }

    /** Builds a line's text with its origins. */
    private static final class LineBuilder {
        final StringBuilder text = new StringBuilder();
        int[] origin = new int[16];

        void append(char c, int at) {
            if (text.length() == origin.length) {
                origin = Arrays.copyOf(origin, origin.length * 2);
            }
            origin[text.length()] = at;
            text.append(c);
        }

        void append(String s, int from, int to, int offset) {
            for (int i = from; i < to; i++) {
                append(s.charAt(i), offset + i);
            }
        }

        boolean isEmpty() {
            return text.length() == 0;
        }

        Line build(int number) {
            return new Line(number, text.toString(), Arrays.copyOf(origin, text.length()));
        }
    }

    private List<Line> logicalLines(String content) {
        List<Line> raw = new ArrayList<>();
        LineBuilder pending = null;
        int pendingNumber = 0;
        int pos = content.startsWith("\uFEFF") ? 1 : 0;
        int number = 0;
        while (pos < content.length()) {
            int end = pos;
            while (end < content.length() && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
                end++;
            }
            number++;
            boolean comment = isCommentLine(content, pos, end);
            boolean continued = end > pos && content.charAt(end - 1) == '\\' && !comment;
            if (continued) {
                if (pending == null) {
                    pending = new LineBuilder();
                    pendingNumber = number;
                }
                int cut = end;
                while (cut > pos && content.charAt(cut - 1) == '\\') {
                    cut--;
                }
                pending.append(content, pos, cut, 0);
            } else {
                LineBuilder line = pending != null ? pending : new LineBuilder();
                if (comment) {
                    // pip puts a space before a comment line so it is removed as a comment even
                    // when it ends a continuation.
                    line.append(' ', pos);
                }
                line.append(content, pos, end, 0);
                raw.add(line.build(pending != null ? pendingNumber : number));
                pending = null;
            }
            pos = end < content.length() && content.charAt(end) == '\r' && end + 1 < content.length()
                    && content.charAt(end + 1) == '\n' ? end + 2 : end + 1;
        }
        if (pending != null) {
            raw.add(pending.build(pendingNumber));
        }
        List<Line> lines = new ArrayList<>(raw.size());
        for (Line line : raw) {
            Line cleaned = stripComment(line);
            if (!cleaned.text().isEmpty()) {
                lines.add(expand(cleaned));
            }
        }
        return lines;
    }

    private static boolean isCommentLine(String content, int start, int end) {
        int i = start;
        while (i < end && Character.isWhitespace(content.charAt(i))) {
            i++;
        }
        return i < end && content.charAt(i) == '#';
    }

    /** Removes a comment ({@code #} at the start or after whitespace) and surrounding blanks. */
    private static Line stripComment(Line line) {
        String text = line.text();
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                end = i;
                break;
            }
        }
        int start = 0;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return line.slice(start, end);
    }

    /** Replaces {@code ${NAME}} by the environment's non-empty value, as pip does. */
    private Line expand(Line line) {
        String text = line.text();
        if (!text.contains("${")) {
            return line;
        }
        LineBuilder out = new LineBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("${", i)) {
                int close = i + 2;
                while (close < text.length() && isVariableChar(text.charAt(close))) {
                    close++;
                }
                if (close > i + 2 && close < text.length() && text.charAt(close) == '}') {
                    String value = env.apply(text.substring(i + 2, close));
                    if (value != null && !value.isEmpty()) {
                        for (int k = 0; k < value.length(); k++) {
                            out.append(value.charAt(k), line.at(i));
                        }
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(text.charAt(i), line.at(i));
            i++;
        }
        return out.build(line.number());
    }

    private static boolean isVariableChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    // ---------------------------------------------------------------------------------------

    /** A shell-like word of the options part, with its span in the logical line. */
    private record Token(String value, int start, int end) {
    }

    /** Parses one logical line of one file. */
    private final class LineParser {
        private final String path;
        private final String content;
        private final Line line;
        private final boolean constraint;
        private final List<String> hashes = new ArrayList<>();
        private final List<String> configSettings = new ArrayList<>();

        LineParser(String path, String content, Line line, boolean constraint) {
            this.path = path;
            this.content = content;
            this.line = line;
            this.constraint = constraint;
        }

        ParseException error(int start, int end, String reason) {
            int from = line.at(start);
            int to = end > start ? line.at(end - 1) + 1 : from;
            int length = content.indexOf('\n', from) >= 0 && content.indexOf('\n', from) < to ? 1 : to - from;
            return new ParseException(content, from, Math.max(0, length), reason).withSource(path, 1);
        }

        void parse() {
            String text = line.text();
            int optionsStart = text.length();
            int i = 0;
            while (i < text.length()) {
                while (i < text.length() && isBlank(text.charAt(i))) {
                    i++;
                }
                if (i < text.length() && text.charAt(i) == '-') {
                    optionsStart = i;
                    break;
                }
                while (i < text.length() && !isBlank(text.charAt(i))) {
                    i++;
                }
            }
            int argsEnd = optionsStart;
            while (argsEnd > 0 && isBlank(text.charAt(argsEnd - 1))) {
                argsEnd--;
            }
            List<Token> tokens = tokenize(text, optionsStart);
            boolean isRequirement = argsEnd > 0;
            List<Runnable> actions = new ArrayList<>();
            String editable = null;
            int editableStart = 0;
            int editableEnd = 0;
            for (int t = 0; t < tokens.size(); t++) {
                Token token = tokens.get(t);
                String word = token.value();
                String name;
                String attached = null;
                int valueStart = token.start();
                if (word.startsWith("--")) {
                    int eq = word.indexOf('=');
                    name = eq < 0 ? word : word.substring(0, eq);
                    if (eq >= 0) {
                        attached = word.substring(eq + 1);
                        valueStart = token.start() + eq + 1;
                    }
                } else if (word.startsWith("-") && word.length() > 1) {
                    name = word.substring(0, 2);
                    if (word.length() > 2) {
                        attached = word.substring(2);
                        valueStart = token.start() + 2;
                    }
                } else {
                    throw error(token.start(), token.end(), word.startsWith("-")
                            ? "expected an option after '-'" : "unexpected argument '" + word + "' after options");
                }
                Option option = OPTIONS.get(name);
                if (option == null) {
                    throw error(token.start(), token.start() + name.length(), "unknown option '" + name + "'");
                }
                String value = null;
                int valueEnd = token.end();
                if (option.takesValue) {
                    if (attached != null) {
                        value = attached;
                    } else if (t + 1 < tokens.size()) {
                        Token next = tokens.get(++t);
                        value = next.value();
                        valueStart = next.start();
                        valueEnd = next.end();
                    } else {
                        throw error(token.start(), token.end(), "option '" + name + "' needs a value");
                    }
                    if (value.isEmpty()) {
                        throw error(token.start(), valueEnd, "option '" + name + "' needs a non-empty value");
                    }
                } else if (attached != null) {
                    throw error(token.start(), token.end(), "option '" + name + "' takes no value");
                }
                if (isRequirement && !option.perRequirement) {
                    throw error(token.start(), token.start() + name.length(),
                            "option '" + name + "' cannot follow a requirement on the same line");
                }
                if (option == Option.EDITABLE) {
                    if (editable != null) {
                        throw error(token.start(), token.end(), "one -e per line");
                    }
                    editable = value;
                    editableStart = valueStart;
                    editableEnd = valueEnd;
                    continue;
                }
                String v = value;
                int vs = valueStart;
                int ve = valueEnd;
                int ns = token.start();
                if (option.perRequirement) {
                    perRequirement(option, v, vs, ve);
                } else {
                    actions.add(() -> apply(option, v, vs, ve, ns));
                }
            }
            if (!isRequirement && editable == null && (!hashes.isEmpty() || !configSettings.isEmpty())) {
                throw error(optionsStart, text.length(), "--hash and --config-settings belong to a requirement "
                        + "on the same line");
            }
            if (isRequirement) {
                requirements.add(requirementLine(text.substring(0, argsEnd), 0));
            } else if (editable != null) {
                requirements.add(editableLine(editable, editableStart, editableEnd));
            }
            actions.forEach(Runnable::run);
        }

        private boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        /** Splits the options part like shlex: blanks separate, quotes group, backslash escapes. */
        private List<Token> tokenize(String text, int from) {
            List<Token> tokens = new ArrayList<>();
            int i = from;
            while (i < text.length()) {
                while (i < text.length() && isBlank(text.charAt(i))) {
                    i++;
                }
                if (i >= text.length()) {
                    break;
                }
                int start = i;
                StringBuilder word = new StringBuilder();
                while (i < text.length() && !isBlank(text.charAt(i))) {
                    char c = text.charAt(i);
                    if (c == '\'' || c == '"') {
                        int close = text.indexOf(c, i + 1);
                        if (close < 0) {
                            throw error(i, text.length(), "no closing quotation");
                        }
                        word.append(text, i + 1, close);
                        i = close + 1;
                    } else if (c == '\\' && i + 1 < text.length()) {
                        word.append(text.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(c);
                        i++;
                    }
                }
                tokens.add(new Token(word.toString(), start, i));
            }
            return tokens;
        }

        private void perRequirement(Option option, String value, int start, int end) {
            if (option == Option.CONFIG_SETTINGS) {
                if (value.indexOf('=') <= 0) {
                    throw error(start, end, "--config-settings takes KEY=VALUE");
                }
                configSettings.add(value);
                return;
            }
            int colon = value.indexOf(':');
            if (colon < 0) {
                throw error(start, end, "--hash takes ALGORITHM:HEX, e.g. --hash=sha256:...");
            }
            String algorithm = value.substring(0, colon).toLowerCase(Locale.ROOT);
            String hex = value.substring(colon + 1).toLowerCase(Locale.ROOT);
            Integer length = HASH_LENGTHS.get(algorithm);
            if (length == null) {
                throw error(start, start + colon, "hash algorithm must be sha256, sha384 or sha512");
            }
            if (hex.length() != length || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw error(start + colon + 1, end, "a " + algorithm + " hash is " + length + " hex digits");
            }
            hashes.add(algorithm + ":" + hex);
        }

        private void apply(Option option, String value, int start, int end, int nameStart) {
            switch (option) {
                case REQUIREMENT, CONSTRAINT -> include(value, start, end, option == Option.CONSTRAINT);
                case INDEX_URL -> indexUrl = Optional.of(value);
                case EXTRA_INDEX_URL -> extraIndexUrls.add(value);
                case NO_INDEX -> noIndex = true;
                case FIND_LINKS -> findLinks.add(new RequirementsOptions.FindLinks(value, path));
                case PRE -> pre = true;
                case TRUSTED_HOST -> trustedHosts.add(value);
                case ONLY_BINARY, NO_BINARY -> {
                    try {
                        formatControl = option == Option.ONLY_BINARY
                                ? formatControl.withOnlyBinary(value) : formatControl.withNoBinary(value);
                    } catch (ParseException e) {
                        throw error(start + e.offset(), start + e.offset() + Math.max(1, e.length()), e.reason());
                    }
                }
                case PREFER_BINARY -> preferBinary = true;
                case REQUIRE_HASHES -> requireHashes = true;
                default -> throw new IllegalStateException("per-requirement option " + option + " at " + nameStart);
            }
        }

        private void include(String target, int start, int end, boolean asConstraint) {
            String resolved;
            try {
                resolved = resolvePath(path, target);
            } catch (IllegalArgumentException e) {
                throw error(start, end, "cannot resolve '" + target + "' against '" + path + "'");
            }
            if (chain.contains(resolved)) {
                List<String> cycle = new ArrayList<>(chain);
                cycle = cycle.subList(cycle.indexOf(resolved), cycle.size());
                throw error(start, end, "include cycle: " + String.join(" -> ", cycle) + " -> " + resolved);
            }
            if (chain.size() >= MAX_DEPTH) {
                throw error(start, end, "includes nested deeper than " + MAX_DEPTH);
            }
            String included;
            try {
                included = loader.load(resolved);
            } catch (PinwheelException | UncheckedIOException e) {
                throw error(start, end, "cannot read '" + resolved + "': " + firstLine(e.getMessage()));
            }
            if (included == null) {
                throw error(start, end, "cannot read '" + resolved + "'");
            }
            parseFile(resolved, included, asConstraint);
        }

        private String firstLine(String message) {
            if (message == null) {
                return "unknown error";
            }
            int nl = message.indexOf('\n');
            return nl < 0 ? message : message.substring(0, nl);
        }

        // -----------------------------------------------------------------------------------

        private RequirementLine requirementLine(String text, int start) {
            if (isUrl(text) || looksLikePath(text)) {
                return linkLine(text, start, false);
            }
            Requirement requirement;
            try {
                requirement = Requirement.parse(text);
            } catch (ParseException e) {
                throw error(start + e.offset(), start + e.offset() + e.length(), e.reason());
            }
            return new RequirementLine(requirement, null, null, Set.of(), null, false, constraint, hashes,
                    configSettings, path, line.number(), text);
        }

        private RequirementLine editableLine(String target, int start, int end) {
            if (constraint) {
                throw error(start, end, "editable requirements are not allowed as constraints");
            }
            return linkLine(target, start, true);
        }

        /** A bare URL or path, possibly with {@code [extras]} (paths) and a {@code ; marker}. */
        private RequirementLine linkLine(String text, int start, boolean editable) {
            boolean url = isUrl(text);
            // A URL may contain ';', so pip wants "; " before a marker after a URL.
            int semicolon = url ? markerSemicolon(text) : text.indexOf(';');
            String location = (semicolon < 0 ? text : text.substring(0, semicolon)).strip();
            Marker marker = null;
            if (semicolon >= 0) {
                String markerText = text.substring(semicolon + 1);
                try {
                    marker = Marker.parse(markerText);
                } catch (ParseException e) {
                    int at = start + semicolon + 1 + e.offset();
                    throw error(at, at + e.length(), e.reason());
                }
            }
            Set<ExtraName> extras = new LinkedHashSet<>();
            if (!url && location.endsWith("]") && location.indexOf('[') > 0) {
                int open = location.lastIndexOf('[');
                extras.addAll(extras(location.substring(open + 1, location.length() - 1),
                        start + text.indexOf(location) + open + 1));
                location = location.substring(0, open);
            }
            ProjectName name = null;
            int fragment = location.indexOf('#');
            String egg = fragmentValue(location, "egg");
            if (egg != null) {
                int eggAt = start + text.indexOf(location) + location.indexOf("egg=", fragment) + 4;
                int bracket = egg.indexOf('[');
                if (bracket > 0 && egg.endsWith("]")) {
                    extras.addAll(extras(egg.substring(bracket + 1, egg.length() - 1), eggAt + bracket + 1));
                    egg = egg.substring(0, bracket);
                }
                try {
                    name = ProjectName.parse(egg);
                } catch (ParseException e) {
                    throw error(eggAt + e.offset(), eggAt + egg.length(), "invalid #egg= project name: " + e.reason());
                }
            }
            String pathPart = fragment < 0 ? location : location.substring(0, fragment);
            int query = pathPart.indexOf('?');
            if (query >= 0) {
                pathPart = pathPart.substring(0, query);
            }
            String last = pathPart.substring(Math.max(pathPart.lastIndexOf('/'), pathPart.lastIndexOf('\\')) + 1);
            if (last.endsWith(".whl")) {
                try {
                    WheelFilename wheel = WheelFilename.parse(percentDecode(last));
                    if (name != null && !name.equals(wheel.name())) {
                        throw error(start, start + text.length(), "#egg=" + name + " does not match the wheel's project '"
                                + wheel.name() + "'");
                    }
                    name = wheel.name();
                } catch (ParseException e) {
                    if (e.file().isPresent()) {
                        throw e;
                    }
                    int at = start + text.indexOf(last);
                    throw error(at, at + last.length(), "invalid wheel file name: " + e.reason());
                }
            }
            if (constraint && name == null) {
                throw error(start, start + text.length(), "constraints must name a project (add #egg=name)");
            }
            Requirement requirement = null;
            if (url && name != null && !editable) {
                requirement = Requirement.of(name, extras, SpecifierSet.any(), withoutEgg(location), marker);
            }
            return new RequirementLine(requirement, location, name, extras, marker, editable, constraint, hashes,
                    configSettings, path, line.number(), text);
        }

        private Set<ExtraName> extras(String list, int at) {
            Set<ExtraName> extras = new LinkedHashSet<>();
            int offset = 0;
            for (String item : list.split(",", -1)) {
                String stripped = item.strip();
                try {
                    extras.add(ExtraName.parse(stripped));
                } catch (ParseException e) {
                    int pos = at + offset + Math.max(0, item.indexOf(stripped)) + e.offset();
                    throw error(pos, pos + 1, "invalid extra: " + e.reason());
                }
                offset += item.length() + 1;
            }
            return extras;
        }
    }

    // ---------------------------------------------------------------------------------------

    static boolean isUrl(String text) {
        int colon = text.indexOf(':');
        return colon > 0 && URL_SCHEMES.contains(text.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /** The first ';' followed by a blank: where a marker after a URL starts, or -1. */
    static int markerSemicolon(String text) {
        for (int i = text.indexOf(';'); i >= 0 && i + 1 < text.length(); i = text.indexOf(';', i + 1)) {
            if (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** pip's guess that an argument is a local path rather than a PEP 508 requirement. */
    static boolean looksLikePath(String text) {
        int end = 0;
        while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '\t' && text.charAt(end) != ';') {
            end++;
        }
        String head = text.substring(0, end);
        if (head.startsWith(".") || head.startsWith("/") || head.startsWith("~") || head.startsWith("\\")
                || WINDOWS_DRIVE.matcher(head).matches()) {
            return true;
        }
        if (head.contains("@")) {
            return false;
        }
        String lower = head.toLowerCase(Locale.ROOT);
        int bracket = lower.indexOf('[');
        String bare = bracket >= 0 ? lower.substring(0, bracket) : lower;
        return bare.contains("/") || bare.contains("\\") || ARCHIVES.stream().anyMatch(bare::endsWith);
    }

    /** The value of {@code key=} in a URL's fragment ({@code #egg=x&subdirectory=y}), or null. */
    static String fragmentValue(String location, String key) {
        int hash = location.indexOf('#');
        if (hash < 0) {
            return null;
        }
        for (String part : location.substring(hash + 1).split("&")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** The URL without its {@code egg=} fragment part (a PEP 508 URL names the project itself). */
    static String withoutEgg(String location) {
        int hash = location.indexOf('#');
        if (hash < 0) {
            return location;
        }
        List<String> kept = new ArrayList<>();
        for (String part : location.substring(hash + 1).split("&")) {
            if (!part.startsWith("egg=") && !part.isEmpty()) {
                kept.add(part);
            }
        }
        return location.substring(0, hash) + (kept.isEmpty() ? "" : "#" + String.join("&", kept));
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** An included file's path: a URL as is, else relative to the including file's directory. */
    static String resolvePath(String base, String target) {
        if (SCHEME.matcher(target).matches()) {
            return target;
        }
        if (SCHEME.matcher(base).matches()) {
            return URI.create(base).resolve(target).toString();
        }
        String t = target.replace('\\', '/');
        if (t.startsWith("/") || WINDOWS_DRIVE.matcher(t).matches()) {
            return normalizePath(t);
        }
        int slash = base.lastIndexOf('/');
        return normalizePath((slash < 0 ? "" : base.substring(0, slash + 1)) + t);
    }

    /** Collapses {@code .}, {@code ..} and repeated {@code /} (a leading {@code ..} stays). */
    static String normalizePath(String path) {
        boolean absolute = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!(part.equals("..") && absolute && parts.isEmpty())) {
                parts.addLast(part);
            }
        }
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    }
}
