package dev.pinwheel.index;

import dev.pinwheel.packaging.ProjectName;

import java.util.List;
import java.util.Objects;

/**
 * What all configured sources list for one project: the files of every index (primary first,
 * then extra indexes in order) and every find-links location, in that order. The same file name
 * may appear once per source (pip consults them all; {@code --generate-hashes} wants every
 * hash). Yanked files are included (marked); the caller skips them unless pinned exactly.
 *
 * @param name     the project
 * @param files    every file listed, in source order
 * @param versions the PEP 700 {@code versions} lists of JSON pages, merged (may be empty)
 * @param exists   false when no source knows the project (every index answered 404 and no
 *                 find-links file matched): "no such project", as opposed to "no usable file"
 */
public record ProjectPage(ProjectName name, List<DistFile> files, List<String> versions, boolean exists) {

    public ProjectPage {
        Objects.requireNonNull(name, "name");
        files = List.copyOf(files);
        versions = List.copyOf(versions);
    }
}
