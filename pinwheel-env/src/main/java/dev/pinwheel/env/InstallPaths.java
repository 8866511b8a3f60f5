package dev.pinwheel.env;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an environment's files go (sysconfig's scheme): pure and platform modules, scripts, data
 * (the prefix) and C headers. {@code include} is where {@code .data/headers} land:
 * {@code <prefix>/include/site/pythonX.Y} in a virtualenv, as pip does.
 */
public record InstallPaths(Path purelib, Path platlib, Path scripts, Path data, Path include) {

    public InstallPaths {
        Objects.requireNonNull(purelib, "purelib");
        Objects.requireNonNull(platlib, "platlib");
        Objects.requireNonNull(scripts, "scripts");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(include, "include");
    }
}
