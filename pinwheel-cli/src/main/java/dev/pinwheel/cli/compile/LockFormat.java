package dev.pinwheel.cli.compile;

import java.util.List;
import java.util.Objects;

/**
 * Everything about a lock file's text that is not the packages: the header's command, which
 * option lines to emit, the annotation style, the newline. Mirrors pip-compile 7.x's writer
 * switches one for one.
 *
 * @param pythonVersion   {@code 3.11}, named in the header
 * @param command         the echoed command line (already built by pip-compile's rules)
 * @param indexUrls       the index URLs in order: the first is the primary one; empty with --no-index
 * @param findLinks       --find-links locations
 * @param trustedHosts    --trusted-host values
 * @param noBinary        --no-binary values (":all:" or names)
 * @param onlyBinary      --only-binary values
 * @param newline         "\n" or "\r\n"
 */
public record LockFormat(String pythonVersion, String command, boolean header, boolean annotate,
                         AnnotationStyle annotationStyle, boolean stripExtras, boolean emitIndexUrl,
                         boolean emitTrustedHost, boolean emitFindLinks, boolean emitOptions, boolean allowUnsafe,
                         List<String> indexUrls, List<String> findLinks, List<String> trustedHosts,
                         List<String> noBinary, List<String> onlyBinary, String newline) {

    /** pip's default index; the options block leaves it out when it is the primary index. */
    public static final String DEFAULT_INDEX_URL = "https://pypi.org/simple";

    public LockFormat {
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(annotationStyle, "annotationStyle");
        indexUrls = List.copyOf(indexUrls);
        findLinks = List.copyOf(findLinks);
        trustedHosts = List.copyOf(trustedHosts);
        noBinary = List.copyOf(noBinary);
        onlyBinary = List.copyOf(onlyBinary);
        if (!newline.equals("\n") && !newline.equals("\r\n")) {
            throw new IllegalArgumentException("newline must be LF or CRLF");
        }
    }

    /** pip-compile's defaults: header, split annotations, every option emitted, LF. */
    public static LockFormat defaults(String pythonVersion, String command) {
        return new LockFormat(pythonVersion, command, true, true, AnnotationStyle.SPLIT, false, true, true, true, true,
                false, List.of(DEFAULT_INDEX_URL), List.of(), List.of(), List.of(), List.of(), "\n");
    }

    public LockFormat withIndexes(List<String> indexes, List<String> links, List<String> hosts) {
        return new LockFormat(pythonVersion, command, header, annotate, annotationStyle, stripExtras, emitIndexUrl,
                emitTrustedHost, emitFindLinks, emitOptions, allowUnsafe, indexes, links, hosts, noBinary, onlyBinary,
                newline);
    }

    public LockFormat withBinaryOptions(List<String> noBinaryValues, List<String> onlyBinaryValues) {
        return new LockFormat(pythonVersion, command, header, annotate, annotationStyle, stripExtras, emitIndexUrl,
                emitTrustedHost, emitFindLinks, emitOptions, allowUnsafe, indexUrls, findLinks, trustedHosts,
                noBinaryValues, onlyBinaryValues, newline);
    }

    /** The two ways pip-compile writes {@code # via}. */
    public enum AnnotationStyle { SPLIT, LINE }
}
