package dev.pinwheel.cli.deps;

import dev.pinwheel.env.Pin;
import dev.pinwheel.env.SyncPlan;
import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.RequirementLine;
import dev.pinwheel.packaging.RequirementsFile;
import dev.pinwheel.scan.NeverImported;
import dev.pinwheel.scan.Needed;
import dev.pinwheel.scan.ReqsResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code pinwheel check}'s rules over data the command gathered: whether each lock still
 * satisfies its intent (every requirement of the {@code .in} and its {@code -r} includes pinned
 * within its specifier and with its extras, every {@code -c} constraint kept, nothing pinned only
 * for a requirement that is gone), and whether the intents match the code (every imported
 * distribution declared; every declared one used, only a warning for drivers, servers and tools).
 */
public final class Checker {

    /** What a check found. {@code area} is lock, env, imports or unused. */
    public record Finding(String area, String message, boolean warning) {
    }

    /** The intents of a layout, parsed once: requirement lines per pair, and every declared name. */
    public record Intents(Map<Layout.Pair, RequirementsFile> files, Map<ProjectName, String> declared) {
        public Intents {
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
            declared = java.util.Collections.unmodifiableMap(new TreeMap<>(declared));
        }
    }

    private Checker() {
    }

    /** Parses every intent with its includes; {@code env} gives {@code ${NAME}} values. */
    public static Intents intents(Layout layout, Function<String, String> env) {
        Map<Layout.Pair, RequirementsFile> files = new LinkedHashMap<>();
        Map<ProjectName, String> declared = new TreeMap<>();
        for (Layout.Pair pair : layout.pairs()) {
            String shown = layout.show(pair.in());
            RequirementsFile file = RequirementsFile.parse(shown, Layout.read(pair.in(), Map.of()).orElse(""),
                    path -> Layout.read(layout.root().resolve(path).normalize(), Map.of())
                            .orElseThrow(() -> new PinwheelException(PinwheelException.Category.BAD_INPUT,
                                    "cannot read " + path + ": no such file")), env);
            files.put(pair, file);
            for (RequirementLine line : file.requirements()) {
                if (!line.constraint()) {
                    line.name().ifPresent(n -> declared.putIfAbsent(n, line.file() + ":" + line.line()));
                }
            }
        }
        return new Intents(files, declared);
    }

    /** Each lock against its intent; {@code locks} holds the text of each existing lock. */
    public static List<Finding> locks(Layout layout, Intents intents, Map<Path, String> locks) {
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<Layout.Pair, RequirementsFile> e : intents.files().entrySet()) {
            Layout.Pair pair = e.getKey();
            String txt = layout.show(pair.txt());
            String lockText = locks.get(pair.txt());
            if (lockText == null) {
                out.add(new Finding("lock", txt + " does not exist: " + layout.show(pair.in()) + " was never compiled", false));
                continue;
            }
            boolean stripped = lockText.lines().limit(20).anyMatch(l -> l.startsWith("#") && l.contains("--strip-extras"));
            Map<ProjectName, LockPins.Pin> pins = LockPins.parse(lockText).pins();
            Set<ProjectName> required = new TreeSet<>();
            for (RequirementLine line : e.getValue().requirements()) {
                Optional<Requirement> requirement = line.requirement();
                if (requirement.isEmpty() || line.editable()) {
                    continue;
                }
                Requirement r = requirement.get();
                String where = line.file() + ":" + line.line();
                LockPins.Pin pin = pins.get(r.name());
                if (!line.constraint()) {
                    required.add(r.name());
                }
                if (pin == null) {
                    // A marker may exclude the package from the lock's target; a constraint only limits.
                    if (!line.constraint() && r.marker().isEmpty()) {
                        out.add(new Finding("lock", txt + " does not pin " + r.name() + ", which " + where + " asks for", false));
                    }
                    continue;
                }
                if (!r.specifier().contains(pin.version(), true)) {
                    out.add(new Finding("lock", txt + " pins " + pin.text() + ", but " + where + " asks for " + r
                            + (line.constraint() ? " (a constraint)" : ""), false));
                }
                if (!line.constraint() && !stripped) {
                    Set<ExtraName> missing = new TreeSet<>(r.extras());
                    missing.removeAll(extras(pin.text()));
                    if (!missing.isEmpty()) {
                        out.add(new Finding("lock", txt + " pins " + pin.text() + " without " + missing + ", which " + where
                                + " asks for", false));
                    }
                }
            }
            Set<String> inputs = new TreeSet<>();
            e.getValue().files().forEach(f -> inputs.add("-r " + f));
            for (LockPins.Pin pin : pins.values()) {
                if (pin.onlyFromFiles() && !required.contains(pin.name())
                        && pin.via().stream().anyMatch(inputs::contains)
                        && pin.via().stream().allMatch(v -> inputs.contains(v) || !v.startsWith("-r "))) {
                    out.add(new Finding("lock", txt + " still pins " + pin.text() + ", which " + layout.show(pair.in())
                            + " no longer asks for", false));
                }
            }
        }
        return out;
    }

    private static Set<ExtraName> extras(String pin) {
        try {
            return Requirement.parse(pin).extras();
        } catch (PinwheelException e) {
            return Set.of();
        }
    }

    private static Set<ProjectName> names(RequirementsFile file) {
        Set<ProjectName> out = new TreeSet<>();
        file.requirements().stream().filter(l -> !l.constraint()).forEach(l -> l.name().ifPresent(out::add));
        return out;
    }

    /** What a sync would change in the environment ({@code where}, as the user knows it), one finding per package. */
    public static List<Finding> environment(SyncPlan plan, String where) {
        List<Finding> out = new ArrayList<>();
        for (SyncPlan.Action a : plan.actions()) {
            if (!a.kind().changes()) {
                continue;
            }
            String have = a.installed().map(d -> d.name() + "==" + d.versionText()).orElse(null);
            String want = a.target().map(Pin::display).orElse(null);
            String message = have == null ? where + " lacks " + want
                    : want == null ? where + " has " + have + ", which no lock file lists"
                    : a.kind() == SyncPlan.Kind.REINSTALL ? where + " has " + have + " but it must be reinstalled ("
                            + a.reason().orElse("it differs from the lock") + ")"
                    : where + " has " + have + ", the locks want " + want;
            out.add(new Finding("env", message, false));
        }
        if (plan.repairs() > 0) {
            out.add(new Finding("env", where + " has " + plan.repairs() + " interrupted change(s) to repair", false));
        }
        return out;
    }

    /** The intents against the code's needs ({@code reqs}' scan). */
    public static List<Finding> imports(Intents intents, ReqsResult needs) {
        List<Finding> out = new ArrayList<>();
        Set<ProjectName> needed = new TreeSet<>();
        List<Needed> all = new ArrayList<>(needs.runtime());
        all.addAll(needs.dev());
        Optional<Set<ProjectName>> runtimeDeclared = intents.files().entrySet().stream()
                .filter(e -> e.getKey().name().equals("base")).findFirst().map(e -> names(e.getValue()));
        for (Needed n : all) {
            needed.add(n.name());
            if (intents.declared().containsKey(n.name())) {
                // Production installs base.txt only: a runtime import declared only for development breaks there.
                if (!n.imports().isEmpty() && !n.optional() && needs.runtime().contains(n) && runtimeDeclared.isPresent()
                        && !runtimeDeclared.get().contains(n.name())) {
                    out.add(new Finding("imports", n.name() + " is imported at run time (" + n.imports().get(0)
                            + ") but only " + intents.declared().get(n.name()).replaceAll(":\\d+$", "")
                            + " declares it, not requirements/base.in", false));
                }
                continue;
            }
            if (!n.imports().isEmpty()) {
                out.add(new Finding("imports", n.name() + " is imported (" + n.imports().get(0) + ") but no .in declares it"
                        + (n.optional() ? "; the import is optional" : ""), n.optional()));
            } else if (!n.evidence().isEmpty()) {
                out.add(new Finding("imports", n.name() + " is needed (" + n.evidence().get(0) + ") but no .in declares it",
                        true));
            }
        }
        for (Map.Entry<ProjectName, String> d : intents.declared().entrySet()) {
            if (!needed.contains(d.getKey())) {
                boolean known = NeverImported.isKnown(d.getKey());
                out.add(new Finding("unused", d.getValue() + " declares " + d.getKey() + ", which nothing in the project uses"
                        + (known ? " (no evidence found for this driver, server or tool)" : ""), known));
            }
        }
        return out;
    }
}
