package dev.pinwheel.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * The file name of a distribution: a wheel ({@link WheelFilename}) or a source distribution
 * ({@link SdistFilename}).
 */
public sealed interface DistFilename permits WheelFilename, SdistFilename {

    /** The project, normalized (PEP 503). */
    ProjectName name();

    Version version();

    /** The file name as given. */
    String filename();

    /** A wheel if the name ends in {@code .whl}, else a source distribution. */
    static DistFilename parse(String filename) {
        Objects.requireNonNull(filename, "filename");
        return filename.endsWith(".whl") ? WheelFilename.parse(filename) : SdistFilename.parse(filename);
    }

    /**
     * Like {@link #parse(String)}, but a legacy sdist name is split where its prefix names
     * {@code project} (for names such as {@code foo-1.0-1.tar.gz}); a file of another project
     * is an error.
     */
    static DistFilename parse(String filename, ProjectName project) {
        Objects.requireNonNull(filename, "filename");
        if (filename.endsWith(".whl")) {
            WheelFilename wheel = WheelFilename.parse(filename);
            if (!wheel.name().equals(project)) {
                throw new ParseException(filename, 0, filename.indexOf('-'),
                        "the wheel is of project '" + wheel.name() + "', not '" + project + "'");
            }
            return wheel;
        }
        return SdistFilename.parse(filename, project);
    }

    /**
     * The parsed name, or empty for anything that is not a wheel or sdist name (an index page
     * also lists {@code .exe}, {@code .egg}, {@code .rpm} files and the like).
     */
    static Optional<DistFilename> tryParse(String filename) {
        try {
            return Optional.of(parse(filename));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Like {@link #parse(String, ProjectName)}, but empty for anything else. */
    static Optional<DistFilename> tryParse(String filename, ProjectName project) {
        try {
            return Optional.of(parse(filename, project));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
