package dev.pinwheel.scan;

import dev.pinwheel.packaging.ProjectName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One distribution the project needs.
 *
 * @param name       the distribution
 * @param extras     extras to request ({@code uvicorn[standard]})
 * @param version    the version installed in the target environment, if any
 * @param imports    where the code imports it (first few), empty for a need found only as evidence
 * @param evidence   why it is needed although no code imports it, each with its file:line
 * @param notes      how the name was chosen when that is not certain (alternatives, a guess)
 * @param optional   every import of it is guarded by {@code try/except ImportError}
 */
public record Needed(ProjectName name, SortedSet<String> extras, Optional<String> version, List<Reason> imports,
                     List<Reason> evidence, List<String> notes, boolean optional) {

    public Needed {
        Objects.requireNonNull(name, "name");
        extras = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(extras));
        Objects.requireNonNull(version, "version");
        imports = List.copyOf(imports);
        evidence = List.copyOf(evidence);
        notes = List.copyOf(notes);
    }

    /** A place in the project and what it shows there. */
    public record Reason(String file, int line, String what) {

        @Override
        public String toString() {
            return file + ":" + line + " " + what;
        }
    }
}
