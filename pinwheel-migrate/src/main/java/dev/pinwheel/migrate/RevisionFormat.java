package dev.pinwheel.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Alembic's text shapes for revisions, so scripts and habits built on {@code alembic heads} or
 * {@code alembic history} keep working: {@code <base> -> 1975ea83b712 (head), message} for one
 * line, and the {@code Rev: / Parent: / Path:} block for verbose output.
 */
public final class RevisionFormat {

    private final RevisionGraph graph;
    private final Set<String> current;

    /** @param current ids to mark {@code (current)}; empty to mark none */
    public RevisionFormat(RevisionGraph graph, Set<String> current) {
        this.graph = graph;
        this.current = Set.copyOf(current);
    }

    private String downRevisions(Revision r) {
        return r.downRevisions().isEmpty() ? "<base>" : String.join(", ", r.downRevisions());
    }

    /** Alembic's one-line form ({@code Script._head_only}). */
    public String line(Revision r, boolean branches, boolean doc, boolean parents, boolean treeIndicators) {
        StringBuilder b = new StringBuilder();
        if (parents) {
            b.append(downRevisions(r));
            if (!r.dependsOn().isEmpty()) {
                b.append(" (").append(String.join(", ", r.dependsOn())).append(')');
            }
            b.append(" -> ");
        }
        b.append(r.id());
        List<String> labels = graph.labelsOf(r);
        if (branches && !labels.isEmpty()) {
            b.append(" (").append(String.join(", ", labels)).append(')');
        }
        // Here Alembic counts depends_on too: a head others depend on is only an "effective" one.
        if (graph.isRealHead(r)) {
            b.append(" (head)");
        } else if (graph.isHead(r)) {
            b.append(" (effective head)");
        }
        if (current.contains(r.id())) {
            b.append(" (current)");
        }
        if (treeIndicators) {
            if (graph.isRealBranchPoint(r)) {
                b.append(" (branchpoint)");
            }
            if (r.isMergePoint()) {
                b.append(" (mergepoint)");
            }
        }
        if (doc) {
            b.append(", ").append(r.message());
        }
        return b.toString();
    }

    /** Alembic's verbose block ({@code Script.log_entry}), ending with a newline. */
    public String entry(Revision r) {
        StringBuilder b = new StringBuilder("Rev: ").append(r.id());
        if (graph.isHead(r)) {
            b.append(" (head)");
        }
        if (graph.isBranchPoint(r)) {
            b.append(" (branchpoint)");
        }
        if (r.isMergePoint()) {
            b.append(" (mergepoint)");
        }
        if (current.contains(r.id())) {
            b.append(" (current)");
        }
        b.append('\n');
        b.append(r.isMergePoint() ? "Merges: " : "Parent: ").append(downRevisions(r)).append('\n');
        if (!r.dependsOn().isEmpty()) {
            b.append("Also depends on: ").append(String.join(", ", r.dependsOn())).append('\n');
        }
        if (graph.isBranchPoint(r)) {
            b.append("Branches into: ").append(String.join(", ", graph.children(r).stream().map(Revision::id).toList()))
                    .append('\n');
        }
        List<String> labels = graph.labelsOf(r);
        if (!labels.isEmpty()) {
            b.append("Branch names: ").append(String.join(", ", labels)).append('\n');
        }
        Path path = r.path();
        b.append("Path: ").append(path == null ? "" : path.toString()).append('\n');
        b.append('\n');
        for (String para : longdoc(r)) {
            b.append("    ").append(para).append('\n');
        }
        return b.toString();
    }

    /** The message followed by the id lines Alembic's script template puts in its docstring. */
    private static List<String> longdoc(Revision r) {
        return List.of(r.message(), "", "Revision ID: " + r.id(),
                "Revises: " + String.join(", ", r.downRevisions()), "Create Date: " + r.createDate());
    }
}
