package dev.pinwheel.packaging;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A wheel file name (PEP 427, 491):
 * {@code {name}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl}.
 *
 * <p>Traps handled: the tag parts may be compressed tag sets ({@code py2.py3-none-any}); the
 * name part is escaped ({@code -} written as {@code _}) and compared normalized; the build tag
 * starts with a digit and sorts numerically; equality ignores spelling (case, tag order) and
 * compares project, version, build tag and tag set.
 */
public final class WheelFilename implements DistFilename {

    private final String filename;
    private final ProjectName name;
    private final Version version;
    private final BuildTag buildTag;
    private final Set<Tag> tags;

    private WheelFilename(String filename, ProjectName name, Version version, BuildTag buildTag,
            Set<Tag> tags) {
        this.filename = filename;
        this.name = name;
        this.version = version;
        this.buildTag = buildTag;
        this.tags = tags;
    }

    /** Parses a wheel file name; anything else throws {@link ParseException}. */
    public static WheelFilename parse(String filename) {
        Objects.requireNonNull(filename, "filename");
        if (!filename.endsWith(".whl")) {
            throw new ParseException(filename, Math.max(0, filename.lastIndexOf('.')), filename.length(),
                    "a wheel file name ends in '.whl'");
        }
        String stem = filename.substring(0, filename.length() - 4);
        int dashes = 0;
        for (int i = 0; i < stem.length(); i++) {
            if (stem.charAt(i) == '-') {
                dashes++;
            }
        }
        if (dashes != 4 && dashes != 5) {
            throw new ParseException(filename, 0, stem.length(),
                    "a wheel file name has 5 or 6 parts separated by '-' "
                            + "(name-version[-build]-python-abi-platform.whl), found " + (dashes + 1));
        }
        int nameEnd = stem.indexOf('-');
        int versionEnd = stem.indexOf('-', nameEnd + 1);
        int tagsStart = versionEnd + 1;
        BuildTag build = null;
        if (dashes == 5) {
            int buildEnd = stem.indexOf('-', versionEnd + 1);
            build = part(filename, versionEnd + 1, buildEnd, "build tag", BuildTag::parse);
            tagsStart = buildEnd + 1;
        }
        String namePart = stem.substring(0, nameEnd);
        int doubled = namePart.indexOf("__");
        if (doubled >= 0) {
            throw new ParseException(filename, doubled, 2,
                    "the name part of a wheel file name is escaped: no '__'");
        }
        ProjectName name = part(filename, 0, nameEnd, "project name", ProjectName::parse);
        Version version = part(filename, nameEnd + 1, versionEnd, "version", Version::parse);
        Set<Tag> tags = part(filename, tagsStart, stem.length(), "tags", Tag::parseSet);
        return new WheelFilename(filename, name, version, build, tags);
    }

    /**
     * The canonical file name for these parts: the normalized name with {@code _} for
     * {@code -}, the normalized version, the tags compressed (they must form a cross product
     * of interpreters, ABIs and platforms).
     */
    public static WheelFilename of(ProjectName name, Version version, Optional<BuildTag> buildTag,
            Set<Tag> tags) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(buildTag, "buildTag");
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a wheel has at least one tag");
        }
        String filename = name.toString().replace('-', '_') + "-" + version
                + buildTag.map(b -> "-" + b).orElse("") + "-" + Tag.compress(tags) + ".whl";
        return new WheelFilename(filename, name, version, buildTag.orElse(null),
                Collections.unmodifiableSet(new LinkedHashSet<>(tags)));
    }

    interface PartParser<T> {
        T parse(String text);
    }

    /** Parses one part, moving a part's error into the coordinates of the whole file name. */
    static <T> T part(String filename, int start, int end, String what, PartParser<T> parser) {
        String text = filename.substring(start, end);
        if (text.isEmpty()) {
            throw new ParseException(filename, start, 0, "empty " + what + " in '" + filename + "'");
        }
        try {
            return parser.parse(text);
        } catch (ParseException e) {
            throw new ParseException(filename, start + e.offset(), Math.max(1, e.length()),
                    "invalid " + what + ": " + e.reason());
        }
    }

    @Override
    public ProjectName name() {
        return name;
    }

    @Override
    public Version version() {
        return version;
    }

    public Optional<BuildTag> buildTag() {
        return Optional.ofNullable(buildTag);
    }

    /** Every tag of the (possibly compressed) tag set, in the order the file name lists them. */
    public Set<Tag> tags() {
        return tags;
    }

    @Override
    public String filename() {
        return filename;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WheelFilename w && name.equals(w.name) && version.equals(w.version)
                && Objects.equals(buildTag, w.buildTag) && tags.equals(w.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, buildTag, tags);
    }

    /** The file name as given. */
    @Override
    public String toString() {
        return filename;
    }
}
