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

    /**
     * Module path ("yaml", "google.protobuf") to the distributions providing it, in the order met
     * (never changed after {@link #index}; providers are made only for the modules asked about).
     */
    private final Map<String, Set<ProjectName>> byModule;
    private final Map<ProjectName, String> versions;

    private InstalledDistributions(Map<String, Set<ProjectName>> byModule, Map<ProjectName, String> versions) {
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
            // A RECORD lists every file of a package directory: each directory is looked at once.
            Map<String, String> dirModules = new HashMap<>();
            for (String f : d.files()) {
                String p = f.indexOf('\\') < 0 ? f : f.replace('\\', '/');
                if (outside(p)) {
                    continue;
                }
                int slash = p.lastIndexOf('/');
                String dir = slash < 0 ? "" : p.substring(0, slash);
                String dirModule;
                if (dirModules.containsKey(dir)) {
                    dirModule = dirModules.get(dir);
                } else {
                    List<String> packages = new ArrayList<>();
                    dirModule = packagesOf(dir, packages);
                    dirModules.put(dir, dirModule);
                    for (String m : packages) {
                        modules.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(d.name());
                    }
                }
                String module = dirModule == null ? null : fileModule(dirModule, p.substring(slash + 1));
                if (module != null) {
                    modules.computeIfAbsent(module, k -> new LinkedHashSet<>()).add(d.name());
                }
            }
            for (String t : d.topLevel()) {
                String m = t.strip().replace('/', '.');
                if (!m.isEmpty()) {
                    modules.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(d.name());
                }
            }
        }
        return new InstalledDistributions(modules, Map.copyOf(versions));
    }

    static List<String> modulesOf(String recordPath) {
        String p = recordPath.replace('\\', '/');
        if (outside(p)) {
            return List.of();
        }
        int slash = p.lastIndexOf('/');
        List<String> out = new ArrayList<>();
        String dirModule = packagesOf(slash < 0 ? "" : p.substring(0, slash), out);
        String module = dirModule == null ? null : fileModule(dirModule, p.substring(slash + 1));
        if (module != null) {
            out.add(module);
        }
        return out;
    }

    /** Files outside site-packages ({@code ../../bin/x}, absolute paths) provide nothing. */
    private static boolean outside(String p) {
        return p.startsWith("/") || p.startsWith("../") || p.contains("/../");
    }

    /**
     * Adds to {@code out} the packages a directory of site-packages shows ({@code a/b}: a, a.b),
     * up to a part that is no identifier ({@code foo-1.0.dist-info}) or a bytecode cache; returns
     * the directory's own dotted name ("" for site-packages itself), or null when it stopped early
     * (then its files are no modules).
     */
    private static String packagesOf(String dir, List<String> out) {
        if (dir.isEmpty()) {
            return "";
        }
        int start = 0;
        while (true) {
            int slash = dir.indexOf('/', start);
            int end = slash < 0 ? dir.length() : slash;
            String part = dir.substring(start, end);
            if (!isIdentifier(part) || part.equals("__pycache__")) {
                return null;
            }
            String module = dir.substring(0, end).replace('/', '.');
            out.add(module);
            if (slash < 0) {
                return module;
            }
            start = slash + 1;
        }
    }

    /** The module a file is ({@code .py}, {@code .pyi}, extension modules) in the package {@code dirModule}, or null. */
    private static String fileModule(String dirModule, String file) {
        String stem;
        if (file.endsWith(".py") || file.endsWith(".pyi")) {
            stem = file.substring(0, file.lastIndexOf('.'));
        } else if (file.endsWith(".so") || file.endsWith(".pyd")) {
            stem = file.substring(0, file.indexOf('.')); // _speedups.cpython-311-x86_64-linux-gnu.so
        } else {
            return null; // data files still show the packages they sit in
        }
        if (!isIdentifier(stem) || stem.equals("__init__")) {
            return null;
        }
        return dirModule.isEmpty() ? stem : dirModule + "." + stem;
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
            Set<ProjectName> names = byModule.get(m);
            if (names != null) {
                List<ProjectName> sorted = new ArrayList<>(names);
                sorted.sort(null);
                List<Provider> providers = new ArrayList<>(sorted.size());
                for (ProjectName n : sorted) {
                    providers.add(new Provider(n, versions.get(n)));
                }
                return List.copyOf(providers);
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
