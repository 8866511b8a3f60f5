/**
 * Python packaging standards, JDK only and free of I/O: project and extra names (PEP 503, 685),
 * versions and specifiers (PEP 440), requirements and markers (PEP 508), wheel and sdist file
 * names and compatibility tags (PEP 425, 427, 491, 625), core metadata, and pip's
 * requirements-file format.
 *
 * <p>Tags and file names: {@link dev.pinwheel.packaging.SupportedTags} orders tags exactly as
 * packaging's {@code sys_tags()} (checked against its output for many targets), including the
 * manylinux legacy aliases at their glibc, abi3 for older CPythons, {@code abi3t} for
 * free-threaded builds and the macOS 11+ versioning; wheel tag sets may be compressed; a legacy
 * sdist name is ambiguous where name and version both contain {@code -}, so it can be split
 * with the expected project name.
 *
 * <p>{@link dev.pinwheel.packaging.PinwheelException} is the root of pinwheel's exception family.
 */
package dev.pinwheel.packaging;
