package dev.pinwheel.resolver;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import java.util.List;

/** No set of versions satisfies the requirements (exit status 1). */
public final class ResolutionException extends PinwheelException {

    private final String explanation;
    private final List<ProjectName> missingProjects;

    ResolutionException(String explanation, List<ProjectName> missingProjects, String hint) {
        super(Category.NEGATIVE, "no solution found when resolving dependencies:\n" + indent(explanation), hint);
        this.explanation = explanation;
        this.missingProjects = List.copyOf(missingProjects);
    }

    private static String indent(String text) {
        return text.lines().map(l -> l.isEmpty() ? l : "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** The derivation, one sentence per line, without indentation. */
    public String explanation() {
        return explanation;
    }

    /** Projects that no index knows and that the explanation relies on (for "did you mean"). */
    public List<ProjectName> missingProjects() {
        return missingProjects;
    }
}
