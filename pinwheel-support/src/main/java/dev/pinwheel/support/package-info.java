/**
 * The little I/O every engine needs: atomic file writes (a crash never leaves a half-written
 * lock file), inter-process file locks, hashing, and running subprocesses with captured output.
 */
package dev.pinwheel.support;
