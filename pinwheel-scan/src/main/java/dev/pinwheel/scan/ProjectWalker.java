package dev.pinwheel.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks a project and lists the files that say what it needs: Python sources and notebooks, and
 * the configuration files that hold evidence (environment files, ini/cfg/toml/yaml, Dockerfiles,
 * Procfiles, Makefiles, shell scripts).
 *
 * <p>Skipped: any directory holding a virtualenv ({@code pyvenv.cfg}) or a conda environment
 * ({@code conda-meta}), version-control and tool caches, build output, what the project's
 * {@code .gitignore} files ignore, and the directories the user names. Symbolic links are not
 * followed (a link to a venv or to {@code /} must not be walked).
 */
final class ProjectWalker {

    /** A file found, with its path relative to the project root ({@code /}-separated). */
    record ProjectFile(Path path, String relative, FileKind kind) {
    }

    enum FileKind { PYTHON, NOTEBOOK, CONFIG }

    private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", ".bzr", "node_modules", "__pycache__",
            "build", "dist", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".pytype", ".eggs",
            ".ipynb_checkpoints", ".hypothesis", "htmlcov", "site-packages", ".direnv", ".idea", ".vscode");

    private final Path root;
    private final List<String> ignore;

    /**
     * @param ignore directories to skip: a bare name skips every directory of that name, a path
     *               (with a {@code /}) skips that directory relative to the root
     */
    ProjectWalker(Path root, List<String> ignore) {
        this.root = root;
        List<String> cleaned = new ArrayList<>();
        for (String i : ignore) {
            String s = i.trim().replace('\\', '/');
            while (s.startsWith("./")) {
                s = s.substring(2);
            }
            while (s.endsWith("/") && s.length() > 1) {
                s = s.substring(0, s.length() - 1);
            }
            if (!s.isEmpty()) {
                cleaned.add(s);
            }
        }
        this.ignore = List.copyOf(cleaned);
    }

    List<ProjectFile> walk() {
        List<ProjectFile> files = new ArrayList<>();
        walk(files::add);
        files.sort((a, b) -> a.relative().compareTo(b.relative()));
        return files;
    }

    /**
     * Reports every file found to {@code found}, in no particular order, as soon as it is found
     * (so that reading can start while the walk goes on).
     */
    void walk(Consumer<ProjectFile> found) {
        boolean trustLinkCounts = false;
        try {
            trustLinkCounts = LINK_COUNTING_STORES.contains(Files.getFileStore(root).type());
        } catch (IOException | UnsupportedOperationException e) {
            // unknown file system: stat every entry
        }
        try {
            directory(root, "", null, trustLinkCounts, found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * File systems whose directories' link count is 2 plus their number of subdirectories, so
     * that a directory with a count of 2 holds no directory (the leaf test of GNU find). Most
     * entries of a big tree (translations, data, assets) sit in such leaves, and then only the
     * files pinwheel reads are stat-ed. Elsewhere (btrfs, network and FUSE file systems) every
     * entry is stat-ed.
     */
    private static final Set<String> LINK_COUNTING_STORES = Set.of("ext2", "ext3", "ext4", "xfs", "tmpfs");

    /** The .gitignore rules of one directory, linked to those of its parents (innermost first). */
    private record Scope(String dir, Gitignore rules, Scope parent) {
    }

    private void directory(Path dir, String rel, Scope parentScope, boolean trustLinkCounts, Consumer<ProjectFile> found)
            throws IOException {
        // Names only (File.list): a Path per entry was most of the walk's garbage, and most
        // entries of a big tree are never stat-ed or read.
        String[] names = dir.toFile().list();
        if (names == null) {
            if (rel.isEmpty()) {
                throw new IOException("cannot list " + dir);
            }
            return; // unreadable directories (permissions) are not ours to judge
        }
        FileKind[] kinds = new FileKind[names.length];
        boolean hasGitignore = false;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (!rel.isEmpty() && (name.equals("pyvenv.cfg") || name.equals("conda-meta"))) {
                return; // a virtualenv or conda environment: nothing of the project's own
            }
            hasGitignore |= name.equals(".gitignore");
            kinds[i] = kindOf(name);
        }
        Gitignore rules = null;
        if (hasGitignore) {
            try {
                rules = Gitignore.parse(Files.readString(dir.resolve(".gitignore"), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // an unreadable (or non-UTF-8) .gitignore ignores nothing
            }
        }
        Scope scope = rules == null && parentScope != null ? parentScope : new Scope(rel, rules, parentScope);
        int subdirectories = trustLinkCounts ? subdirectories(dir) : -1;
        // Files we read first (they are stat-ed anyway), then names that look like directories,
        // then the rest, which need no stat once every subdirectory is found.
        int dirsSeen = 0;
        for (int order = 0; order < 3; order++) {
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                FileKind kind = kinds[i];
                if (statOrder(name, kind) != order) {
                    continue;
                }
                if (kind == null && subdirectories >= 0 && dirsSeen >= subdirectories) {
                    break; // every subdirectory is found: the rest are files pinwheel does not read
                }
                Path p = dir.resolve(name);
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // vanished meanwhile
                }
                if (attrs.isDirectory()) {
                    dirsSeen++;
                    String childRel = rel.isEmpty() ? name : rel + "/" + name;
                    if (!skipDirectory(p, name, childRel, scope)) {
                        directory(p, childRel, scope, trustLinkCounts, found);
                    }
                } else if (kind != null && attrs.isRegularFile()) {
                    String childRel = rel.isEmpty() ? name : rel + "/" + name;
                    // Environment files are gitignored by convention, yet they hold the database URL.
                    if (!ignored(scope, childRel, false) || isEnvFile(name)) {
                        found.accept(new ProjectFile(p, childRel, kind));
                    }
                }
            }
        }
    }

    /** 0 for a name pinwheel reads, 1 for a name without a dot (likely a directory), 2 for the rest. */
    private static int statOrder(String name, FileKind kind) {
        return kind != null ? 0 : name.indexOf('.') < 0 ? 1 : 2;
    }

    /** The number of subdirectories from the link count, or -1 when it does not say. */
    private static int subdirectories(Path dir) {
        try {
            Object links = Files.getAttribute(dir, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return links instanceof Integer n && n >= 2 ? n - 2 : -1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    private boolean skipDirectory(Path dir, String name, String rel, Scope scope) {
        if (SKIPPED_DIRS.contains(name) || name.endsWith(".egg-info") || name.endsWith(".dist-info")) {
            return true;
        }
        for (String i : ignore) {
            if (i.indexOf('/') < 0 ? i.equals(name) : (i.equals(rel) || dir.equals(Path.of(i)))) {
                return true;
            }
        }
        return ignored(scope, rel, true);
    }

    /** Git's rule: every .gitignore from the root down applies; deeper files and later lines win. */
    private static boolean ignored(Scope scope, String rel, boolean directory) {
        for (Scope s = scope; s != null; s = s.parent()) { // innermost first
            if (s.rules() == null) {
                continue;
            }
            String sub = s.dir().isEmpty() ? rel : rel.substring(s.dir().length() + 1);
            Gitignore.Match m = s.rules().match(sub, directory);
            if (m != Gitignore.Match.NONE) {
                return m == Gitignore.Match.IGNORED;
            }
        }
        return false;
    }

    static boolean isEnvFile(String name) {
        return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
    }

    private static final Set<String> CONFIG_NAMES = Set.of("Dockerfile", "Containerfile", "Procfile", "Makefile",
            "makefile", "GNUmakefile", "justfile", "Justfile", ".flake8", ".coveragerc", ".pylintrc", "pylintrc");

    static FileKind kindOf(String name) {
        // Asked of every entry of the tree (tens of thousands): suffixes compared in place, no lower-cased copy.
        if (endsWithIgnoreCase(name, ".py") || endsWithIgnoreCase(name, ".pyw")) {
            return FileKind.PYTHON;
        }
        if (endsWithIgnoreCase(name, ".ipynb")) {
            return FileKind.NOTEBOOK;
        }
        if (isEnvFile(name) || CONFIG_NAMES.contains(name) || name.startsWith("Dockerfile.") || endsWithIgnoreCase(name, ".dockerfile")
                || endsWithIgnoreCase(name, ".ini") || endsWithIgnoreCase(name, ".cfg") || endsWithIgnoreCase(name, ".toml")
                || endsWithIgnoreCase(name, ".yml") || endsWithIgnoreCase(name, ".yaml") || endsWithIgnoreCase(name, ".sh")
                || endsWithIgnoreCase(name, ".mk")) {
            return FileKind.CONFIG;
        }
        return null;
    }

    private static boolean endsWithIgnoreCase(String name, String suffix) {
        return name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
