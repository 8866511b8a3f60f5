package dev.pinwheel.scan;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution names a requirements file declares, line by line, for {@code reqs --diff}
 * and {@code --clean}. Only names matter here: options ({@code -r}, {@code --index-url}),
 * comments and editable or bare-URL lines are kept as they are and name nothing.
 */
public final class DeclaredRequirements {

    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)");

    private final List<String> lines;
    private final List<Optional<ProjectName>> names;

    private DeclaredRequirements(List<String> lines, List<Optional<ProjectName>> names) {
        this.lines = lines;
        this.names = names;
    }

    public static DeclaredRequirements parse(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<Optional<ProjectName>> names = new ArrayList<>();
        for (String line : lines) {
            names.add(nameOf(line));
        }
        return new DeclaredRequirements(lines, names);
    }

    private static Optional<ProjectName> nameOf(String line) {
        String t = line.strip();
        int hash = t.indexOf(" #");
        if (t.startsWith("#") || t.startsWith("-") || t.isEmpty()) {
            return Optional.empty();
        }
        if (hash >= 0) {
            t = t.substring(0, hash).strip();
        }
        Matcher m = NAME.matcher(t);
        if (!m.find() || t.contains("://") && !t.contains("@")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProjectName.parse(m.group(1)));
        } catch (PinwheelException e) {
            return Optional.empty();
        }
    }

    /** Every declared name, sorted. */
    public Set<ProjectName> names() {
        Set<ProjectName> out = new TreeSet<>();
        names.forEach(n -> n.ifPresent(out::add));
        return out;
    }

    /** The runtime needs this file does not declare. */
    public List<Needed> missing(ReqsResult result) {
        Set<ProjectName> declared = names();
        return result.runtime().stream().filter(n -> !declared.contains(n.name())).toList();
    }

    /** The declared names that neither the runtime nor the development list needs. */
    public List<ProjectName> unused(ReqsResult result) {
        Set<ProjectName> needed = new TreeSet<>();
        result.runtime().forEach(n -> needed.add(n.name()));
        result.dev().forEach(n -> needed.add(n.name()));
        return names().stream().filter(d -> !needed.contains(d)).toList();
    }

    /** The file without its unused requirement lines (see {@link #unused}); other lines stay as they are. */
    public String cleaned(ReqsResult result) {
        Set<ProjectName> unused = new TreeSet<>(unused(result));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Optional<ProjectName> n = names.get(i);
            if (n.isEmpty() || !unused.contains(n.get())) {
                sb.append(lines.get(i)).append('\n');
            }
        }
        return sb.toString();
    }

}
