package dev.pinwheel.scan;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled import-name to distribution mapping (resource {@code import-names.txt}) for the
 * imports whose distribution is named differently ({@code yaml} -> PyYAML). One import name may
 * have several distributions ({@code psycopg2} -> psycopg2-binary or psycopg2); the first is the
 * usual choice and the others are returned so that the choice can be reported.
 */
final class ImportMapping {

    private static volatile ImportMapping bundled;

    private final Map<String, List<String>> entries;

    private ImportMapping(Map<String, List<String>> entries) {
        this.entries = Map.copyOf(entries);
    }

    static ImportMapping bundled() {
        ImportMapping m = bundled;
        if (m == null) {
            m = parse(readResource());
            bundled = m;
        }
        return m;
    }

    static ImportMapping parse(String text) {
        Map<String, List<String>> entries = new HashMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            List<String> dists = new ArrayList<>();
            if (parts.length == 1) {
                // A known distribution whose name is its import name.
                ProjectName.parse(parts[0]);
                dists.add(parts[0]);
            }
            for (int i = 1; i < parts.length; i++) {
                ProjectName.parse(parts[i]); // validates
                dists.add(parts[i]);
            }
            entries.put(parts[0], List.copyOf(dists));
        }
        return new ImportMapping(entries);
    }

    /** The distributions for a dotted module by its longest mapped prefix; empty if none. */
    List<String> distributions(String module) {
        String m = module;
        while (true) {
            List<String> d = entries.get(m);
            if (d != null) {
                return d;
            }
            int dot = m.lastIndexOf('.');
            if (dot < 0) {
                return List.of();
            }
            m = m.substring(0, dot);
        }
    }

    /** The other distributions that share a mapping line with {@code name} (psycopg2 for psycopg2-binary). */
    List<ProjectName> alternatives(ProjectName name) {
        java.util.Set<ProjectName> alts = new java.util.TreeSet<>();
        for (List<String> dists : entries.values()) {
            List<ProjectName> names = dists.stream().map(ProjectName::parse).toList();
            if (dists.size() > 1 && names.contains(name)) {
                alts.addAll(names);
            }
        }
        alts.remove(name);
        return List.copyOf(alts);
    }

    private static String readResource() {
        try (InputStream in = ImportMapping.class.getResourceAsStream("import-names.txt")) {
            if (in == null) {
                throw new PinwheelException(PinwheelException.Category.INTERNAL, "missing resource import-names.txt");
            }
            StringBuilder sb = new StringBuilder();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                sb.append(line).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
