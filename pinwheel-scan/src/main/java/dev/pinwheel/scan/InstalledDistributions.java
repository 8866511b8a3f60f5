package dev.pinwheel.scan;

import dev.pinwheel.packaging.ProjectName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a target environment has installed, seen the way the import mapping needs it: which
 * distributions provide a module (exactly, from their RECORD file lists or top_level.txt) and at
 * which version. Built from any reader of installed distributions through {@link #index}.
 */
public final class InstalledDistributions {

    /** One installed distribution as the index needs it. */
    public record Installed(ProjectName name, String version, Collection<String> files, Collection<String> topLevel) {

        public Installed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            files = List.copyOf(files);
            topLevel = List.copyOf(topLevel);
        }
    }

    /** A distribution providing a module. */
    public record Provider(ProjectName name, String version) {
    }

    private static final InstalledDistributions NONE = new InstalledDistributions(Map.of(), Map.of());

    /** Module path ("yaml", "google.protobuf") to providers in name order. */
    private final Map<String, List<Provider>> byModule;
    private final Map<ProjectName, String> versions;

    private InstalledDistributions(Map<String, List<Provider>> byModule, Map<ProjectName, String> versions) {
        this.byModule = byModule;
        this.versions = versions;
    }

    /** An environment with nothing installed, or none at all. */
    public static InstalledDistributions none() {
        return NONE;
    }

    /**
     * Indexes installed distributions. From a RECORD path {@code google/protobuf/json_format.py}
     * the modules {@code google}, {@code google.protobuf} and {@code google.protobuf.json_format}
     * are provided; metadata directories, bytecode caches and files outside site-packages
     * ({@code ../../bin/x}) provide nothing.
     */
    public static InstalledDistributions index(Collection<Installed> installed) {
        Map<String, Set<ProjectName>> modules = new HashMap<>();
        Map<ProjectName, String> versions = new HashMap<>();
        for (Installed d : installed) {
            versions.put(d.name(), d.version());
            for (String f : d.files()) {
                for (String m : modulesOf(f)) {
                    modules.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(d.name());
                }
            }
            for (String t : d.topLevel()) {
                String m = t.strip().replace('/', '.');
                if (!m.isEmpty()) {
                    modules.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(d.name());
                }
            }
        }
        Map<String, List<Provider>> byModule = new HashMap<>();
        modules.forEach((m, names) -> {
            List<Provider> ps = new ArrayList<>();
            names.stream().sorted().forEach(n -> ps.add(new Provider(n, versions.get(n))));
            byModule.put(m, List.copyOf(ps));
        });
        return new InstalledDistributions(Map.copyOf(byModule), Map.copyOf(versions));
    }

    static List<String> modulesOf(String recordPath) {
        String p = recordPath.replace('\\', '/');
        if (p.startsWith("/") || p.startsWith("../") || p.contains("/../")) {
            return List.of();
        }
        String[] parts = p.split("/");
        int last = parts.length - 1;
        String file = parts[last];
        String stem;
        if (file.endsWith(".py") || file.endsWith(".pyi")) {
            stem = file.substring(0, file.lastIndexOf('.'));
        } else if (file.endsWith(".so") || file.endsWith(".pyd")) {
            stem = file.substring(0, file.indexOf('.')); // _speedups.cpython-311-x86_64-linux-gnu.so
        } else {
            stem = null; // data files still show the packages they sit in
        }
        List<String> out = new ArrayList<>();
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < last; i++) {
            String dir = parts[i];
            if (!isIdentifier(dir)) {
                return out; // foo-1.0.dist-info, __pycache__ is an identifier but holds no modules
            }
            if (dir.equals("__pycache__")) {
                return out;
            }
            if (m.length() > 0) {
                m.append('.');
            }
            m.append(dir);
            out.add(m.toString());
        }
        if (stem != null && isIdentifier(stem) && !stem.equals("__init__")) {
            out.add(m.length() == 0 ? stem : m + "." + stem);
        }
        return out;
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The distributions providing a dotted module: those of the longest prefix of it that any
     * installed distribution provides ({@code google.cloud.storage} before {@code google}).
     */
    public List<Provider> providers(String module) {
        String m = module;
        while (true) {
            List<Provider> p = byModule.get(m);
            if (p != null) {
                return p;
            }
            int dot = m.lastIndexOf('.');
            if (dot < 0) {
                return List.of();
            }
            m = m.substring(0, dot);
        }
    }

    public Optional<String> version(ProjectName name) {
        return Optional.ofNullable(versions.get(name));
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }
}
