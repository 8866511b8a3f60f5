package dev.pinwheel.resolver;

import dev.pinwheel.packaging.Version;
import dev.pinwheel.resolver.pubgrub.DerivationTree;
import dev.pinwheel.resolver.pubgrub.Ranges;
import dev.pinwheel.resolver.pubgrub.Reporter;
import dev.pinwheel.resolver.pubgrub.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spells PubGrub's facts the way Python users read them: {@code fastapi==0.1 depends on
 * starlette<0.2}, {@code you require starlette>=0.3 (requirements/base.in:3)}. A set of versions
 * of the depending side is shortened to the versions that exist ({@code foo>=1.2} rather than a
 * union of single versions).
 */
final class PythonFormatter implements Reporter.Formatter<PyPackage, VersionPoint> {

    private static final String ALL = "all versions of ";

    private final PythonProvider provider;

    PythonFormatter(PythonProvider provider) {
        this.provider = provider;
    }

    @Override
    public String external(DerivationTree.External<PyPackage, VersionPoint> fact) {
        if (fact instanceof DerivationTree.NotRoot<PyPackage, VersionPoint>) {
            return "we are solving your requirements";
        }
        if (fact instanceof DerivationTree.NoVersions<PyPackage, VersionPoint> n) {
            return noVersions(n.pkg(), n.set());
        }
        if (fact instanceof DerivationTree.Unavailable<PyPackage, VersionPoint> u) {
            return subject(u.pkg(), u.set()) + " is unusable (" + u.reason() + ")";
        }
        if (fact instanceof DerivationTree.Dependency<PyPackage, VersionPoint> d) {
            if (d.pkg().isRoot()) {
                return "you require " + plain(d.dependency(), d.dependencySet()) + where(d.tag());
            }
            return dependsOn(subject(d.pkg(), d.set()), plain(d.dependency(), d.dependencySet()));
        }
        DerivationTree.Constraint<PyPackage, VersionPoint> c = (DerivationTree.Constraint<PyPackage, VersionPoint>) fact;
        String who = c.pkg().isRoot() ? "your constraints allow only " : subject(c.pkg(), c.set()) + " allows only ";
        return who + plain(c.dependency(), c.allowed()) + where(c.tag());
    }

    private static String where(Object tag) {
        if (tag instanceof RootRequirement r && !r.location().isEmpty()) {
            return " (" + r.location() + ")";
        }
        return "";
    }

    private String noVersions(PyPackage pkg, Ranges<VersionPoint> set) {
        PythonProvider.Project p = provider.known(pkg.name());
        if (p != null && p.candidates != null && !p.candidates.found()) {
            return pkg.name() + " was not found in the package index";
        }
        String text = set.isFull() ? "there is no usable version of " + pkg : "there is no version of " + plain(pkg, set);
        if (p == null || p.candidates == null) {
            return text;
        }
        List<String> notes = new ArrayList<>();
        int more = 0;
        List<Version> listed = new ArrayList<>(p.candidates.listed());
        java.util.Collections.reverse(listed);
        for (Version v : listed) {
            String why = p.candidates.dropped().get(v);
            if (why != null && set.contains(VersionPoint.of(v))) {
                if (notes.size() < 3) {
                    notes.add(pkg.name() + "==" + v + " " + why);
                } else {
                    more++;
                }
            }
        }
        if (notes.isEmpty()) {
            return text;
        }
        return text + " (" + String.join("; ", notes) + (more > 0 ? "; and " + more + " more" : "") + ")";
    }

    /** The package with its set as written, e.g. {@code starlette<0.2}. */
    private static String plain(PyPackage pkg, Ranges<VersionPoint> set) {
        return pkg + Pep440Ranges.format(set);
    }

    /** The package with its set shortened to the versions that exist. */
    private String subject(PyPackage pkg, Ranges<VersionPoint> set) {
        if (pkg.isRoot()) {
            return "your requirements";
        }
        PythonProvider.Project p = provider.known(pkg.name());
        if (p == null || p.candidates == null || set.isFull()) {
            return plain(pkg, set);
        }
        List<Version> listed = p.candidates.listed();
        int first = -1;
        int last = -1;
        boolean gap = false;
        for (int i = 0; i < listed.size(); i++) {
            if (set.contains(VersionPoint.of(listed.get(i)))) {
                if (first < 0) {
                    first = i;
                } else if (last != i - 1) {
                    gap = true;
                }
                last = i;
            }
        }
        if (first < 0 || gap) {
            return plain(pkg, set);
        }
        if (first == last) {
            return pkg + "==" + listed.get(first);
        }
        if (first == 0 && last == listed.size() - 1) {
            return ALL + pkg;
        }
        if (first == 0) {
            return pkg + "<=" + listed.get(last);
        }
        if (last == listed.size() - 1) {
            return pkg + ">=" + listed.get(first);
        }
        return pkg + ">=" + listed.get(first) + ",<=" + listed.get(last);
    }

    private static String dependsOn(String subject, String dependency) {
        return subject + (subject.startsWith(ALL) ? " depend on " : " depends on ") + dependency;
    }

    @Override
    public String terms(Map<PyPackage, Term<VersionPoint>> terms) {
        List<Map.Entry<PyPackage, Term<VersionPoint>>> es = new ArrayList<>(terms.entrySet());
        if (es.isEmpty()) {
            return "version solving failed";
        }
        if (es.size() == 1) {
            Map.Entry<PyPackage, Term<VersionPoint>> e = es.get(0);
            if (e.getKey().isRoot()) {
                return e.getValue().positive() ? "your requirements are unsatisfiable" : "your requirements are required";
            }
            if (!e.getValue().positive()) {
                return plain(e.getKey(), e.getValue().set()) + " is required";
            }
            String subject = subject(e.getKey(), e.getValue().set());
            return subject.startsWith(ALL)
                    ? "no version of " + subject.substring(ALL.length()) + " can be used"
                    : subject + " cannot be used";
        }
        if (es.size() == 2) {
            Map.Entry<PyPackage, Term<VersionPoint>> a = es.get(0);
            Map.Entry<PyPackage, Term<VersionPoint>> b = es.get(1);
            if (b.getKey().isRoot()) {
                Map.Entry<PyPackage, Term<VersionPoint>> t = a;
                a = b;
                b = t;
            }
            if (a.getValue().positive() && !b.getValue().positive()) {
                return a.getKey().isRoot() ? "you require " + plain(b.getKey(), b.getValue().set())
                        : dependsOn(subject(a.getKey(), a.getValue().set()), plain(b.getKey(), b.getValue().set()));
            }
            if (!a.getValue().positive() && b.getValue().positive()) {
                return dependsOn(subject(b.getKey(), b.getValue().set()), plain(a.getKey(), a.getValue().set()));
            }
            if (a.getKey().isRoot() && a.getValue().positive()) {
                return "your requirements forbid " + subject(b.getKey(), b.getValue().set());
            }
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<PyPackage, Term<VersionPoint>> e : es) {
            if (e.getKey().isRoot()) {
                continue;
            }
            Term<VersionPoint> t = e.getValue();
            parts.add(t.positive() ? subject(e.getKey(), t.set()) : "not " + plain(e.getKey(), t.set()));
        }
        String joined = parts.size() <= 1 ? String.join("", parts)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        return joined + " are incompatible" + (terms.containsKey(PyPackage.ROOT) ? " with your requirements" : "");
    }

    @Override
    public String conclusion(Map<PyPackage, Term<VersionPoint>> terms) {
        return "we can conclude that " + terms(terms);
    }
}
