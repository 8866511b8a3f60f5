/**
 * Python packaging standards, JDK only and free of I/O: project and extra names (PEP 503, 685),
 * versions and specifiers (PEP 440), requirements and markers (PEP 508), wheel and sdist file
 * names and compatibility tags (PEP 425, 427, 491, 625), core metadata, and pip's
 * requirements-file format.
 *
 * <p>{@link dev.pinwheel.packaging.PinwheelException} is the root of pinwheel's exception family.
 */
package dev.pinwheel.packaging;
