package dev.pinwheel.cli.compile;

import java.nio.file.Path;
import java.util.List;

/**
 * What a compile run produced.
 *
 * @param output   the lock file (written unless it was a dry run)
 * @param text     the lock file's whole text
 * @param written  whether the file was written (false on a dry run)
 * @param packages how many packages were pinned
 * @param warnings things the user should know (e.g. a lock pip will refuse with --require-hashes)
 */
public record CompileResult(Path output, String text, boolean written, int packages, List<String> warnings) {

    public CompileResult {
        warnings = List.copyOf(warnings);
    }
}
