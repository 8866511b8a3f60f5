package dev.pinwheel.cli.deps;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The new contents of intent files for {@code add} and {@code remove}, computed from the
 * layout's files without writing anything, and what the user should be told about them.
 *
 * @param intents the changed intent files, by absolute path
 * @param notes   one line per change ("added httpx to requirements/base.in")
 */
public record IntentEdit(Map<Path, String> intents, List<String> notes) {

    public IntentEdit {
        intents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(intents));
        notes = List.copyOf(notes);
    }

    /**
     * {@code requirements} written into {@code target}'s intent (replacing the line of the same
     * name); a name declared by another intent moves, so each name is declared once.
     */
    public static IntentEdit add(Layout layout, Layout.Pair target, List<String> requirements) {
        Map<Path, IntentFile> files = load(layout);
        List<String> notes = new ArrayList<>();
        for (String text : requirements) {
            Requirement requirement = IntentFile.parseRequirement(text);
            if (requirement.url().isPresent()) {
                throw new PinwheelException(Category.BAD_INPUT, text + ": direct URL requirements are not supported by pinwheel compile",
                        "publish the package to an index or a --find-links directory and require it by name");
            }
            ProjectName name = requirement.name();
            for (Path in : layout.intents()) {
                if (!in.equals(target.in()) && files.get(in).declares(name)) {
                    files.put(in, files.get(in).without(name));
                    notes.add("moved " + name + " from " + layout.show(in) + " to " + layout.show(target.in()));
                }
            }
            IntentFile file = files.get(target.in());
            String before = file.requirement(name).orElse(null);
            if (before != null && IntentFile.parseRequirement(before).equals(requirement)) {
                // The same requirement in another spelling: the user's line stays as written.
                notes.add(text.strip() + " is already in " + layout.show(target.in()));
                continue;
            }
            files.put(target.in(), file.with(text.strip()));
            if (before == null) {
                notes.add("added " + text.strip() + " to " + layout.show(target.in()));
            } else {
                notes.add("replaced " + before + " with " + text.strip() + " in " + layout.show(target.in()));
            }
        }
        return changed(layout, files, notes);
    }

    /** Every line requiring one of {@code names} removed, from whichever intent declares it. */
    public static IntentEdit remove(Layout layout, List<String> names) {
        Map<Path, IntentFile> files = load(layout);
        List<String> notes = new ArrayList<>();
        for (String text : names) {
            ProjectName name = IntentFile.parseRequirement(text).name();
            boolean found = false;
            for (Path in : layout.intents()) {
                if (files.get(in).declares(name)) {
                    files.put(in, files.get(in).without(name));
                    notes.add("removed " + name + " from " + layout.show(in));
                    found = true;
                }
            }
            if (!found) {
                throw new PinwheelException(Category.BAD_INPUT, name + " is not declared in any of "
                        + String.join(", ", layout.intents().stream().map(layout::show).toList()),
                        "a package that only comes in as a dependency cannot be removed; remove what requires it");
            }
        }
        return changed(layout, files, notes);
    }

    private static Map<Path, IntentFile> load(Layout layout) {
        Map<Path, IntentFile> files = new LinkedHashMap<>();
        for (Path in : layout.intents()) {
            files.put(in, IntentFile.parse(Layout.read(in, Map.of()).orElse("")));
        }
        return files;
    }

    private static IntentEdit changed(Layout layout, Map<Path, IntentFile> files, List<String> notes) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Map.Entry<Path, IntentFile> e : files.entrySet()) {
            String before = IntentFile.parse(Layout.read(e.getKey(), Map.of()).orElse("")).text();
            String after = e.getValue().text();
            if (!after.equals(before)) {
                out.put(e.getKey(), after);
            }
        }
        return new IntentEdit(out, notes);
    }
}
