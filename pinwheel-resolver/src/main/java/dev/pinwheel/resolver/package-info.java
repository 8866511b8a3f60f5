/**
 * Version solving for Python requirements: {@link dev.pinwheel.resolver.Resolver} turns a
 * {@link dev.pinwheel.resolver.ResolveRequest} into a {@link dev.pinwheel.resolver.Resolution}
 * (pins with everything pip-compile's {@code # via} annotations need), or throws
 * {@link dev.pinwheel.resolver.ResolutionException} (NEGATIVE, exit 1) with a numbered PubGrub
 * explanation. Packages are reached only through {@link dev.pinwheel.resolver.PackageSource},
 * whose futures let a network implementation fetch in parallel while the solver works;
 * {@link dev.pinwheel.resolver.InMemoryPackageSource} serves tests.
 *
 * <p>Traps handled here:
 * <ul>
 * <li>PEP 440 specifiers are not plain intervals over versions: {@code <2.0} must not take
 *     {@code 2.0rc1}, {@code >1.0} must not take {@code 1.0.post1} or {@code 1.0+local},
 *     {@code ==1.0} takes {@code 1.0+cpu}. Sets are intervals over versions plus boundary
 *     points between them ({@code VersionPoint}); a property test checks every clause against
 *     {@code SpecifierSet.contains}.</li>
 * <li>Extras are packages of their own ({@code name[extra]}) tied to the project at the same
 *     version, so two requirements with different extras agree on one version; an extra's
 *     requirements are those its {@code extra == "..."} marker switches on.</li>
 * <li>Filters that depend on the request only (Requires-Python, yanked unless pinned with
 *     {@code ==} in the root requirements or constraints, {@code --exclude-newer}) are applied
 *     before solving so that learned incompatibilities stay true; pre-releases are a
 *     preference order (pip's rules) and never make a fact false.</li>
 * <li>Markers are evaluated once for the target environment; a requirement whose marker is
 *     false is dropped (no universal resolution).</li>
 * </ul>
 *
 * <p>The generic PubGrub core lives in {@link dev.pinwheel.resolver.pubgrub}.
 */
package dev.pinwheel.resolver;
