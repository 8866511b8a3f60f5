package dev.pinwheel.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
        Deque<Scope> scopes = new ArrayDeque<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String rel = relative(dir);
                    if (!rel.isEmpty() && skipDirectory(dir, rel, scopes)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Path gi = dir.resolve(".gitignore");
                    Gitignore rules = Files.isRegularFile(gi) ? Gitignore.parse(Files.readString(gi, StandardCharsets.UTF_8)) : null;
                    scopes.push(new Scope(rel, rules));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                    scopes.pop();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = file.getFileName().toString();
                    FileKind kind = kindOf(name);
                    if (kind == null) {
                        return FileVisitResult.CONTINUE;
                    }
                    String rel = relative(file);
                    // Environment files are gitignored by convention, yet they hold the database URL.
                    if (ignored(scopes, rel, false) && !isEnvFile(name)) {
                        return FileVisitResult.CONTINUE;
                    }
                    files.add(new ProjectFile(file, rel, kind));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE; // unreadable entries (dangling links, permissions) are not ours to judge
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort((a, b) -> a.relative().compareTo(b.relative()));
        return files;
    }

    private record Scope(String dir, Gitignore rules) {
    }

    private boolean skipDirectory(Path dir, String rel, Deque<Scope> scopes) {
        String name = dir.getFileName().toString();
        if (SKIPPED_DIRS.contains(name) || name.endsWith(".egg-info") || name.endsWith(".dist-info")) {
            return true;
        }
        for (String i : ignore) {
            if (i.indexOf('/') < 0 ? i.equals(name) : (i.equals(rel) || dir.equals(Path.of(i)))) {
                return true;
            }
        }
        if (Files.exists(dir.resolve("pyvenv.cfg")) || Files.isDirectory(dir.resolve("conda-meta"))) {
            return true;
        }
        return ignored(scopes, rel, true);
    }

    /** Git's rule: every .gitignore from the root down applies; deeper files and later lines win. */
    private static boolean ignored(Deque<Scope> scopes, String rel, boolean directory) {
        var it = scopes.iterator(); // innermost first
        while (it.hasNext()) {
            Scope s = it.next();
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

    private String relative(Path p) {
        String r = root.relativize(p).toString();
        return p.getFileSystem().getSeparator().equals("/") ? r : r.replace(p.getFileSystem().getSeparator(), "/");
    }

    static boolean isEnvFile(String name) {
        return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
    }

    private static final Set<String> CONFIG_NAMES = Set.of("Dockerfile", "Containerfile", "Procfile", "Makefile",
            "makefile", "GNUmakefile", "justfile", "Justfile", ".flake8", ".coveragerc", ".pylintrc", "pylintrc");

    static FileKind kindOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".py") || lower.endsWith(".pyw")) {
            return FileKind.PYTHON;
        }
        if (lower.endsWith(".ipynb")) {
            return FileKind.NOTEBOOK;
        }
        if (isEnvFile(name) || CONFIG_NAMES.contains(name) || name.startsWith("Dockerfile.") || lower.endsWith(".dockerfile")
                || lower.endsWith(".ini") || lower.endsWith(".cfg") || lower.endsWith(".toml") || lower.endsWith(".yml")
                || lower.endsWith(".yaml") || lower.endsWith(".sh") || lower.endsWith(".mk")) {
            return FileKind.CONFIG;
        }
        return null;
    }
}
