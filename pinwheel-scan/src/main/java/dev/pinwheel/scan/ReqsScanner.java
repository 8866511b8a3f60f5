package dev.pinwheel.scan;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.scan.ProjectWalker.FileKind;
import dev.pinwheel.scan.ProjectWalker.ProjectFile;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code pinwheel reqs}' engine: what a project's code needs. Walks the project, scans every
 * source file in parallel, drops the standard library and the project's own modules, maps import
 * names to distributions (the target environment's RECORD files first, then the bundled mapping,
 * then the import name itself, each uncertain choice noted), adds the needs found as evidence in
 * the project's files, and splits runtime needs from development ones.
 */
public final class ReqsScanner {

    /** Progress of the file scan; called from several threads. */
    public interface Listener {
        Listener NONE = (done, total) -> { };

        void scanned(int done, int total);
    }

    private static final int MAX_REASONS = 3;

    private ReqsScanner() {
    }

    public static ReqsResult scan(ReqsRequest request, Listener listener) {
        Path root = request.root();
        if (!Files.isDirectory(root)) {
            throw new PinwheelException(PinwheelException.Category.BAD_INPUT, "not a directory: " + root,
                    "pass the project's directory");
        }
        List<FileResult> results = readAll(root, request, listener);
        List<ProjectFile> sources = new ArrayList<>();
        for (FileResult r : results) {
            if (r.file().kind() != FileKind.CONFIG) {
                sources.add(r.file());
            }
        }

        List<String> notes = new ArrayList<>();
        Optional<TargetEnvironment> target = request.target();
        StandardLibrary stdlib = standardLibrary(target, notes);
        Set<String> local = localModules(sources);
        InstalledDistributions installed = target.map(TargetEnvironment::installed).orElse(InstalledDistributions.none());
        Resolver resolver = new Resolver(installed, stdlib, local);

        // Two passes over the imports, with one resolution per distinct module: the first finds
        // the names only guessed (for the index), the second gives every import to its distribution.
        List<String> warnings = new ArrayList<>();
        List<Evidence.Need> needs = new ArrayList<>();
        Set<ProjectName> guessed = new HashSet<>();
        for (FileResult r : results) {
            warnings.addAll(r.warnings());
            for (Use u : r.uses()) {
                Resolution res = resolver.resolve(u.module());
                if (res != null && res.guessed()) {
                    guessed.add(res.name());
                }
            }
            needs.addAll(r.needs());
        }
        Map<ProjectName, Boolean> onIndex = askIndex(request.index(), guessed, notes);
        Map<ProjectName, Acc> accs = new HashMap<>();
        Map<ProjectName, Use> notOnIndex = new TreeMap<>();
        for (FileResult r : results) {
            for (Use u : r.uses()) {
                Resolution res = resolver.resolve(u.module());
                if (res == null) {
                    continue;
                }
                List<String> resNotes = res.notes();
                if (res.guessed() && onIndex.containsKey(res.name())) {
                    if (!onIndex.get(res.name())) {
                        notOnIndex.putIfAbsent(res.name(), u);
                        continue;
                    }
                    resNotes = List.of(ON_INDEX);
                }
                Acc a = res.acc;
                if (a == null) {
                    a = accs.computeIfAbsent(res.name(), Acc::new);
                    res.acc = a;
                }
                a.notes.addAll(resNotes);
                a.use(u);
            }
        }
        notOnIndex.forEach((name, u) -> warnings.add(u.file() + ":" + u.line() + ": '" + topLevel(u.module())
                + "' is not installed, not in the bundled mapping and no project '" + name
                + "' is on the index; left out (a module of the project's own that the scan did not find, or a package"
                + " whose distribution has another name)"));
        ImportMapping mapping = ImportMapping.bundled();
        for (Evidence.Need n : needs) {
            String req = n.requirement();
            int bracket = req.indexOf('[');
            ProjectName name = ProjectName.parse(bracket < 0 ? req : req.substring(0, bracket));
            // A driver seen in a URL joins an imported alternative (psycopg2 vs psycopg2-binary).
            for (ProjectName alt : mapping.alternatives(name)) {
                if (!accs.containsKey(name) && accs.containsKey(alt)) {
                    name = alt;
                }
            }
            Acc a = accs.computeIfAbsent(name, Acc::new);
            if (bracket >= 0) {
                for (String e : req.substring(bracket + 1, req.length() - 1).split(",")) {
                    a.extras.add(e.strip());
                }
            }
            boolean dev = isDevPath(n.file()) || DEV_TOOLS.contains(name.toString());
            (dev ? a.devEvidence : a.runtimeEvidence).add(new Needed.Reason(n.file(), n.line(), n.why()));
        }

        List<Needed> runtime = new ArrayList<>();
        List<Needed> dev = new ArrayList<>();
        for (Acc a : accs.values()) {
            Optional<String> version = installed.version(a.name);
            List<String> accNotes = new ArrayList<>(a.notes);
            if (target.isPresent() && version.isEmpty()) {
                accNotes.add(0, "not installed");
            }
            boolean isRuntime = !a.runtimeImports.isEmpty() || !a.runtimeEvidence.isEmpty();
            if (isRuntime) {
                boolean optional = a.runtimeEvidence.isEmpty() && a.allRuntimeOptional;
                runtime.add(new Needed(a.name, a.extras, version, a.runtimeImports.reasons(), first(a.runtimeEvidence),
                        accNotes, optional));
            } else {
                if (!a.typingImports.isEmpty() && a.devImports.isEmpty() && a.devEvidence.isEmpty()) {
                    accNotes.add("imported only for type checking");
                }
                FirstImports imports = new FirstImports();
                a.devImports.addTo(imports);
                a.typingImports.addTo(imports);
                dev.add(new Needed(a.name, a.extras, version, imports.reasons(), first(a.devEvidence), accNotes, false));
            }
        }
        Comparator<Needed> byName = Comparator.comparing(Needed::name);
        runtime.sort(byName);
        dev.sort(byName);
        warnings.sort(Comparator.naturalOrder());
        if (target.isEmpty()) {
            notes.add("no target environment: versions are not pinned and names come from the bundled mapping");
        }
        return new ReqsResult(runtime, dev, warnings, notes, sources.size());
    }

    private static List<Needed.Reason> first(List<Needed.Reason> reasons) {
        List<Needed.Reason> sorted = new ArrayList<>(new LinkedHashSet<>(reasons));
        sorted.sort(Comparator.comparing(Needed.Reason::file).thenComparingInt(Needed.Reason::line));
        return sorted.subList(0, Math.min(MAX_REASONS, sorted.size()));
    }

    /** Tools that are development needs wherever their evidence is. */
    private static final Set<String> DEV_TOOLS = Set.of("pytest", "pytest-asyncio", "pytest-cov", "pytest-django",
            "pytest-xdist", "mypy", "ruff", "black", "isort", "flake8", "coverage", "tox", "pre-commit");

    private static StandardLibrary standardLibrary(Optional<TargetEnvironment> target, List<String> notes) {
        if (target.isPresent() && target.get().stdlibNames().isPresent()) {
            return StandardLibrary.of(target.get().stdlibNames().get(),
                    "sys.stdlib_module_names of Python " + target.get().pythonVersion());
        }
        if (target.isPresent()) {
            try {
                return StandardLibrary.bundled(target.get().pythonVersion());
            } catch (PinwheelException e) {
                notes.add("no standard-library list for Python " + target.get().pythonVersion() + "; using every known version's");
            }
        }
        return StandardLibrary.anyVersion();
    }

    /** One import of a module, where, and how it is guarded. */
    private record Use(String module, String file, int line, boolean dev, boolean typingOnly, boolean optional) {
    }

    private record FileResult(ProjectFile file, List<Use> uses, List<Evidence.Need> needs, List<String> warnings) {
    }

    /**
     * Walks the project and reads every file found on all cores while the walk goes on; the
     * results in path order, so that everything after is deterministic.
     */
    private static List<FileResult> readAll(Path root, ReqsRequest request, Listener listener) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pinwheel-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger found = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            List<Future<FileResult>> futures = new ArrayList<>();
            new ProjectWalker(root, request.ignore()).walk(f -> {
                found.incrementAndGet();
                futures.add(pool.submit(() -> {
                    FileResult r = f.kind() == FileKind.CONFIG ? readConfig(f) : readSource(f, request.encoding());
                    listener.scanned(done.incrementAndGet(), found.get());
                    return r;
                }));
            });
            List<FileResult> results = new ArrayList<>(futures.size());
            for (Future<FileResult> future : futures) {
                results.add(future.get());
            }
            results.sort(Comparator.comparing(r -> r.file().relative()));
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinwheelException(PinwheelException.Category.ENVIRONMENT, "interrupted while scanning " + root, null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new PinwheelException(PinwheelException.Category.INTERNAL, "scanning " + root + " failed", null, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static FileResult readConfig(ProjectFile f) {
        try {
            byte[] bytes = Files.readAllBytes(f.path());
            String text = new String(bytes, StandardCharsets.UTF_8); // evidence is ASCII; stray bytes do no harm here
            return new FileResult(f, List.of(), Evidence.fromConfig(f.relative(), text), List.of());
        } catch (IOException e) {
            return new FileResult(f, List.of(), List.of(), List.of(f.relative() + ": cannot read (" + e.getMessage() + "); skipped"));
        }
    }

    /**
     * One byte array per scanning thread, grown to the biggest file: a fresh one per file was
     * most of the run's garbage (the tokenizer reads the bytes in place and copies out what it keeps).
     */
    private static final class Buffers {
        byte[] bytes = new byte[64 * 1024];

        /** Reads the whole file into {@link #bytes}; returns its length. */
        int read(Path path) throws IOException {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size > Integer.MAX_VALUE - 16) {
                    throw new IOException("file too large");
                }
                int length = 0;
                while (true) {
                    if (length == bytes.length) {
                        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, (int) size + 1));
                    }
                    int r = channel.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
                    if (r < 0) {
                        break;
                    }
                    length += r;
                }
                return length;
            }
        }
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private static FileResult readSource(ProjectFile f, Optional<Charset> encoding) {
        String rel = f.relative();
        Buffers buffers = BUFFERS.get();
        int length;
        try {
            length = buffers.read(f.path());
        } catch (IOException e) {
            return new FileResult(f, List.of(), List.of(), List.of(rel + ": cannot read (" + e.getMessage() + "); skipped"));
        }
        byte[] bytes = buffers.bytes;
        boolean dev = isDevPath(rel);
        List<Use> uses = new ArrayList<>();
        List<Evidence.Need> needs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            if (f.kind() == FileKind.NOTEBOOK) {
                for (SourceReader.Cell cell : SourceReader.notebookCells(Arrays.copyOf(bytes, length))) {
                    scanText(rel + "[" + cell.number() + "]", cell.text(), dev, uses, needs, warnings);
                }
            } else {
                byte[] utf8 = SourceReader.toUtf8(bytes, length, encoding);
                record(rel, PythonSource.scan(utf8, utf8 == bytes ? length : utf8.length, Evidence.PYTHON_LITERALS,
                        Evidence.PYTHON_NAMES), dev, uses, needs, warnings);
            }
        } catch (SourceReader.DecodingException e) {
            warnings.add(rel + ": " + e.getMessage() + "; skipped"
                    + (f.kind() == FileKind.NOTEBOOK ? "" : " (pass --encoding if the file uses another encoding)"));
        }
        return new FileResult(f, uses, needs, warnings);
    }

    private static void scanText(String where, String text, boolean dev, List<Use> uses, List<Evidence.Need> needs,
            List<String> warnings) {
        record(where, PythonSource.scan(text, Evidence.PYTHON_LITERALS, Evidence.PYTHON_NAMES), dev, uses, needs, warnings);
    }

    private static void record(String where, PythonSource.Scan scan, boolean dev, List<Use> uses, List<Evidence.Need> needs,
            List<String> warnings) {
        for (FoundImport i : scan.imports()) {
            uses.add(new Use(i.module(), where, i.line(), dev, i.typingOnly(), i.optional()));
        }
        needs.addAll(Evidence.fromPython(where, scan));
        if (!scan.problems().isEmpty()) {
            PythonSource.Problem p = scan.problems().get(0);
            int more = scan.problems().size() - 1;
            warnings.add(where + ":" + p.line() + ":" + p.column() + ": " + p.message()
                    + (more > 0 ? " (and " + more + " more)" : "") + "; the imports that could be read are counted");
        }
    }

    /** Tests and tooling: tests/ and test/ directories, test_*.py, *_test.py, tests.py, conftest.py, noxfile.py, docs/. */
    static boolean isDevPath(String rel) {
        int lastSlash = rel.lastIndexOf('/');
        for (int start = 0; start <= lastSlash; ) { // the directories, without splitting (once per file)
            int slash = rel.indexOf('/', start);
            int length = slash - start;
            if ((length == 5 && rel.startsWith("tests", start)) || (length == 4 && rel.startsWith("test", start))
                    || (start == 0 && length == 4 && rel.startsWith("docs", start))) {
                return true;
            }
            start = slash + 1;
        }
        String name = rel.substring(lastSlash + 1);
        int cell = name.indexOf('[');
        if (cell > 0) {
            name = name.substring(0, cell);
        }
        return name.equals("conftest.py") || name.equals("noxfile.py") || name.equals("tests.py")
                || (name.startsWith("test_") && name.endsWith(".py")) || name.endsWith("_test.py");
    }

    /**
     * The project's own top-level modules: what is importable from a source root. Roots are the
     * project directory, {@code src/}, and every directory holding Python files but no
     * {@code __init__.py} (a script directory is sys.path[0] of its scripts; a namespace or
     * test directory is put there by pytest).
     */
    static Set<String> localModules(List<ProjectFile> sources) {
        Set<String> dirsWithInit = new HashSet<>();
        Set<String> dirsWithPython = new HashSet<>();
        for (ProjectFile f : sources) {
            String dir = parent(f.relative());
            dirsWithPython.add(dir);
            if (f.relative().endsWith("/__init__.py") || f.relative().equals("__init__.py")) {
                dirsWithInit.add(dir);
            }
        }
        Set<String> roots = new TreeSet<>();
        roots.add("");
        roots.add("src");
        for (String d : dirsWithPython) {
            if (!dirsWithInit.contains(d)) {
                roots.add(d);
            }
        }
        List<String> prefixes = new ArrayList<>();
        for (String r : roots) {
            prefixes.add(r.isEmpty() ? "" : r + "/");
        }
        Set<String> local = new HashSet<>();
        for (ProjectFile f : sources) {
            String rel = f.relative();
            for (String prefix : prefixes) {
                if (!rel.startsWith(prefix)) {
                    continue;
                }
                String sub = rel.substring(prefix.length());
                int slash = sub.indexOf('/');
                String first = slash < 0 ? stem(sub) : sub.substring(0, slash);
                if (first != null && !first.isEmpty()) {
                    local.add(first);
                }
            }
        }
        return local;
    }

    private static String parent(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    private static String stem(String fileName) {
        if (fileName.endsWith(".py")) {
            return fileName.substring(0, fileName.length() - 3);
        }
        if (fileName.endsWith(".pyw")) {
            return fileName.substring(0, fileName.length() - 4);
        }
        return null; // a notebook is not importable
    }

    private static String topLevel(String module) {
        int dot = module.indexOf('.');
        return dot < 0 ? module : module.substring(0, dot);
    }

    /** The note of a distribution name taken from the import name itself. */
    private static final String GUESSED = "name assumed from the import";
    /** The note of a distribution name taken from the import name and found on the index. */
    private static final String ON_INDEX = "on the index under its import name";

    /** How an import became a distribution name, and what is uncertain about it. */
    private static final class Resolution {
        private final ProjectName name;
        private final List<String> notes;
        /** The distribution's accumulator, once the second pass has met it. */
        Acc acc;

        Resolution(ProjectName name, List<String> notes) {
            this.name = name;
            this.notes = notes;
        }

        ProjectName name() {
            return name;
        }

        List<String> notes() {
            return notes;
        }

        /** Taken from the import name itself: nothing else knew it. */
        boolean guessed() {
            return notes.contains(GUESSED);
        }
    }

    /**
     * The index step: which of the names only guessed from imports the index has. Empty when
     * there is nothing to ask, no index to ask, or the index cannot be asked (then a note says so
     * and the guesses stand).
     */
    private static Map<ProjectName, Boolean> askIndex(ProjectIndex index, Set<ProjectName> guessedNames, List<String> notes) {
        Set<ProjectName> guessed = new TreeSet<>(guessedNames);
        if (guessed.isEmpty() || !index.asks()) {
            return Map.of();
        }
        try {
            return index.exist(guessed);
        } catch (PinwheelException e) {
            notes.add("the package index could not be asked about " + guessed.size() + " unmapped import(s) ("
                    + e.getMessage().lines().findFirst().orElse("") + "); their names are assumed");
            return Map.of();
        }
    }

    /**
     * Import name to distribution: the environment's files, then the bundled mapping, then the
     * name itself; null for the standard library and the project's own modules. One answer per
     * distinct module (a project imports the same ones in thousands of files).
     */
    private static final class Resolver {
        /** The answer for a module that needs no distribution. */
        private static final Resolution NONE = new Resolution(null, List.of());

        private final InstalledDistributions installed;
        private final StandardLibrary stdlib;
        private final Set<String> local;
        private final ImportMapping mapping = ImportMapping.bundled();
        private final Map<String, Resolution> cache = new HashMap<>();

        Resolver(InstalledDistributions installed, StandardLibrary stdlib, Set<String> local) {
            this.installed = installed;
            this.stdlib = stdlib;
            this.local = local;
        }

        Resolution resolve(String module) {
            Resolution r = cache.get(module);
            if (r == null) {
                String top = topLevel(module);
                boolean own = top.equals("__future__") || top.equals("__main__") || stdlib.contains(top) || local.contains(top);
                r = own ? null : compute(module);
                cache.put(module, r == null ? NONE : r);
            }
            return r == NONE ? null : r;
        }

        private Resolution compute(String module) {
            List<InstalledDistributions.Provider> providers = installed.providers(module);
            if (!providers.isEmpty()) {
                List<String> notes = new ArrayList<>();
                if (providers.size() > 1) {
                    notes.add("chosen for '" + module + "'; also installed: " + names(providers.stream().skip(1)
                            .map(p -> p.name().toString()).toList()));
                }
                return new Resolution(providers.get(0).name(), notes);
            }
            List<String> mapped = mapping.distributions(module);
            if (!mapped.isEmpty()) {
                List<String> notes = new ArrayList<>();
                if (mapped.size() > 1) {
                    notes.add("chosen for '" + topLevel(module) + "'; also provided by " + names(mapped.stream().skip(1)
                            .map(m -> ProjectName.parse(m).toString()).toList()));
                }
                return new Resolution(ProjectName.parse(mapped.get(0)), notes);
            }
            String top = topLevel(module);
            ProjectName guess;
            try {
                guess = ProjectName.parse(top);
            } catch (PinwheelException e) {
                return null; // not even a valid distribution name (a non-ASCII module): nothing to declare
            }
            return new Resolution(guess, List.of(GUESSED));
        }

        private static String names(List<String> names) {
            return String.join(", ", names);
        }
    }

    /** Everything known about one distribution while scanning. */
    private static final class Acc {
        final ProjectName name;
        final TreeSet<String> extras = new TreeSet<>();
        final FirstImports runtimeImports = new FirstImports();
        final FirstImports devImports = new FirstImports();
        final FirstImports typingImports = new FirstImports();
        final List<Needed.Reason> runtimeEvidence = new ArrayList<>();
        final List<Needed.Reason> devEvidence = new ArrayList<>();
        final LinkedHashSet<String> notes = new LinkedHashSet<>();
        boolean allRuntimeOptional = true;

        Acc(ProjectName name) {
            this.name = name;
        }

        void use(Use u) {
            if (u.typingOnly()) {
                typingImports.add(u);
            } else if (u.dev()) {
                devImports.add(u);
            } else {
                runtimeImports.add(u);
                allRuntimeOptional &= u.optional();
            }
        }
    }

    /**
     * The first {@value #MAX_REASONS} imports in (file, line) order, duplicates dropped, ties in
     * the order they came: what {@link #first} gives for the whole list, kept as imports come
     * instead of listing thousands (they come in file order, so most are dropped at once).
     */
    private static final class FirstImports {
        private final Use[] kept = new Use[MAX_REASONS];
        private int size;
        private boolean any;

        void add(Use u) {
            any = true;
            int at = size;
            while (at > 0 && after(kept[at - 1], u)) {
                at--;
            }
            if (at == MAX_REASONS) {
                return;
            }
            for (int i = 0; i < size; i++) {
                if (kept[i].line() == u.line() && kept[i].file().equals(u.file()) && kept[i].module().equals(u.module())) {
                    return;
                }
            }
            int moved = Math.min(size, MAX_REASONS - 1) - at;
            System.arraycopy(kept, at, kept, at + 1, moved);
            kept[at] = u;
            size = Math.min(size + 1, MAX_REASONS);
        }

        private static boolean after(Use a, Use b) {
            int c = a.file().compareTo(b.file());
            return c > 0 || (c == 0 && a.line() > b.line());
        }

        boolean isEmpty() {
            return !any;
        }

        void addTo(FirstImports other) {
            for (int i = 0; i < size; i++) {
                other.add(kept[i]);
            }
        }

        List<Needed.Reason> reasons() {
            List<Needed.Reason> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(new Needed.Reason(kept[i].file(), kept[i].line(), "import " + kept[i].module()));
            }
            return out;
        }
    }
}
