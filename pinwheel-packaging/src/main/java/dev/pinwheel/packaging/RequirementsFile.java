package dev.pinwheel.packaging;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A pip requirements file ({@code requirements.in}, {@code requirements.txt}) with the files it
 * includes, parsed as pip does.
 *
 * <p>Per line, in pip's order: lines ending in {@code \} are joined with the next (a comment
 * line ends the continuation); a comment starts at a {@code #} at the start of a line or after
 * whitespace ({@code pkg#egg=x} is not a comment); {@code ${NAME}} (upper-case letters, digits,
 * {@code _}) is replaced by the environment's value when it has a non-empty one, else left as
 * is; then the line is either a requirement (PEP 508, a bare URL or path, possibly followed by
 * {@code --hash=...} and {@code --config-settings}) or options ({@code -r}, {@code -c},
 * {@code -e}, {@code -i}, {@code --extra-index-url}, {@code -f}, {@code --no-index},
 * {@code --pre}, {@code --trusted-host}, {@code --only-binary}, {@code --no-binary},
 * {@code --prefer-binary}, {@code --require-hashes}).
 *
 * <p>{@code -r}/{@code -c} paths are resolved against the including file's directory (or URL)
 * and read through the {@link Loader}; requirements of included files appear in place.
 * Requirements from {@code -c} files are constraints (pip: a {@code -r} inside a constraints
 * file is a requirements file again). An include cycle, an unknown option, a malformed
 * requirement and an unreadable include are {@link ParseException}s that name
 * {@code file:line:column} and show the line with a caret. Stricter than pip: an option that
 * is not per-requirement after a requirement on the same line, and stray arguments after
 * options, are errors rather than silently ignored.
 */
public final class RequirementsFile {

    /** Reads an included file; packaging does no I/O itself. */
    @FunctionalInterface
    public interface Loader {
        /**
         * The text of the file at {@code resolvedPath} ('/'-separated, relative to the same
         * base as the top-level path, or a URL). Throw a {@link PinwheelException} (or an
         * {@link java.io.UncheckedIOException}) when it cannot be read.
         */
        String load(String resolvedPath);
    }

    private final String path;
    private final List<RequirementLine> requirements;
    private final RequirementsOptions options;
    private final List<String> files;

    RequirementsFile(String path, List<RequirementLine> requirements, RequirementsOptions options, List<String> files) {
        this.path = path;
        this.requirements = List.copyOf(requirements);
        this.options = options;
        this.files = List.copyOf(files);
    }

    /** Parses {@code content} (the file at {@code path}) without environment variables. */
    public static RequirementsFile parse(String path, String content, Loader loader) {
        return parse(path, content, loader, name -> null);
    }

    /**
     * Parses {@code content} (the file at {@code path}); {@code env} gives {@code ${NAME}}
     * values (null when unset).
     */
    public static RequirementsFile parse(String path, String content, Loader loader, Function<String, String> env) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(env, "env");
        return new RequirementsFileParser(loader, env).parse(path, content);
    }

    /** The top-level file's path, normalized. */
    public String path() {
        return path;
    }

    /** Every requirement of this file and its includes, in reading order. */
    public List<RequirementLine> requirements() {
        return requirements;
    }

    /** The options set by this file and its includes. */
    public RequirementsOptions options() {
        return options;
    }

    /** Every file read, the top-level one first, in reading order (normalized paths). */
    public List<String> files() {
        return files;
    }

    @Override
    public String toString() {
        return "RequirementsFile[" + path + ", " + requirements.size() + " requirements]";
    }
}
