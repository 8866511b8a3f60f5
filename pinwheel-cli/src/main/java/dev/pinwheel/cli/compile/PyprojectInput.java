package dev.pinwheel.cli.compile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requirements a {@code pyproject.toml} declares statically: {@code [project] dependencies},
 * the {@code optional-dependencies} groups chosen with {@code --extra}/{@code --all-extras}
 * (names compared after PEP 685 normalization), and PEP 735 {@code [dependency-groups]} chosen
 * with {@code --group}, following {@code {include-group = "..."}} entries and refusing cycles.
 * Each requirement comes from {@code NAME (path/pyproject.toml)}, as pip-compile annotates it.
 */
final class PyprojectInput {

    /** One requirement line of the file and where the annotation says it came from. */
    record Line(String requirement, String comesFrom) {
    }

    private PyprojectInput() {
    }

    static List<Line> read(String displayPath, String text, List<String> extras, boolean allExtras, List<String> groups) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (JacksonException e) {
            var where = e.getLocation();
            String position = where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr();
            throw new PinwheelException(Category.BAD_INPUT, displayPath + position + ": not valid TOML: "
                    + e.getOriginalMessage(), null, e);
        }
        JsonNode project = root.path("project");
        if (!project.isObject() || !project.path("name").isTextual()) {
            throw new PinwheelException(Category.BAD_INPUT, displayPath + " has no [project] table with a name",
                    "declare the dependencies statically in [project] (PEP 621)");
        }
        for (JsonNode dynamic : project.path("dynamic")) {
            if (dynamic.asText().equals("dependencies") || dynamic.asText().equals("optional-dependencies")) {
                throw new PinwheelException(Category.BAD_INPUT, displayPath + " declares its "
                        + dynamic.asText() + " as dynamic", "list them statically in [project] to compile them");
            }
        }
        String comesFrom = project.path("name").asText() + " (" + displayPath + ")";
        List<Line> lines = new ArrayList<>();
        strings(project.path("dependencies"), displayPath, "[project] dependencies")
                .forEach(r -> lines.add(new Line(r, comesFrom)));

        Map<ExtraName, JsonNode> optional = new LinkedHashMap<>();
        project.path("optional-dependencies").fields().forEachRemaining(e -> optional.put(ExtraName.parse(e.getKey()), e.getValue()));
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
                                optional.isEmpty() ? null : "it has: " + String.join(", ", optional.keySet().stream().map(Object::toString).toList()));
                    }
                    chosen.add(name);
                }
            }
        }
        for (ExtraName name : chosen) {
            strings(optional.get(name), displayPath, "optional-dependencies." + name)
                    .forEach(r -> lines.add(new Line(r, comesFrom)));
        }

        Map<String, JsonNode> declared = new LinkedHashMap<>();
        root.path("dependency-groups").fields().forEachRemaining(e -> declared.put(groupName(e.getKey()), e.getValue()));
        for (String group : groups) {
            addGroup(groupName(group), declared, displayPath, comesFrom, new HashSet<>(), lines);
        }
        return lines;
    }

    private static void addGroup(String group, Map<String, JsonNode> declared, String path, String comesFrom,
                                 Set<String> including, List<Line> lines) {
        JsonNode entries = declared.get(group);
        if (entries == null) {
            throw new PinwheelException(Category.BAD_INPUT, "--group " + group + ": " + path
                    + " has no such [dependency-groups] group",
                    declared.isEmpty() ? null : "it has: " + String.join(", ", declared.keySet()));
        }
        if (!including.add(group)) {
            throw new PinwheelException(Category.BAD_INPUT, path + ": dependency group " + group + " includes itself");
        }
        for (JsonNode entry : entries) {
            if (entry.isTextual()) {
                lines.add(new Line(entry.asText(), comesFrom));
            } else if (entry.isObject() && entry.path("include-group").isTextual()) {
                addGroup(groupName(entry.path("include-group").asText()), declared, path, comesFrom, including, lines);
            } else {
                throw new PinwheelException(Category.BAD_INPUT, path + ": dependency group " + group
                        + " has an entry that is neither a requirement nor {include-group = \"...\"}: " + entry);
            }
        }
        including.remove(group);
    }

    /** PEP 735 compares group names like project names. */
    private static String groupName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static List<String> strings(JsonNode array, String path, String what) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new PinwheelException(Category.BAD_INPUT, path + ": " + what + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new PinwheelException(Category.BAD_INPUT, path + ": " + what + " must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
