package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.Marker;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A resolver scenario read from a text file: sections {@code [packages]} (a line
 * {@code name version [yanked] [requires-python=SPEC] [metadata-python=SPEC] [uploaded=INSTANT] [extras=a,b]
 * [url=URL]}
 * followed by indented Requires-Dist lines), {@code [requirements]}, {@code [constraints]},
 * {@code [preferences]} ({@code name==version}), {@code [options]} ({@code key = value}: python,
 * platform, pre, upgrade, exclude-newer), and the outcome: {@code [expect]} (pins rendered like
 * pip-compile's lines, {@code # via} included) or {@code [error]} (the whole message), and
 * optionally {@code [warnings]}. Put the outcome section last; {@code -Dpinwheel.updateGolden=true}
 * rewrites it from the actual result.
 */
final class Scenario {

    final String name;
    final InMemoryPackageSource source = new InMemoryPackageSource();
    final List<RootRequirement> requirements = new ArrayList<>();
    final List<RootRequirement> constraints = new ArrayList<>();
    final Map<ProjectName, Version> preferences = new LinkedHashMap<>();
    final Map<String, String> options = new LinkedHashMap<>();
    String expect;
    String error;
    String warnings;

    private Scenario(String name) {
        this.name = name;
    }

    static Scenario parse(String name, String text) {
        Scenario s = new Scenario(name);
        String section = null;
        Map<String, StringBuilder> raw = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("[") && line.strip().endsWith("]")) {
                section = line.strip().substring(1, line.strip().length() - 1);
                raw.put(section, new StringBuilder());
                continue;
            }
            if (section == null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                throw new IllegalArgumentException(name + ": text before the first section: " + line);
            }
            raw.get(section).append(line).append('\n');
        }
        for (Map.Entry<String, StringBuilder> e : raw.entrySet()) {
            String body = e.getValue().toString();
            switch (e.getKey()) {
                case "packages" -> s.packages(body);
                case "requirements" -> s.roots(body, s.requirements, "-r requirements.in", "requirements.in");
                case "constraints" -> s.roots(body, s.constraints, "-c constraints.txt", "constraints.txt");
                case "preferences" -> {
                    for (String l : content(body)) {
                        String[] nv = l.split("==");
                        s.preferences.put(ProjectName.parse(nv[0].strip()), Version.parse(nv[1].strip()));
                    }
                }
                case "options" -> {
                    for (String l : content(body)) {
                        int eq = l.indexOf('=');
                        s.options.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
                    }
                }
                case "expect" -> s.expect = body.strip();
                case "error" -> s.error = body.strip();
                case "warnings" -> s.warnings = body.strip();
                default -> throw new IllegalArgumentException(name + ": unknown section [" + e.getKey() + "]");
            }
        }
        if ((s.expect == null) == (s.error == null)) {
            throw new IllegalArgumentException(name + ": needs exactly one of [expect] and [error]");
        }
        return s;
    }

    private static List<String> content(String body) {
        return body.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).toList();
    }

    private void packages(String body) {
        String header = null;
        List<String> deps = new ArrayList<>();
        for (String line : body.lines().toList()) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                deps.add(line.strip());
                continue;
            }
            if (header != null) {
                addPackage(header, deps);
            }
            header = line.strip();
            deps = new ArrayList<>();
        }
        if (header != null) {
            addPackage(header, deps);
        }
    }

    private void addPackage(String header, List<String> deps) {
        String[] words = header.split("\\s+");
        ProjectName pname = ProjectName.parse(words[0]);
        Version version = Version.parse(words[1]);
        boolean yanked = false;
        SpecifierSet requiresPython = SpecifierSet.any();
        SpecifierSet metadataPython = null;
        Optional<Instant> uploaded = Optional.empty();
        Set<ExtraName> extras = new LinkedHashSet<>();
        String url = null;
        for (int i = 2; i < words.length; i++) {
            String w = words[i];
            if (w.equals("yanked")) {
                yanked = true;
            } else if (w.startsWith("requires-python=")) {
                requiresPython = SpecifierSet.parse(w.substring("requires-python=".length()));
            } else if (w.startsWith("metadata-python=")) {
                metadataPython = SpecifierSet.parse(w.substring("metadata-python=".length()));
            } else if (w.startsWith("uploaded=")) {
                uploaded = Optional.of(Instant.parse(w.substring("uploaded=".length())));
            } else if (w.startsWith("extras=")) {
                for (String x : w.substring("extras=".length()).split(",")) {
                    extras.add(ExtraName.parse(x));
                }
            } else if (w.startsWith("url=")) {
                url = w.substring("url=".length());
            } else {
                throw new IllegalArgumentException(name + ": unknown package attribute " + w);
            }
        }
        List<Requirement> reqs = deps.stream().map(Requirement::parse).toList();
        DistMetadata meta = new DistMetadata(pname, version, reqs, extras,
                metadataPython != null ? metadataPython : requiresPython);
        if (url != null) {
            source.addUrl(url, meta);
        } else {
            source.add(new CandidateVersion(version, yanked, requiresPython, uploaded), meta);
        }
    }

    private void roots(String body, List<RootRequirement> into, String via, String file) {
        int n = 0;
        for (String l : content(body)) {
            n++;
            into.add(RootRequirement.of(Requirement.parse(l.strip()), via, file + ":" + n));
        }
    }

    ResolveRequest request() {
        MarkerEnvironment env = MarkerEnvironment.forTarget(options.getOrDefault("python", "3.11.4"),
                options.getOrDefault("platform", "linux"));
        ResolveRequest r = ResolveRequest.of(requirements, env).withConstraints(constraints).withPreferences(preferences)
                .withPrereleases(Boolean.parseBoolean(options.getOrDefault("pre", "false")));
        String upgrade = options.get("upgrade");
        if ("all".equals(upgrade)) {
            r = r.withUpgrade(ResolveRequest.Upgrade.all());
        } else if (upgrade != null) {
            Set<ProjectName> names = new HashSet<>();
            for (String n : upgrade.split(",")) {
                names.add(ProjectName.parse(n.strip()));
            }
            r = r.withUpgrade(ResolveRequest.Upgrade.packages(names));
        }
        if (options.containsKey("exclude-newer")) {
            r = r.withExcludeNewer(Instant.parse(options.get("exclude-newer")));
        }
        return r;
    }

    /** pip-compile-like lines: {@code name[extras]==version ; marker  # via a, -r file}. */
    static String render(Resolution resolution) {
        StringBuilder sb = new StringBuilder();
        for (ResolvedPackage p : resolution.packages()) {
            StringBuilder line = new StringBuilder(p.name().toString());
            if (!p.extras().isEmpty()) {
                line.append(p.extras().stream().map(ExtraName::toString).collect(Collectors.joining(",", "[", "]")));
            }
            line.append(p.url().map(u -> " @ " + u).orElse("==" + p.version()));
            if (!p.markers().isEmpty()) {
                line.append(" ; ").append(p.markers().stream().map(Marker::toString).collect(Collectors.joining(" or ")));
            }
            List<String> via = new ArrayList<>();
            p.requiredBy().forEach(n -> via.add(n.toString()));
            p.roots().stream().map(RootRequirement::source).distinct().forEach(via::add);
            p.constraints().stream().map(RootRequirement::source).distinct().forEach(via::add);
            if (!via.isEmpty()) {
                line.append("  # via ").append(String.join(", ", via));
            }
            sb.append(line).append('\n');
        }
        return sb.toString().strip();
    }
}
