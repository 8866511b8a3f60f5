package dev.pinwheel.cli.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinwheel.packaging.CoreMetadata;
import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.Marker;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.SpecifierSet;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.resolver.DistMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A project directory named by an input line without a project name: {@code -e .},
 * {@code -e ./libs/core[extra]}, a bare {@code ./path} or {@code file:} URL. pip-compile learns
 * its name and dependencies from the project's metadata, writes an editable as given
 * ({@code -e .[dev]}, listed before the pins) and a non-editable one as {@code name @ file:///abs},
 * and annotates the project's dependencies with its name.
 *
 * @param given     the location as written in the input, extras included, marker excluded
 * @param directory the project directory (relative paths count from the working directory, as pip's do)
 * @param editable  whether the line was {@code -e}
 * @param extras    the extras asked for
 * @param marker    the line's marker
 * @param comesFrom the annotation of the line ({@code -r requirements.in})
 * @param location  {@code file:line} of the line
 */
record LocalProject(String given, Path directory, boolean editable, Set<ExtraName> extras, Optional<Marker> marker,
                    String comesFrom, String location) {

    LocalProject {
        extras = Set.copyOf(extras);
    }

    /** The {@code file:} URL the resolver knows the project by (no trailing slash, as pip-compile prints it). */
    String url() {
        String uri = directory.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The root requirement {@code name[extras] @ file:///dir ; marker} once the project's name is known. */
    Requirement requirement(ProjectName name) {
        return Requirement.of(name, extras, SpecifierSet.any(), url(), marker.orElse(null));
    }

    /**
     * The project's metadata: from {@code [project]} of its pyproject.toml when name, version and
     * dependencies are all static there (no build needed), else from the PEP 517 backend's
     * {@code prepare_metadata_for_build_wheel} ({@code pep517} gets the directory, returns METADATA).
     */
    DistMetadata metadata(Function<Path, String> pep517) {
        if (!Files.isDirectory(directory)) {
            throw new PinwheelException(Category.BAD_INPUT, location + ": " + given + " is not a project directory",
                    Files.exists(directory) ? "only project directories can be compiled from a path" : "no such directory");
        }
        if (!Files.isRegularFile(directory.resolve("pyproject.toml")) && !Files.isRegularFile(directory.resolve("setup.py"))
                && !Files.isRegularFile(directory.resolve("setup.cfg"))) {
            throw new PinwheelException(Category.BAD_INPUT, location + ": " + given
                    + " does not appear to be a Python project: neither setup.py nor pyproject.toml found");
        }
        return staticMetadata(directory.resolve("pyproject.toml")).orElseGet(() -> {
            CoreMetadata metadata = CoreMetadata.parse(pep517.apply(directory));
            return new DistMetadata(metadata.name(), metadata.version(), metadata.requiresDist(),
                    metadata.providesExtra(), metadata.requiresPython());
        });
    }

    /** PEP 621 metadata when nothing the resolver needs is dynamic. */
    static Optional<DistMetadata> staticMetadata(Path pyproject) {
        if (!Files.isRegularFile(pyproject)) {
            return Optional.empty();
        }
        JsonNode project;
        try {
            project = TomlTree.read(Files.readString(pyproject)).path("project");
        } catch (IOException e) {
            return Optional.empty(); // the backend will say what is wrong with the file
        }
        if (!project.path("name").isTextual() || !project.path("version").isTextual()) {
            return Optional.empty();
        }
        for (JsonNode dynamic : project.path("dynamic")) {
            if (Set.of("dependencies", "optional-dependencies", "requires-python", "version").contains(dynamic.asText())) {
                return Optional.empty();
            }
        }
        try {
            List<Requirement> requires = new ArrayList<>();
            project.path("dependencies").forEach(d -> requires.add(Requirement.parse(d.asText())));
            Set<ExtraName> extras = new LinkedHashSet<>();
            project.path("optional-dependencies").fields().forEachRemaining(group -> {
                ExtraName extra = ExtraName.parse(group.getKey());
                extras.add(extra);
                for (JsonNode d : group.getValue()) {
                    Requirement r = Requirement.parse(d.asText());
                    String condition = "extra == \"" + extra + "\"";
                    Marker marker = Marker.parse(r.marker().map(m -> "(" + m + ") and " + condition).orElse(condition));
                    requires.add(Requirement.of(r.name(), r.extras(), r.specifier(), r.url().orElse(null), marker));
                }
            });
            SpecifierSet python = project.path("requires-python").isTextual()
                    ? SpecifierSet.parse(project.path("requires-python").asText()) : SpecifierSet.any();
            return Optional.of(new DistMetadata(ProjectName.parse(project.path("name").asText()),
                    Version.parse(project.path("version").asText()), requires, extras, python));
        } catch (PinwheelException e) {
            return Optional.empty(); // let the backend report it in its words
        }
    }
}
