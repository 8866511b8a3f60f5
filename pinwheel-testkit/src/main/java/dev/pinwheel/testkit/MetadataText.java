package dev.pinwheel.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders core metadata headers (RFC 822 style) the way packaging tools write them. */
final class MetadataText {

    private MetadataText() {
    }

    static String render(String metadataVersion, String name, String version, String requiresPython,
                         List<String> requiresDist, List<String> providesExtra, List<String> dynamic,
                         List<Map.Entry<String, String>> extra) {
        List<String> lines = new ArrayList<>();
        lines.add("Metadata-Version: " + metadataVersion);
        lines.add("Name: " + name);
        lines.add("Version: " + version);
        for (String d : dynamic) {
            lines.add("Dynamic: " + d);
        }
        for (Map.Entry<String, String> e : extra) {
            lines.add(e.getKey() + ": " + e.getValue());
        }
        if (requiresPython != null) {
            lines.add("Requires-Python: " + requiresPython);
        }
        for (String e : providesExtra) {
            lines.add("Provides-Extra: " + e);
        }
        for (String r : requiresDist) {
            lines.add("Requires-Dist: " + r);
        }
        return String.join("\n", lines) + "\n\n";
    }

    /** The escaped name used in wheel and sdist file names (PEP 427, PEP 625). */
    static String escapedName(String name) {
        return name.replaceAll("[-_.]+", "_").toLowerCase(java.util.Locale.ROOT);
    }
}
