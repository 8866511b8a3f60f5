package dev.pinwheel.cli.compile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requirements a {@code pyproject.toml} declares statically: {@code [project] dependencies},
 * the {@code optional-dependencies} groups chosen with {@code --extra}/{@code --all-extras}
 * (names compared after PEP 685 normalization), and PEP 735 {@code [dependency-groups]} chosen
 * with {@code --group}, following {@code {include-group = "..."}} entries and refusing cycles.
 * Each requirement comes from {@code NAME (path/pyproject.toml)}, as pip-compile annotates it;
 * a file with only {@code [dependency-groups]} (valid by PEP 735) gives its groups'
 * requirements as coming from {@code --group path/pyproject.toml:GROUP}, uv's spelling, since
 * there is no project name to show. Errors name {@code file:line:column} of the file with a
 * caret inside the offending string ({@link TomlPositions}), never the TOML library's text.
 */
final class PyprojectInput {

    /**
     * One requirement of the file, parsed, and where the annotation says it came from.
     *
     * @param location {@code path:line} of the string in the file, or the path alone when unknown
     */
    record Line(String requirement, Requirement parsed, String comesFrom, String location, Place place) {
    }

    /** Where a requirement string's text is in the file (null where the file could not be mapped). */
    record Place(String text, int start, int end) {
        PinwheelException error(String path, String reason) {
            return new ParseException(text, start, Math.max(1, end - start), reason).withSource(path, 1);
        }
    }

    private PyprojectInput() {
    }

    /**
     * Whether only a build backend can tell the project's requirements: the file has no
     * {@code [project]} name but a {@code [build-system]} (a Poetry or setuptools project whose
     * metadata lives elsewhere), or {@code hasSetupPy} (pip's legacy setuptools default), or its
     * {@code [project]} leaves dependencies or optional-dependencies to the backend
     * ({@code dynamic}). A file holding only PEP 735 groups needs none.
     */
    static boolean needsBackend(String displayPath, String text, boolean hasSetupPy) {
        JsonNode root = parseToml(displayPath, text);
        if (!root.path("project").path("name").isTextual()) {
            return !root.has("project") && (root.path("build-system").isObject() || hasSetupPy);
        }
        return dynamicDependencies(root.path("project")).isPresent();
    }

    /** The first of dependencies / optional-dependencies that {@code [project] dynamic} lists. */
    private static java.util.Optional<String> dynamicDependencies(JsonNode project) {
        for (JsonNode dynamic : project.path("dynamic")) {
            if (dynamic.asText().equals("dependencies") || dynamic.asText().equals("optional-dependencies")) {
                return java.util.Optional.of(dynamic.asText());
            }
        }
        return java.util.Optional.empty();
    }

    static List<Line> read(String displayPath, String text, List<String> extras, boolean allExtras, List<String> groups) {
        JsonNode root = parseToml(displayPath, text);
        Source source = new Source(displayPath, text, TomlPositions.scan(text));
        JsonNode project = root.path("project");
        boolean named = project.isObject() && project.path("name").isTextual();
        // PEP 735: a file may hold only [dependency-groups]; --group alone needs no [project].
        boolean onlyGroups = !root.has("project") && !groups.isEmpty() && extras.isEmpty() && !allExtras;
        if (!named && !onlyGroups) {
            throw new PinwheelException(Category.BAD_INPUT, displayPath + " has no [project] table with a name",
                    "declare the dependencies statically in [project] (PEP 621)");
        }
        List<Line> lines = new ArrayList<>();
        if (named) {
            dynamicDependencies(project).ifPresent(field -> {
                throw new PinwheelException(Category.BAD_INPUT, displayPath + " declares its " + field + " as dynamic",
                        "list them statically in [project] to compile them");
            });
            String comesFrom = project.path("name").asText() + " (" + displayPath + ")";
            List<Line> base = new ArrayList<>();
            strings(project.path("dependencies"), displayPath, "[project] dependencies")
                    .forEach(i -> base.add(source.line(i, comesFrom, "project", "dependencies")));

            Map<ExtraName, String> optional = new LinkedHashMap<>();
            project.path("optional-dependencies").fieldNames().forEachRemaining(k -> optional.put(ExtraName.parse(k), k));
            List<ExtraName> chosen = new ArrayList<>();
            if (allExtras) {
                chosen.addAll(optional.keySet());
            } else {
                for (String extra : extras) {
                    for (String part : extra.split(",")) {
                        ExtraName name = ExtraName.parse(part.trim());
                        if (!optional.containsKey(name)) {
                            throw new PinwheelException(Category.BAD_INPUT, "--extra " + part.trim() + ": " + displayPath
                                    + " has no such optional-dependencies group",
                                    optional.isEmpty() ? null : "it has: " + extraNames(optional));
                        }
                        chosen.add(name);
                    }
                }
            }
            Map<ExtraName, List<Line>> byExtra = new LinkedHashMap<>();
            for (Map.Entry<ExtraName, String> e : optional.entrySet()) {
                List<Line> extraLines = new ArrayList<>();
                strings(project.path("optional-dependencies").path(e.getValue()), displayPath, "optional-dependencies." + e.getKey())
                        .forEach(i -> extraLines.add(source.line(i, comesFrom, "project", "optional-dependencies", e.getValue())));
                byExtra.put(e.getKey(), extraLines);
            }
            // Self-referential extras (`all = ["proj[test,lint]"]`) name the project's own extras, as
            // pip and uv read them, not the project on the index. (pip-compile 7 writes such a line
            // as `proj[test,lint] @ file:///abs/path`, pip-tools issue 2110; the lock here holds
            // the extras' requirements instead, which is what installing it must give.)
            ProjectName self = ProjectName.parse(project.path("name").asText());
            List<ExtraName> taken = new ArrayList<>();
            for (Line line : base) {
                takeSelfExtras(line, self, optional, taken, displayPath);
            }
            for (ExtraName name : chosen) {
                if (!taken.contains(name)) {
                    taken.add(name);
                }
            }
            for (int i = 0; i < taken.size(); i++) {
                for (Line line : byExtra.get(taken.get(i))) {
                    takeSelfExtras(line, self, optional, taken, displayPath);
                }
            }
            base.stream().filter(l -> !l.parsed().name().equals(self)).forEach(lines::add);
            for (ExtraName name : taken) {
                byExtra.get(name).stream().filter(l -> !l.parsed().name().equals(self)).forEach(lines::add);
            }
        }

        lines.addAll(groups(root, source, groups));
        return lines;
    }

    private static String extraNames(Map<ExtraName, String> optional) {
        return String.join(", ", optional.keySet().stream().map(Object::toString).toList());
    }

    private static PinwheelException selfError(Line line, String displayPath, String reason) {
        return line.place() != null ? line.place().error(displayPath, reason)
                : new PinwheelException(Category.BAD_INPUT, line.location() + ": " + line.requirement() + ": " + reason);
    }

    /** Adds the extras a self-reference names to {@code taken} (once each, in order). */
    private static void takeSelfExtras(Line line, ProjectName self, Map<ExtraName, String> optional,
            List<ExtraName> taken, String displayPath) {
        if (!line.parsed().name().equals(self)) {
            return;
        }
        if (line.parsed().marker().isPresent() || line.parsed().url().isPresent() || !line.parsed().specifier().isEmpty()) {
            throw selfError(line, displayPath, "a reference to the project itself may only name its extras (write "
                    + self + "[extra,...], without a version, URL or marker)");
        }
        for (ExtraName extra : line.parsed().extras()) {
            if (!optional.containsKey(extra)) {
                throw selfError(line, displayPath, "the project has no optional-dependencies group " + extra
                        + (optional.isEmpty() ? "" : " (it has: " + extraNames(optional) + ")"));
            }
            if (!taken.contains(extra)) {
                taken.add(extra);
            }
        }
    }

    /**
     * Only the PEP 735 groups asked for: they are static even where the project's dependencies
     * are dynamic (those then come from the build backend, the groups from here).
     */
    static List<Line> groups(String displayPath, String text, List<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return groups(parseToml(displayPath, text), new Source(displayPath, text, TomlPositions.scan(text)), groups);
    }

    private static List<Line> groups(JsonNode root, Source source, List<String> groups) {
        String displayPath = source.path();
        JsonNode project = root.path("project");
        boolean named = project.isObject() && project.path("name").isTextual();
        List<Line> lines = new ArrayList<>();
        Map<String, String> declared = new LinkedHashMap<>();
        root.path("dependency-groups").fieldNames().forEachRemaining(k -> declared.put(groupName(k), k));
        for (String group : groups) {
            String comesFrom = named ? project.path("name").asText() + " (" + displayPath + ")"
                    : "--group " + displayPath + ":" + group;
            String key = declared.get(groupName(group));
            if (key == null) {
                throw new PinwheelException(Category.BAD_INPUT, "--group " + group + ": " + displayPath
                        + " has no such [dependency-groups] group",
                        declared.isEmpty() ? null : "it has: " + String.join(", ", declared.values()));
            }
            addGroup(group, key, root.path("dependency-groups"), declared, source, comesFrom, new ArrayList<>(), lines);
        }
        return lines;
    }

    /** The file's text as a tree; a syntax error is reported at its place in the file, with no library internals. */
    private static JsonNode parseToml(String displayPath, String text) {
        try {
            return TomlTree.read(text);
        } catch (JacksonException e) {
            throw TomlPositions.invalid(displayPath, text, e, "fix the TOML syntax of " + displayPath + " (https://toml.io/en/v1.0.0)");
        } catch (java.io.IOException e) {
            throw new PinwheelException(Category.BAD_INPUT, displayPath + ": not valid TOML");
        }
    }



    /** The file being read: its display path, its text and where its strings are. */
    private record Source(String path, String text, TomlPositions positions) {

        /** The {@code index}-th string of the array at {@code arrayPath}, parsed, with errors placed in the file. */
        Line line(Item item, String comesFrom, Object... arrayPath) {
            Object[] path = java.util.Arrays.copyOf(arrayPath, arrayPath.length + 1);
            path[arrayPath.length] = item.index();
            var span = positions.string(path);
            try {
                Place place = span.map(sp -> new Place(text, sp.offsetOf(0), sp.offsetOf(item.text().length()))).orElse(null);
                return new Line(item.text(), Requirement.parse(item.text()), comesFrom, location(span), place);
            } catch (ParseException e) {
                if (span.isEmpty()) {
                    throw e.withSource(this.path, 0);
                }
                int start = span.get().offsetOf(e.offset());
                int end = span.get().offsetOf(e.offset() + Math.max(1, e.length()));
                throw new ParseException(text, start, Math.max(1, end - start), e.reason()).withSource(this.path, 1);
            }
        }

        String location(java.util.Optional<TomlPositions.StringSpan> span) {
            if (span.isEmpty()) {
                return path;
            }
            int offset = span.get().offsetOf(0);
            return path + ":" + (1 + text.substring(0, offset).chars().filter(c -> c == '\n').count());
        }
    }

    /** A string of an array and its index there. */
    private record Item(int index, String text) {
    }

    /**
     * Adds the requirements of group {@code key} (asked for as {@code asked}), following its
     * includes; {@code chain} is the groups being included, to refuse cycles and to say which
     * include of which group failed.
     */
    private static void addGroup(String asked, String key, JsonNode table, Map<String, String> declared, Source source,
                                 String comesFrom, List<String> chain, List<Line> lines) {
        if (chain.contains(key)) {
            throw new PinwheelException(Category.BAD_INPUT, source.path() + ": dependency group " + key + " includes itself"
                    + (chain.size() > 1 ? " (" + String.join(" -> ", chain) + " -> " + key + ")" : ""));
        }
        chain.add(key);
        JsonNode entries = table.path(key);
        if (!entries.isArray()) {
            throw new PinwheelException(Category.BAD_INPUT, source.path() + ": dependency group " + key
                    + " must be an array of requirements and {include-group = \"...\"} tables");
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            if (entry.isTextual()) {
                lines.add(source.line(new Item(i, entry.asText()), comesFrom, "dependency-groups", key));
            } else if (entry.isObject() && entry.path("include-group").isTextual()) {
                String included = entry.path("include-group").asText();
                String includedKey = declared.get(groupName(included));
                if (includedKey == null) {
                    var span = source.positions().string("dependency-groups", key, i, "include-group");
                    String where = source.location(span);
                    throw new PinwheelException(Category.BAD_INPUT, "--group " + asked + ": " + where
                            + ": dependency group " + key + " includes group " + included + ", which "
                            + source.path() + " does not declare",
                            "it has: " + String.join(", ", declared.values()));
                }
                addGroup(asked, includedKey, table, declared, source, comesFrom, chain, lines);
            } else {
                throw new PinwheelException(Category.BAD_INPUT, source.path() + ": dependency group " + key
                        + " has an entry that is neither a requirement nor {include-group = \"...\"}: " + entry);
            }
        }
        chain.remove(chain.size() - 1);
    }

    /** PEP 735 compares group names like project names. */
    private static String groupName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static List<Item> strings(JsonNode array, String path, String what) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new PinwheelException(Category.BAD_INPUT, path + ": " + what + " must be an array of strings");
        }
        List<Item> out = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new PinwheelException(Category.BAD_INPUT, path + ": " + what + " must be an array of strings");
            }
            out.add(new Item(out.size(), item.asText()));
        }
        return out;
    }
}
