/**
 * A generic PubGrub solver (conflict-driven clause learning for versions), independent of
 * Python: {@link dev.pinwheel.resolver.pubgrub.Solver} over any package type and any totally
 * ordered version type, with version sets as unions of intervals
 * ({@link dev.pinwheel.resolver.pubgrub.Ranges}); the world comes in through a
 * {@link dev.pinwheel.resolver.pubgrub.DependencyProvider}. A failure carries the
 * {@link dev.pinwheel.resolver.pubgrub.DerivationTree}, which
 * {@link dev.pinwheel.resolver.pubgrub.Reporter} renders as "Because ..., ... ." lines with
 * numbered references, the way pubgrub-rs does.
 *
 * <p>Traps handled: terms are positive or negative (a negative term also holds when the package
 * is absent), so "depends on" and "constrains" are different incompatibilities; the previous
 * satisfier is searched with the satisfier's own term standing in for its package; boundary-only
 * values ({@link dev.pinwheel.resolver.pubgrub.Ranges.Cut}) never form phantom one-point
 * intervals; folding "no versions" facts into a neighbour happens only when the folded fact states
 * exactly the derived terms. A property test compares the solver with brute force on random
 * small worlds.
 */
package dev.pinwheel.resolver.pubgrub;
