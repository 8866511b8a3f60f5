/**
 * Version solving: a PubGrub core with conflict learning and derivation explanations, and the
 * Python adapter (extras, markers, pre-releases, preferences). Packages are reached only through
 * the {@code PackageSource} interface.
 */
package dev.pinwheel.resolver;
