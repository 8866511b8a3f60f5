/**
 * {@code pinwheel compile}'s engine: pip-compile's lock files from real package indexes.
 * {@link dev.pinwheel.cli.compile.Compiler#compile} reads the inputs (requirements files with
 * includes and options, stdin, pyproject.toml, {@code -c} files) and the existing lock, resolves
 * through {@code pinwheel-resolver} over the index client ({@code IndexPackageSource} on
 * {@code Catalog}, which prefetches pages and metadata in the background, one metadata fetch per
 * version), and renders the result with {@link dev.pinwheel.cli.compile.LockWriter}, a pure
 * generator of pip-compile 7.x's format. {@code pinwheel add} compiles intents it has not written
 * yet: {@link dev.pinwheel.cli.compile.CompileRequest#staged} gives file contents that win over
 * the disk (inputs, includes, constraints and the existing lock), and a dry run returns the text.
 *
 * <p>Traps of pip-compile's format handled here: the header's echoed command (long options with
 * {@code =}, defaults and one-off options dropped, sorted, sources last, shlex quoting, no
 * credentials); the 24-column padding before line-style annotations; a single parent on the
 * {@code # via} line; annotation paths as pip prints them (as given, includes joined to the
 * including file's directory); markers only where an input line had them; extras from every
 * requirer but not from constraints; the unsafe section as comments without
 * {@code --allow-unsafe}; the default index never written; {@code --newline preserve} looking at
 * the old output first. Unlike pip-compile, credentials never reach the options block.
 */
package dev.pinwheel.cli.compile;
