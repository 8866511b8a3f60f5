package dev.pinwheel.scan;

import dev.pinwheel.packaging.PinwheelException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The top-level module names of a Python version's standard library. Best asked of the target
 * interpreter ({@code sys.stdlib_module_names}, 3.10+); otherwise from the lists bundled for
 * 3.8-3.14 (resources {@code stdlib/3.X.txt}, made by {@code tools/generate-stdlib.py} from real
 * interpreters, see there). Without any version, the union of all bundled lists: a module that
 * some version ships is never taken for a distribution (pipreqs' Python 2 list got this wrong).
 */
public final class StandardLibrary {

    /** The versions with a bundled list, oldest first. */
    public static final List<String> BUNDLED = List.of("3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14");

    private final Set<String> names;
    private final String description;

    private StandardLibrary(Set<String> names, String description) {
        this.names = Set.copyOf(names);
        this.description = description;
    }

    /** The list an interpreter reported. */
    public static StandardLibrary of(Set<String> names, String description) {
        return new StandardLibrary(names, description);
    }

    /** The bundled list of a version such as {@code 3.11} (or {@code 3.11.7}). */
    public static StandardLibrary bundled(String version) {
        String[] parts = version.split("\\.");
        String mm = parts.length >= 2 ? parts[0] + "." + parts[1] : version;
        if (!BUNDLED.contains(mm)) {
            throw new PinwheelException(PinwheelException.Category.BAD_INPUT,
                    "no standard-library list for Python " + version,
                    "pinwheel knows Python " + BUNDLED.get(0) + " to " + BUNDLED.get(BUNDLED.size() - 1));
        }
        return new StandardLibrary(read(mm), "bundled list for Python " + mm);
    }

    /** Every bundled version's modules together. */
    public static StandardLibrary anyVersion() {
        Set<String> all = new TreeSet<>();
        for (String v : BUNDLED) {
            all.addAll(read(v));
        }
        return new StandardLibrary(all, "bundled lists for Python " + BUNDLED.get(0) + "-" + BUNDLED.get(BUNDLED.size() - 1));
    }

    public boolean contains(String topLevelModule) {
        return names.contains(topLevelModule);
    }

    /** Where the list came from, for messages. */
    public String description() {
        return description;
    }

    private static Set<String> read(String version) {
        String resource = "stdlib/" + version + ".txt";
        try (InputStream in = StandardLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PinwheelException(PinwheelException.Category.INTERNAL, "missing resource " + resource);
            }
            Set<String> names = new TreeSet<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    names.add(line);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
