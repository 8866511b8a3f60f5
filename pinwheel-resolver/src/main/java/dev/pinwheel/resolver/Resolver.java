package dev.pinwheel.resolver;

import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.Marker;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.resolver.pubgrub.DependencyProvider.Edge;
import dev.pinwheel.resolver.pubgrub.DerivationTree;
import dev.pinwheel.resolver.pubgrub.NoSolutionException;
import dev.pinwheel.resolver.pubgrub.Reporter;
import dev.pinwheel.resolver.pubgrub.Solver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves Python requirements to pinned versions with PubGrub, asking a {@link PackageSource}
 * for everything it needs.
 *
 * <pre>{@code
 * Resolution r = new Resolver(source).resolve(ResolveRequest.of(roots, environment)
 *         .withConstraints(constraints).withPreferences(existingPins));
 * }</pre>
 *
 * Throws {@link ResolutionException} (NEGATIVE) with a readable explanation when no solution
 * exists; exceptions from the source propagate unchanged.
 */
public final class Resolver {

    private final PackageSource source;
    private final ResolveListener listener;

    public Resolver(PackageSource source) {
        this(source, ResolveListener.NONE);
    }

    public Resolver(PackageSource source, ResolveListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public Resolution resolve(ResolveRequest request) {
        PythonProvider provider = new PythonProvider(source, request, listener);
        Map<PyPackage, VersionPoint> solution;
        try {
            solution = Solver.solve(provider, PyPackage.ROOT, PythonProvider.ROOT_VERSION);
        } catch (NoSolutionException e) {
            throw explain(provider, e.<PyPackage, VersionPoint>tree());
        }
        return assemble(provider, request, solution);
    }

    private static ResolutionException explain(PythonProvider provider, DerivationTree<PyPackage, VersionPoint> tree) {
        String text = Reporter.report(tree, new PythonFormatter(provider));
        Set<ProjectName> missing = new LinkedHashSet<>();
        for (DerivationTree.External<PyPackage, VersionPoint> e : tree.externals()) {
            if (e instanceof DerivationTree.NoVersions<PyPackage, VersionPoint> n && !n.pkg().isRoot()) {
                PythonProvider.Project p = provider.known(n.pkg().name());
                if (p != null && p.candidates != null && !p.candidates.found()) {
                    missing.add(n.pkg().name());
                }
            }
        }
        String hint = missing.isEmpty() ? null
                : "check the spelling of " + String.join(", ", missing.stream().map(ProjectName::toString).toList())
                        + " and the package index settings";
        return new ResolutionException(text, List.copyOf(missing), hint);
    }

    private static Resolution assemble(PythonProvider provider, ResolveRequest request, Map<PyPackage, VersionPoint> solution) {
        Map<ProjectName, Builder> out = new TreeMap<>();
        for (Map.Entry<PyPackage, VersionPoint> e : solution.entrySet()) {
            PyPackage pkg = e.getKey();
            if (!pkg.isRoot()) {
                Builder b = out.computeIfAbsent(pkg.name(), Builder::new);
                b.version = e.getValue().version();
                if (pkg.extra() != null) {
                    b.extras.add(pkg.extra());
                }
            }
        }
        for (Map.Entry<PyPackage, VersionPoint> e : solution.entrySet()) {
            PyPackage pkg = e.getKey();
            if (pkg.isRoot()) {
                continue;
            }
            for (Edge<PyPackage, VersionPoint> edge : provider.edgesOf(pkg, e.getValue().version())) {
                Builder target = out.get(edge.pkg().name());
                if (target != null && !edge.constraint() && !edge.pkg().name().equals(pkg.name())) {
                    target.requiredBy.add(pkg.name());
                }
            }
        }
        for (RootRequirement root : request.requirements()) {
            Requirement r = root.requirement();
            Builder b = out.get(r.name());
            if (b != null && r.marker().map(m -> m.evaluate(request.environment(), Set.of())).orElse(true)) {
                b.roots.add(root);
                r.marker().ifPresent(m -> {
                    if (!b.markers.contains(m)) {
                        b.markers.add(m);
                    }
                });
            }
        }
        for (RootRequirement root : request.constraints()) {
            Requirement r = root.requirement();
            Builder b = out.get(r.name());
            if (b != null && r.marker().map(m -> m.evaluate(request.environment(), Set.of())).orElse(true)) {
                b.constraints.add(root);
            }
        }
        List<String> warnings = new ArrayList<>(provider.warnings());
        List<ResolvedPackage> packages = new ArrayList<>();
        for (Builder b : out.values()) {
            PythonProvider.Project p = provider.known(b.name);
            boolean yanked = false;
            if (p != null && p.candidates != null) {
                for (CandidateVersion c : p.candidates.usable()) {
                    if (c.version().equals(b.version) && c.yanked()) {
                        yanked = true;
                        warnings.add(b.name + "==" + b.version + " is yanked");
                    }
                }
            }
            packages.add(new ResolvedPackage(b.name, b.version, Optional.ofNullable(provider.url(b.name)), b.extras,
                    b.requiredBy, b.roots, b.constraints, b.markers, yanked));
        }
        return new Resolution(packages, warnings);
    }

    private static final class Builder {
        final ProjectName name;
        Version version;
        final TreeSet<ExtraName> extras = new TreeSet<>();
        final TreeSet<ProjectName> requiredBy = new TreeSet<>();
        final List<RootRequirement> roots = new ArrayList<>();
        final List<RootRequirement> constraints = new ArrayList<>();
        final List<Marker> markers = new ArrayList<>();

        Builder(ProjectName name) {
            this.name = name;
        }
    }
}
