/**
 * Python packaging standards, JDK only and free of I/O: project and extra names (PEP 503, 685),
 * versions and specifiers (PEP 440), requirements and markers (PEP 508), wheel and sdist file
 * names and compatibility tags (PEP 425, 427, 491, 625), core metadata, and pip's
 * requirements-file format.
 *
 * <p>Names, versions, specifiers, requirements and markers: the traps handled.
 * <ul>
 *   <li>Names compare in PEP 503 form ({@code Foo_Bar.baz} is {@code foo-bar-baz}); extras use the
 *       same rule (PEP 685) on both sides of {@code extra == "..."}.
 *   <li>{@link dev.pinwheel.packaging.Version} reads every PEP 440 spelling: leading {@code v}, any
 *       case, surrounding whitespace, {@code . - _} separators, {@code alpha/beta/c/pre/preview},
 *       {@code rev/r}, implicit numbers ({@code 1.0a} is {@code 1.0a0}), {@code 1.0-1} as a
 *       post-release, local labels with {@code -}/{@code _} and leading zeros. Labels match
 *       ASCII only (Java's case-insensitive matching would take U+017F for {@code s}).
 *   <li>Order: {@code 1.0} equals {@code 1.0.0} (and hashes alike) yet prints as written;
 *       {@code 1.0.dev0 < 1.0a0 < 1.0 < 1.0+local < 1.0.post0.dev0 < 1.0.post0}; numeric local
 *       parts beat alphanumeric ones and compare as numbers of any length. Comparison allocates
 *       nothing; numbers above {@code Long.MAX_VALUE} are rejected rather than wrapped.
 *   <li>Specifiers: {@code ==1.0} takes {@code 1.0+local} but {@code ==1.0+a} needs the label;
 *       {@code ==1.*} pads with zeros ({@code 1} matches {@code ==1.0.*}); {@code ~=1.4.5a4} is
 *       {@code >=1.4.5a4,==1.4.*}; {@code <V} rejects V's own pre-releases ({@code <2.0} is
 *       {@code <2.0.dev0}) and {@code >V} V's post-releases and local versions unless V is a
 *       post or dev release. As in {@code packaging} 26, that exclusion is only V's own family:
 *       {@code >1.0a1} takes {@code 1.0.post1}, {@code <2.0.post1} takes {@code 2.0a1}.
 *       {@code ===} compares text; {@code .*} is only allowed after a release with
 *       {@code ==}/{@code !=}; local labels only with {@code ==}/{@code !=}.
 *   <li>Pre-releases (and dev releases) match only when asked for or when a clause other than
 *       {@code !=} names one; the empty set therefore rejects them. ({@code packaging} 26 changed
 *       its {@code contains} to accept them by default; pip's resolver behaviour, which this
 *       follows, did not change.)
 *   <li>PEP 508: specifiers bare or in parentheses; {@code name @ url} where the URL runs to the
 *       next whitespace, so a marker after a URL needs a space before {@code ;} (as in pip);
 *       empty clauses ({@code >=1,,<2}) are errors inside requirements but skipped by
 *       {@link dev.pinwheel.packaging.SpecifierSet#parse} as in {@code packaging}.
 *   <li>Markers: legacy variable spellings ({@code os.name}, {@code python_implementation});
 *       {@code and} binds tighter than {@code or}; keywords need only a word boundary
 *       ({@code "3.8"and ...}); PEP 440 comparison when the operator and the right-hand value
 *       form a specifier and the left value is a version (pre-releases allowed, so a 3.13.0rc1
 *       {@code python_full_version} satisfies {@code >= "3.12"} but not {@code < "3.13"}), Python string
 *       comparison otherwise, also for reversed operands ({@code "3.8" <= python_version});
 *       {@code ~=} between non-versions is false instead of an error; {@code extra} is
 *       membership in the selected set, {@code extras}/{@code dependency_groups} (PEP 751) are
 *       sets; nesting deeper than 64 parentheses is a parse error, not a stack overflow; an
 *       untagged interpreter's {@code 3.13.0+} reads as {@code 3.13.0+local}.
 *   <li>Names in requirements must end with a letter or digit as PEP 508 says, although
 *       {@code packaging}'s pattern lets a trailing {@code _} through; {@code ===} text stops at
 *       whitespace, {@code ;} and {@code )}.
 *   <li>Every parse error is a {@link dev.pinwheel.packaging.ParseException} with the offset into
 *       the whole input (a clause inside a requirement points into the requirement), rendered
 *       with the line and a caret; a robustness test feeds each parser 10,000 generated and mutated inputs,
 *       and {@code PackagingDifferentialIT} asks {@code packaging} itself the same questions.
 * </ul>
 *
 * <p>Tags and file names: {@link dev.pinwheel.packaging.SupportedTags} orders tags exactly as
 * packaging's {@code sys_tags()} (checked against its output for many targets), including the
 * manylinux legacy aliases at their glibc, abi3 for older CPythons, {@code abi3t} for
 * free-threaded builds and the macOS 11+ versioning; wheel tag sets may be compressed; a legacy
 * sdist name is ambiguous where name and version both contain {@code -}, so it can be split
 * with the expected project name.
 *
 * <p>Core metadata and requirements files: {@link dev.pinwheel.packaging.CoreMetadata} reads
 * folded header lines, repeated fields and any field-name case, takes the body after the blank
 * line as the description, and reports (in {@code problems()}) rather than fails on the
 * oddities real packages ship: unparsable Requires-Dist lines, Requires-Python values with
 * stray commas or {@code =>}, bad extras. {@link dev.pinwheel.packaging.RequirementsFile}
 * follows pip: continuation before comment removal before {@code ${VAR}} expansion; a
 * {@code #} is a comment only at the start or after whitespace (URLs keep {@code #egg=}); a
 * marker after a URL needs {@code "; "}; {@code -r}/{@code -c} resolve against the including
 * file; include cycles and every error carry {@code file:line:column} of the physical line,
 * also inside continued lines.
 *
 * <p>{@link dev.pinwheel.packaging.PinwheelException} is the root of pinwheel's exception family.
 */
package dev.pinwheel.packaging;
