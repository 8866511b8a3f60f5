package dev.pinwheel.cli.compile;

import dev.pinwheel.packaging.ParseException;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.Requirement;
import dev.pinwheel.packaging.RequirementLine;
import dev.pinwheel.packaging.RequirementsFile;
import dev.pinwheel.packaging.RequirementsOptions;
import dev.pinwheel.index.IndexSettings;
import dev.pinwheel.resolver.RootRequirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requirements of every input (requirements files with their includes, stdin, pyproject.toml,
 * {@code -c} constraint files) with the annotation each gets, and the pip options the files set.
 * Paths in annotations are the ones pip-compile prints: as given on the command line, includes
 * joined to the including file's directory, '/'-separated; stdin is {@code -r -}. Project
 * directories named without a project name ({@code -e .}, {@code ./path}) are {@link #locals()},
 * named once their metadata is read. setup.py, setup.cfg and a pyproject.toml with dynamic
 * dependencies are {@link #projects()}, whose requirements the project's build backend gives.
 */
record Inputs(List<RootRequirement> requirements, List<RootRequirement> constraints, List<LocalProject> locals,
              List<MetadataInput> projects, FileOptions options) {

    /** The pip options set inside the input files, which count like the same command-line options. */
    record FileOptions(Optional<String> indexUrl, List<String> extraIndexUrls, List<String> findLinks, boolean noIndex,
                       boolean pre, List<String> trustedHosts, List<String> noBinary, List<String> onlyBinary) {
    }

    /** The trusted hosts in the order pip-compile lists them: the configuration's and command line's, then the files'. */
    List<String> trustedHostsInOrder(IndexSettings settings) {
        List<String> hosts = new ArrayList<>(settings.trustedHosts().stream().sorted().toList());
        hosts.removeAll(options.trustedHosts());
        hosts.addAll(options.trustedHosts());
        return hosts;
    }

    static Inputs read(CompileRequest request, CompilePaths paths) {
        List<RootRequirement> requirements = new ArrayList<>();
        List<RootRequirement> constraints = new ArrayList<>();
        List<RequirementsOptions> fileOptions = new ArrayList<>();
        List<LocalProject> locals = new ArrayList<>();
        List<MetadataInput> projects = new ArrayList<>();
        boolean buildDeps = !request.resolution().buildDepsTargets().isEmpty();
        for (CompilePaths.Source source : paths.sources()) {
            if (buildDeps && !source.isProject()) {
                throw new PinwheelException(PinwheelException.Category.BAD_INPUT, "--build-deps-for and --all-build-deps "
                        + "can be used only with the setup.py, setup.cfg and pyproject.toml specs, not " + posix(source.given()),
                        "compile the project's own file (e.g. pinwheel compile --build-deps-for wheel pyproject.toml)");
            }
            switch (source.kind()) {
                case STDIN -> {
                    RequirementsFile file = parse("-", request.stdin().get(), request.cwd(), request);
                    for (RequirementLine line : file.requirements()) {
                        if (isLocalProject(line)) {
                            locals.add(localProject(line, "-r -", request.cwd()));
                        } else {
                            add(input(line, "-r -"), line, requirements, constraints);
                        }
                    }
                    fileOptions.add(file.options());
                }
                case REQUIREMENTS -> {
                    String path = posix(source.given());
                    RequirementsFile file = parse(path, read(source.path(), source.given(), request.staged()), request.cwd(), request);
                    for (RequirementLine line : file.requirements()) {
                        if (isLocalProject(line)) {
                            locals.add(localProject(line, "-r " + posix(line.file()), request.cwd()));
                        } else {
                            add(input(line, null), line, requirements, constraints);
                        }
                    }
                    fileOptions.add(file.options());
                }
                case PROJECT -> projects.add(new MetadataInput(posix(source.given()), source.path().getParent()));
                case PYPROJECT -> {
                    String text = read(source.path(), source.given(), request.staged());
                    CompileRequest.ResolutionOptions r = request.resolution();
                    // Build requirements come from the backend's hooks, so the backend reads the project too
                    // (pip-compile does not parse pyproject.toml statically then either).
                    if (buildDeps || PyprojectInput.needsBackend(posix(source.given()), text,
                            Files.isRegularFile(source.path().resolveSibling("setup.py")))) {
                        projects.add(new MetadataInput(posix(source.given()), source.path().getParent()));
                        for (PyprojectInput.Line line : PyprojectInput.groups(posix(source.given()), text, r.groups())) {
                            requirements.add(RootRequirement.of(line.parsed(), line.comesFrom(), line.location()));
                        }
                        continue;
                    }
                    for (PyprojectInput.Line line : PyprojectInput.read(posix(source.given()), text, r.extras(), r.allExtras(), r.groups())) {
                        requirements.add(RootRequirement.of(line.parsed(), line.comesFrom(), line.location()));
                    }
                }
            }
        }
        for (String constraint : request.constraints()) {
            Path path = request.cwd().resolve(constraint).normalize();
            RequirementsFile file = parse(posix(constraint), read(path, constraint, request.staged()), request.cwd(), request);
            for (RequirementLine line : file.requirements()) {
                RootRequirement root = input(line, null);
                // Everything a -c file names, even through its own -r includes, only constrains.
                constraints.add(RootRequirement.of(root.requirement(), "-c " + root.source().substring(3), root.location()));
            }
            fileOptions.add(file.options());
        }
        return new Inputs(List.copyOf(requirements), List.copyOf(constraints), List.copyOf(locals), List.copyOf(projects),
                merge(fileOptions, request.cwd()));
    }

    private static RequirementsFile parse(String path, String text, Path cwd, CompileRequest request) {
        return RequirementsFile.parse(path, text, included -> {
            if (Urls.isUrl(included)) {
                throw new PinwheelException(Category.BAD_INPUT, "including requirements from a URL is not supported: "
                        + Compiler.redactUrl(included), "download the file and include it by path");
            }
            return read(cwd.resolve(included).normalize(), included, request.staged());
        }, name -> request.env().get(name));
    }

    private static void add(RootRequirement root, RequirementLine line, List<RootRequirement> requirements,
                            List<RootRequirement> constraints) {
        (line.constraint() ? constraints : requirements).add(root);
    }

    private static RootRequirement input(RequirementLine line, String fixedComesFrom) {
        String location = line.file() + ":" + line.line();
        if (line.editable() || line.requirement().isEmpty()) {
            throw new PinwheelException(Category.BAD_INPUT, location + ": " + line.text()
                    + ": editable and unnamed URL requirements are not supported by pinwheel compile",
                    "name the project: NAME @ URL");
        }
        if (line.requirement().get().url().isPresent()) {
            throw new PinwheelException(Category.BAD_INPUT, location + ": " + line.text()
                    + ": direct URL requirements are not supported by pinwheel compile",
                    "publish the package to an index or a --find-links directory and require it by name");
        }
        String comesFrom = fixedComesFrom != null ? fixedComesFrom
                : (line.constraint() ? "-c " : "-r ") + posix(line.file());
        return RootRequirement.of(line.requirement().get(), comesFrom, location);
    }

    /** A line naming a local project directory without its name: {@code -e .}, {@code ./path}, {@code file:///dir}. */
    private static boolean isLocalProject(RequirementLine line) {
        if (line.constraint() || line.link().isEmpty() || (!line.editable() && line.requirement().isPresent())) {
            return false;
        }
        String link = line.link().get();
        if (link.regionMatches(true, 0, "file:", 0, 5)) {
            return true;
        }
        return !Urls.isUrl(link) && !link.contains("://") && !link.endsWith(".whl") && !link.endsWith(".tar.gz")
                && !link.endsWith(".zip");
    }

    private static LocalProject localProject(RequirementLine line, String comesFrom, Path cwd) {
        String link = line.link().get();
        Path directory;
        if (link.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                String bare = link.replaceFirst("#.*$", "");
                directory = Path.of(java.net.URI.create(bare.startsWith("file://") ? bare : "file://" + bare.substring(5)));
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                throw new PinwheelException(Category.BAD_INPUT, line.file() + ":" + line.line() + ": " + link
                        + " is not a usable file: URL", null);
            }
        } else {
            // pip counts a relative path in a requirements file from the working directory, not the file.
            directory = cwd.resolve(link.replaceFirst("#.*$", ""));
        }
        String text = line.text().strip();
        int marker = Urls.isUrl(text) ? text.indexOf("; ") : text.indexOf(';');
        String given = (marker < 0 ? text : text.substring(0, marker)).strip();
        return new LocalProject(given, directory.normalize(), line.editable(), line.extras(), line.marker(),
                comesFrom, line.file() + ":" + line.line());
    }

    private static FileOptions merge(List<RequirementsOptions> all, Path cwd) {
        Optional<String> indexUrl = Optional.empty();
        List<String> extra = new ArrayList<>();
        List<String> links = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        List<String> noBinary = new ArrayList<>();
        List<String> onlyBinary = new ArrayList<>();
        boolean noIndex = false;
        boolean pre = false;
        for (RequirementsOptions o : all) {
            if (o.indexUrl().isPresent()) {
                indexUrl = o.indexUrl();
                extra.clear();
            }
            extra.addAll(o.extraIndexUrls());
            for (RequirementsOptions.FindLinks link : o.findLinks()) {
                links.add(findLink(link, cwd));
            }
            hosts.addAll(o.trustedHosts());
            noBinary.addAll(o.noBinary());
            onlyBinary.addAll(o.onlyBinary());
            noIndex |= o.noIndex();
            pre |= o.pre();
        }
        return new FileOptions(indexUrl, extra, links, noIndex, pre, hosts, noBinary, onlyBinary);
    }

    /** pip's rule: a relative find-links path counts from the requirements file when it exists there. */
    private static String findLink(RequirementsOptions.FindLinks link, Path cwd) {
        if (Urls.isUrl(link.location()) || Path.of(link.location()).isAbsolute() || link.declaredIn().equals("-")) {
            return link.location();
        }
        Path fileDir = cwd.resolve(link.declaredIn()).toAbsolutePath().normalize().getParent();
        Path relative = fileDir.resolve(link.location());
        return Files.exists(relative) ? relative.toString() : link.location();
    }

    static String read(Path path, String shown, java.util.Map<Path, String> staged) {
        String text = staged.get(path.toAbsolutePath().normalize());
        if (text != null) {
            return text;
        }
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PinwheelException(Category.BAD_INPUT, "cannot read " + shown + ": no such file", null, e);
        } catch (IOException e) {
            throw new PinwheelException(Category.ENVIRONMENT, "cannot read " + shown, null, e);
        }
    }

    static String posix(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p.replace("/./", "/");
    }
}
