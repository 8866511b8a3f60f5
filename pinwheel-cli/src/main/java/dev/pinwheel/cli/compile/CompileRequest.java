package dev.pinwheel.cli.compile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one {@code pinwheel compile} run needs, as the command line gave it: the settings
 * record between the picocli command and {@link Compiler}.
 *
 * @param cwd             the working directory; relative paths are resolved against it
 * @param env             the process environment (pip configuration, CUSTOM_COMPILE_COMMAND, cache dir)
 * @param stdin           the standard input text, read only when an input is {@code -}
 * @param sources         input files as the user typed them ({@code -} for stdin); empty = the default
 * @param constraints     {@code -c} files
 * @param outputFile      {@code -o}, as typed; empty = derived from the input
 * @param command         the echoed command for the header
 * @param index           index options from the command line
 * @param resolution      what to resolve and how
 * @param output          how to write the lock
 * @param staged          file contents to use instead of what is on disk, by absolute normalized path: inputs,
 *                        includes, constraints and the existing lock ({@code pinwheel add} compiles intents it
 *                        has not written yet); empty for a plain compile
 */
public record CompileRequest(Path cwd, Map<String, String> env, java.util.function.Supplier<String> stdin,
                             List<String> sources, List<String> constraints, Optional<String> outputFile,
                             String command, IndexOptions index, ResolutionOptions resolution, OutputOptions output,
                             Map<Path, String> staged) {

    public CompileRequest {
        Objects.requireNonNull(cwd, "cwd");
        env = Map.copyOf(env);
        sources = List.copyOf(sources);
        constraints = List.copyOf(constraints);
        Objects.requireNonNull(outputFile, "outputFile");
        Objects.requireNonNull(command, "command");
        staged = Map.copyOf(staged);
    }

    /** A request that reads every file from disk. */
    public CompileRequest(Path cwd, Map<String, String> env, java.util.function.Supplier<String> stdin,
                          List<String> sources, List<String> constraints, Optional<String> outputFile,
                          String command, IndexOptions index, ResolutionOptions resolution, OutputOptions output) {
        this(cwd, env, stdin, sources, constraints, outputFile, command, index, resolution, output, Map.of());
    }

    /** This request reading {@code files} (absolute normalized paths) from memory instead of disk. */
    public CompileRequest withStaged(Map<Path, String> files) {
        return new CompileRequest(cwd, env, stdin, sources, constraints, outputFile, command, index, resolution, output,
                files);
    }

    /** This request with other resolution options (for {@code -P}/{@code -U} applied by a caller). */
    public CompileRequest withResolution(ResolutionOptions options) {
        return new CompileRequest(cwd, env, stdin, sources, constraints, outputFile, command, index, options, output,
                staged);
    }

    /** This request with other output options (a dry run, for a caller that writes the lock itself). */
    public CompileRequest withOutput(OutputOptions options) {
        return new CompileRequest(cwd, env, stdin, sources, constraints, outputFile, command, index, resolution, options,
                staged);
    }

    /**
     * Index options given on the command line; options inside the input files are added to them.
     *
     * @param indexUrl       {@code -i}; empty = pip's configuration, else PyPI
     * @param extraIndexUrls {@code --extra-index-url}
     * @param findLinks      {@code -f}
     * @param noIndex        {@code --no-index}
     * @param trustedHosts   {@code --trusted-host}
     * @param refresh        revalidate every cached page ({@code --refresh}, {@code --rebuild})
     * @param noCache        use no persistent cache at all
     * @param cacheDir       {@code --cache-dir}: pinwheel's cache for this run (absolute); empty = the default
     * @param timeout        per-request timeout ({@code --pip-args='--timeout N'}); empty = the default
     * @param retries        retries per request ({@code --pip-args='--retries N'}); empty = the default
     * @param cert           {@code --cert}: a PEM bundle of certificate authorities (absolute); empty = pip's cert, else the JDK's
     * @param clientCert     {@code --client-cert}: the client's key and certificate in one PEM file (absolute); empty = pip's client-cert, else none
     */
    public record IndexOptions(Optional<String> indexUrl, List<String> extraIndexUrls, List<String> findLinks,
                               boolean noIndex, List<String> trustedHosts, boolean refresh, boolean noCache,
                               Optional<Path> cacheDir, Optional<java.time.Duration> timeout, Optional<Integer> retries,
                               Optional<Path> cert, Optional<Path> clientCert) {
        public IndexOptions {
            Objects.requireNonNull(indexUrl, "indexUrl");
            extraIndexUrls = List.copyOf(extraIndexUrls);
            findLinks = List.copyOf(findLinks);
            trustedHosts = List.copyOf(trustedHosts);
            Objects.requireNonNull(cacheDir, "cacheDir");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(retries, "retries");
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(clientCert, "clientCert");
        }

        /** Index options with pip's CA bundle setting (or the JDK's trust store). */
        public IndexOptions(Optional<String> indexUrl, List<String> extraIndexUrls, List<String> findLinks,
                            boolean noIndex, List<String> trustedHosts, boolean refresh, boolean noCache,
                            Optional<Path> cacheDir, Optional<java.time.Duration> timeout, Optional<Integer> retries) {
            this(indexUrl, extraIndexUrls, findLinks, noIndex, trustedHosts, refresh, noCache, cacheDir, timeout, retries,
                    Optional.empty(), Optional.empty());
        }

        /** Index options with the default cache directory, timeout and retries. */
        public IndexOptions(Optional<String> indexUrl, List<String> extraIndexUrls, List<String> findLinks,
                            boolean noIndex, List<String> trustedHosts, boolean refresh, boolean noCache) {
            this(indexUrl, extraIndexUrls, findLinks, noIndex, trustedHosts, refresh, noCache, Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    /**
     * @param pre             allow pre-releases
     * @param upgrade         ignore the existing output's pins
     * @param upgradePackages {@code -P NAME[SPEC]}: ignore the pin of these only
     * @param extras          pyproject optional-dependencies to include
     * @param allExtras       include every optional-dependencies group
     * @param groups          PEP 735 dependency groups to include
     * @param pythonVersion   target Python version instead of the found interpreter's
     * @param pythonPlatform  target platform (linux, macos, windows, or a tag such as x86_64-manylinux_2_28)
     * @param excludeNewer    ignore files uploaded after this date or instant
     * @param generateHashes  pin hashes of every file of each pinned version
     * @param reuseHashes     take hashes of unchanged pins from the existing output
     * @param allowUnsafe     pin setuptools, pip, distribute (or the --unsafe-package set)
     * @param unsafePackages  replaces the default unsafe set when not empty
     * @param noBinary        {@code --no-binary} values of the command line ({@code --pip-args}), added to the files'
     * @param onlyBinary      {@code --only-binary} values of the command line, added to the files'
     * @param buildIsolation  false for {@code --no-build-isolation}: a run that must build an sdist fails
     * @param buildDepsTargets {@code --build-deps-for} ({@code --all-build-deps}: all three): also lock what building
     *                        the input projects for these targets (wheel, sdist, editable) needs
     * @param onlyBuildDeps   {@code --only-build-deps}: lock only those build requirements
     */
    public record ResolutionOptions(boolean pre, boolean upgrade, List<String> upgradePackages, List<String> extras,
                                    boolean allExtras, List<String> groups, Optional<String> pythonVersion,
                                    Optional<String> pythonPlatform, Optional<String> excludeNewer,
                                    boolean generateHashes, boolean reuseHashes, boolean allowUnsafe,
                                    List<String> unsafePackages, List<String> noBinary, List<String> onlyBinary,
                                    boolean buildIsolation, List<String> buildDepsTargets, boolean onlyBuildDeps) {
        public ResolutionOptions {
            buildDepsTargets = List.copyOf(buildDepsTargets);
            upgradePackages = List.copyOf(upgradePackages);
            extras = List.copyOf(extras);
            groups = List.copyOf(groups);
            unsafePackages = List.copyOf(unsafePackages);
            Objects.requireNonNull(pythonVersion, "pythonVersion");
            Objects.requireNonNull(pythonPlatform, "pythonPlatform");
            Objects.requireNonNull(excludeNewer, "excludeNewer");
            noBinary = List.copyOf(noBinary);
            onlyBinary = List.copyOf(onlyBinary);
        }

        /** Resolution options without format controls, with build isolation. */
        public ResolutionOptions(boolean pre, boolean upgrade, List<String> upgradePackages, List<String> extras,
                                 boolean allExtras, List<String> groups, Optional<String> pythonVersion,
                                 Optional<String> pythonPlatform, Optional<String> excludeNewer,
                                 boolean generateHashes, boolean reuseHashes, boolean allowUnsafe,
                                 List<String> unsafePackages) {
            this(pre, upgrade, upgradePackages, extras, allExtras, groups, pythonVersion, pythonPlatform, excludeNewer,
                    generateHashes, reuseHashes, allowUnsafe, unsafePackages, List.of(), List.of(), true, List.of(), false);
        }
    }

    /**
     * @param dryRun   print the lock instead of writing it
     * @param newline  LF, CRLF, native or preserve
     */
    public record OutputOptions(boolean dryRun, boolean header, boolean annotate, LockFormat.AnnotationStyle annotationStyle,
                                boolean stripExtras, boolean emitIndexUrl, boolean emitTrustedHost,
                                boolean emitFindLinks, boolean emitOptions, Newline newline) {
        public OutputOptions {
            Objects.requireNonNull(annotationStyle, "annotationStyle");
            Objects.requireNonNull(newline, "newline");
        }
    }

    /** pip-compile's --newline choices. */
    public enum Newline {
        LF, CRLF, NATIVE, PRESERVE;

        @Override
        public String toString() {
            return this == LF || this == CRLF ? name() : name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
