package dev.pinwheel.packaging;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A source distribution file name: {@code {name}-{version}.tar.gz} (PEP 625; the name
 * normalized with {@code _}) or a legacy name ({@code .zip}, {@code .tar.bz2}, {@code .tgz},
 * ...; any spelling of the name).
 *
 * <p>The trap: in a legacy name both the project and the version may contain {@code -}
 * ({@code foo-bar-1.0-1.tar.gz} is foo-bar 1.0.post1). Without knowing the project,
 * {@link #parse(String)} splits at the first {@code -} after which a valid version follows;
 * {@link #parse(String, ProjectName)} splits where the prefix names the expected project, which
 * is the reliable way when the project is known (an index page lists one project's files).
 */
public final class SdistFilename implements DistFilename {

    /** Archive suffixes pip accepts for source distributions, longest first. */
    static final List<String> EXTENSIONS = List.of(".tar.gz", ".tar.bz2", ".tar.xz", ".zip",
            ".tgz", ".tbz", ".txz", ".tar");

    private final String filename;
    private final ProjectName name;
    private final Version version;
    private final String extension;

    private SdistFilename(String filename, ProjectName name, Version version, String extension) {
        this.filename = filename;
        this.name = name;
        this.version = version;
        this.extension = extension;
    }

    /** Parses a source distribution file name, splitting name and version as described above. */
    public static SdistFilename parse(String filename) {
        String extension = extension(filename);
        int stemEnd = filename.length() - extension.length();
        int lastDash = -1;
        for (int dash = filename.indexOf('-'); dash >= 0 && dash < stemEnd;
                dash = filename.indexOf('-', dash + 1)) {
            lastDash = dash;
            if (!mayStartVersion(filename, dash + 1)) {
                // Most dashes of a legacy name sit inside the project name; skip them without
                // paying for a failed parse.
                continue;
            }
            try {
                Version version = WheelFilename.part(filename, dash + 1, stemEnd, "version", Version::parse);
                ProjectName name = WheelFilename.part(filename, 0, dash, "project name", ProjectName::parse);
                return new SdistFilename(filename, name, version, extension);
            } catch (ParseException e) {
                // try the next '-'
            }
        }
        if (lastDash >= 0) {
            // No split works; report the one packaging makes (at the last '-'), whose parts throw.
            WheelFilename.part(filename, lastDash + 1, stemEnd, "version", Version::parse);
            WheelFilename.part(filename, 0, lastDash, "project name", ProjectName::parse);
        }
        throw new ParseException(filename, 0, stemEnd,
                "a source distribution name is '{name}-{version}" + extension + "'; no '-' found");
    }

    /**
     * Parses a source distribution file name of {@code project}: the version is what follows
     * the prefix that normalizes to the project's name.
     */
    public static SdistFilename parse(String filename, ProjectName project) {
        Objects.requireNonNull(project, "project");
        String extension = extension(filename);
        int stemEnd = filename.length() - extension.length();
        for (int dash = filename.indexOf('-'); dash >= 0 && dash < stemEnd;
                dash = filename.indexOf('-', dash + 1)) {
            ProjectName name;
            try {
                name = ProjectName.parse(filename.substring(0, dash));
            } catch (ParseException e) {
                continue;
            }
            if (name.equals(project)) {
                Version version = WheelFilename.part(filename, dash + 1, stemEnd, "version", Version::parse);
                return new SdistFilename(filename, name, version, extension);
            }
        }
        throw new ParseException(filename, 0, stemEnd,
                "the file name does not start with the project name '" + project + "' and a '-'");
    }

    /** A PEP 440 version starts with a digit, perhaps after a 'v' and blanks. */
    private static boolean mayStartVersion(String text, int at) {
        int i = at;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == 'v' || text.charAt(i) == 'V')) {
            i++;
        }
        return i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }

    private static String extension(String filename) {
        Objects.requireNonNull(filename, "filename");
        String lower = filename.toLowerCase(Locale.ROOT);
        for (String extension : EXTENSIONS) {
            if (lower.endsWith(extension)) {
                return filename.substring(filename.length() - extension.length());
            }
        }
        int dot = filename.lastIndexOf('.');
        throw new ParseException(filename, Math.max(0, dot), dot < 0 ? 0 : filename.length() - dot,
                "a source distribution name ends in .tar.gz or .zip (or a legacy "
                        + ".tar.bz2, .tar.xz, .tgz, .tbz, .txz, .tar)");
    }

    @Override
    public ProjectName name() {
        return name;
    }

    @Override
    public Version version() {
        return version;
    }

    /** The archive suffix as written, e.g. {@code .tar.gz}. */
    public String extension() {
        return extension;
    }

    /** Whether the name follows PEP 625: {@code .tar.gz} and the name's normalized {@code _} form. */
    public boolean isStandard() {
        return filename.equals(name.toString().replace('-', '_') + "-" + version + ".tar.gz");
    }

    @Override
    public String filename() {
        return filename;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdistFilename s && name.equals(s.name) && version.equals(s.version)
                && extension.equalsIgnoreCase(s.extension);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, extension.toLowerCase(Locale.ROOT));
    }

    /** The file name as given. */
    @Override
    public String toString() {
        return filename;
    }
}
