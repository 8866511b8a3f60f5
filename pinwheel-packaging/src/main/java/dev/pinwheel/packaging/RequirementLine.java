package dev.pinwheel.packaging;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One requirement of a requirements file, with where it came from. It is one of:
 * <ul>
 *   <li>a PEP 508 requirement ({@code fastapi>=0.100}, {@code pkg @ https://...}):
 *       {@link #requirement()} is present;</li>
 *   <li>a bare URL or path ({@code https://host/pkg-1.0.whl}, {@code ./vendor/pkg},
 *       {@code git+https://host/repo#egg=pkg}): {@link #link()} is present, {@link #name()} when
 *       an {@code #egg=} fragment or a wheel file name tells it, and for a URL with a known name
 *       {@link #requirement()} is the equivalent {@code name @ url};</li>
 *   <li>an editable ({@code -e ./path}, {@code -e git+...#egg=pkg}): {@link #editable()} with
 *       {@link #link()}, and {@link #name()} when the {@code #egg=} fragment gives it.</li>
 * </ul>
 */
public final class RequirementLine {

    private final Requirement requirement;
    private final String link;
    private final ProjectName name;
    private final SortedSet<ExtraName> extras;
    private final Marker marker;
    private final boolean editable;
    private final boolean constraint;
    private final List<String> hashes;
    private final List<String> configSettings;
    private final String file;
    private final int line;
    private final String text;

    RequirementLine(Requirement requirement, String link, ProjectName name, Set<ExtraName> extras, Marker marker,
            boolean editable, boolean constraint, List<String> hashes, List<String> configSettings, String file,
            int line, String text) {
        this.requirement = requirement;
        this.link = link;
        this.name = requirement != null ? requirement.name() : name;
        this.extras = Collections.unmodifiableSortedSet(new TreeSet<>(requirement != null ? requirement.extras() : extras));
        this.marker = requirement != null ? requirement.marker().orElse(null) : marker;
        this.editable = editable;
        this.constraint = constraint;
        this.hashes = List.copyOf(hashes);
        this.configSettings = List.copyOf(configSettings);
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.text = Objects.requireNonNull(text, "text");
    }

    /** The PEP 508 requirement, if the line is one or a URL whose project is known. */
    public Optional<Requirement> requirement() {
        return Optional.ofNullable(requirement);
    }

    /** The URL or path of a bare-link or editable line, as written (after {@code ${VAR}} expansion). */
    public Optional<String> link() {
        return Optional.ofNullable(link);
    }

    /** The project, when the line names it. */
    public Optional<ProjectName> name() {
        return Optional.ofNullable(name);
    }

    /** Extras: the requirement's, or a path's {@code [extra,...]} suffix. */
    public SortedSet<ExtraName> extras() {
        return extras;
    }

    /** The environment marker after {@code ;}, if any. */
    public Optional<Marker> marker() {
        return Optional.ofNullable(marker);
    }

    /** Whether the line is {@code -e} / {@code --editable}. */
    public boolean editable() {
        return editable;
    }

    /** Whether the line came from a {@code -c} / {@code --constraint} file. */
    public boolean constraint() {
        return constraint;
    }

    /** The {@code --hash} values as {@code algorithm:hex} (hex in lower case), in order. */
    public List<String> hashes() {
        return hashes;
    }

    /** The {@code --config-settings} / {@code -C} values ({@code key=value}), in order. */
    public List<String> configSettings() {
        return configSettings;
    }

    /** The requirements file the line is in (its include path, '/'-separated). */
    public String file() {
        return file;
    }

    /** The 1-based line number where the (possibly continued) line starts. */
    public int line() {
        return line;
    }

    /** The requirement part of the line as written (comments and options removed). */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequirementLine r && Objects.equals(requirement, r.requirement)
                && Objects.equals(link, r.link) && Objects.equals(name, r.name) && extras.equals(r.extras)
                && Objects.equals(marker, r.marker) && editable == r.editable && constraint == r.constraint
                && hashes.equals(r.hashes) && configSettings.equals(r.configSettings) && file.equals(r.file)
                && line == r.line && text.equals(r.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requirement, link, name, editable, constraint, hashes, file, line, text);
    }

    /** {@code file:line: text}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + (editable ? "-e " : "") + text;
    }
}
