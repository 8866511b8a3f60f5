package dev.pinwheel.scan;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The environment the code is meant to run in, as the scanner needs it.
 *
 * @param description      for messages, e.g. the environment's path
 * @param pythonVersion    {@code 3.11} or {@code 3.11.7}
 * @param stdlibNames      the interpreter's {@code sys.stdlib_module_names} (3.10+), if asked
 * @param installed        what is installed there
 */
public record TargetEnvironment(String description, String pythonVersion, Optional<Set<String>> stdlibNames,
                                InstalledDistributions installed) {

    public TargetEnvironment {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        stdlibNames = stdlibNames.map(Set::copyOf);
        Objects.requireNonNull(installed, "installed");
    }
}
