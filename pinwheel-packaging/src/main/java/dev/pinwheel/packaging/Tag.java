package dev.pinwheel.packaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One PEP 425 compatibility tag: interpreter, ABI and platform, e.g.
 * {@code cp311-cp311-manylinux_2_17_x86_64}. The parts are kept lower-case (tags compare
 * case-insensitively, as packaging does) and each is a non-empty run of letters, digits and
 * underscores; the interpreter starts with a letter or underscore.
 */
public record Tag(String interpreter, String abi, String platform) {

    /** A tag set in a wheel name may multiply out to at most this many tags; more is hostile. */
    static final int MAX_TAGS_IN_SET = 4096;

    public Tag {
        interpreter = checkPart(interpreter, "interpreter", true);
        abi = checkPart(abi, "abi", false);
        platform = checkPart(platform, "platform", false);
    }

    /** {@code Tag.of("py3", "none", "any")}; parts are lower-cased, invalid parts rejected. */
    public static Tag of(String interpreter, String abi, String platform) {
        return new Tag(interpreter, abi, platform);
    }

    /**
     * Parses exactly one tag such as {@code py3-none-any}. A compressed set such as
     * {@code py2.py3-none-any} is rejected here; use {@link #parseSet(String)} for it.
     */
    public static Tag parse(String text) {
        Objects.requireNonNull(text, "text");
        int dot = text.indexOf('.');
        if (dot >= 0) {
            throw new ParseException(text, dot, 1,
                    "a single tag cannot be a compressed tag set; '.' is not allowed");
        }
        return parseSet(text).iterator().next();
    }

    /**
     * Parses a PEP 425 compressed tag set: three {@code -}-separated components, each a
     * {@code .}-separated list, expanding to every combination (interpreters outermost, then
     * ABIs, then platforms, which is also the iteration order of the returned set). Duplicates
     * collapse.
     */
    public static Set<Tag> parseSet(String text) {
        Objects.requireNonNull(text, "text");
        List<List<String>> components = new ArrayList<>(3);
        List<Integer> starts = new ArrayList<>(3);
        int start = 0;
        while (true) {
            int dash = text.indexOf('-', start);
            int end = dash < 0 ? text.length() : dash;
            if (components.size() == 3) {
                throw new ParseException(text, start - 1, text.length() - start + 1,
                        "a tag has exactly three parts (interpreter-abi-platform)");
            }
            components.add(splitComponent(text, start, end, components.size()));
            starts.add(start);
            if (dash < 0) {
                break;
            }
            start = dash + 1;
        }
        if (components.size() != 3) {
            throw new ParseException(text, text.length(), 0,
                    "a tag has exactly three parts (interpreter-abi-platform), found "
                            + components.size());
        }
        long count = (long) components.get(0).size() * components.get(1).size()
                * components.get(2).size();
        if (count > MAX_TAGS_IN_SET) {
            throw new ParseException(text, 0, text.length(),
                    "the compressed tag set expands to " + count + " tags, more than "
                            + MAX_TAGS_IN_SET);
        }
        Set<Tag> tags = new LinkedHashSet<>();
        for (String interpreter : components.get(0)) {
            for (String abi : components.get(1)) {
                for (String platform : components.get(2)) {
                    tags.add(new Tag(interpreter, abi, platform));
                }
            }
        }
        return Collections.unmodifiableSet(tags);
    }

    /** The compressed form of a set of tags if it is a full cross product, else one tag each. */
    static String compress(Set<Tag> tags) {
        Set<String> interpreters = new LinkedHashSet<>();
        Set<String> abis = new LinkedHashSet<>();
        Set<String> platforms = new LinkedHashSet<>();
        for (Tag tag : tags) {
            interpreters.add(tag.interpreter);
            abis.add(tag.abi);
            platforms.add(tag.platform);
        }
        if ((long) interpreters.size() * abis.size() * platforms.size() != tags.size()) {
            throw new IllegalArgumentException("tags do not form a compressed tag set: " + tags);
        }
        return String.join(".", interpreters) + "-" + String.join(".", abis) + "-"
                + String.join(".", platforms);
    }

    private static List<String> splitComponent(String text, int start, int end, int index) {
        List<String> parts = new ArrayList<>(1);
        int partStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || text.charAt(i) == '.') {
                if (i == partStart) {
                    throw new ParseException(text, partStart, 0,
                            "empty " + componentName(index) + " in tag");
                }
                String part = text.substring(partStart, i);
                int bad = firstInvalid(part, index == 0);
                if (bad >= 0) {
                    throw new ParseException(text, partStart + bad, 1,
                            "invalid character " + describe(part.charAt(bad)) + " in "
                                    + componentName(index) + " '" + part + "'");
                }
                parts.add(part.toLowerCase(Locale.ROOT));
                partStart = i + 1;
            }
        }
        return parts;
    }

    private static String componentName(int index) {
        return switch (index) {
            case 0 -> "interpreter";
            case 1 -> "abi";
            default -> "platform";
        };
    }

    private static String describe(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    /** Index of the first character not allowed in a tag part, or -1. */
    private static int firstInvalid(String part, boolean interpreter) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean digit = c >= '0' && c <= '9';
            // Interpreter tags are identifiers (packaging checks str.isidentifier()).
            if (!(letter || digit) || (interpreter && i == 0 && digit)) {
                return i;
            }
        }
        return -1;
    }

    private static String checkPart(String part, String what, boolean interpreter) {
        Objects.requireNonNull(part, what);
        if (part.isEmpty() || firstInvalid(part, interpreter) >= 0) {
            throw new IllegalArgumentException("invalid " + what + " tag: '" + part + "'");
        }
        return part.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return interpreter + "-" + abi + "-" + platform;
    }
}
