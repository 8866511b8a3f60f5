package dev.pinwheel.cli.deps;

import dev.pinwheel.packaging.ProjectName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What a recompile changed in a lock, pin by pin: {@code + new==1}, {@code - old==1}, {@code name 1 -> 2}. */
public final class LockDiff {

    private LockDiff() {
    }

    /** The current text of every lock of the layout (absent ones left out). */
    public static Map<Path, String> snapshot(Layout layout) {
        Map<Path, String> out = new HashMap<>();
        for (Layout.Pair p : layout.pairs()) {
            Layout.read(p.txt(), Map.of()).ifPresent(t -> out.put(p.txt(), t));
        }
        return out;
    }

    /** Whether any of these lock texts pins {@code name}. */
    public static boolean pins(Map<Path, String> locks, ProjectName name) {
        return locks.values().stream().anyMatch(t -> LockPins.parse(t).pins().containsKey(name));
    }

    /** The changes from {@code before} (null: no lock yet) to {@code after}, sorted by name. */
    public static List<String> changes(String before, String after) {
        Map<ProjectName, LockPins.Pin> old = before == null ? Map.of() : LockPins.parse(before).pins();
        Map<ProjectName, LockPins.Pin> now = LockPins.parse(after).pins();
        TreeSet<ProjectName> names = new TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        List<String> out = new ArrayList<>();
        for (ProjectName name : names) {
            LockPins.Pin a = old.get(name);
            LockPins.Pin b = now.get(name);
            if (a == null) {
                out.add("+ " + b.text());
            } else if (b == null) {
                out.add("- " + a.text());
            } else if (!a.version().equals(b.version())) {
                out.add(name + " " + a.version() + " -> " + b.version());
            }
        }
        return out;
    }
}
