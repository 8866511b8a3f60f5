package dev.pinwheel.packaging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pip options set inside requirements files (all included files together; a later
 * {@code --index-url} replaces an earlier one, list options accumulate).
 *
 * @param indexUrl       {@code -i} / {@code --index-url}, the last one given
 * @param extraIndexUrls {@code --extra-index-url}, in order
 * @param findLinks      {@code -f} / {@code --find-links}, each with the file that named it
 *                       (pip resolves a relative path against that file's directory when it
 *                       exists there, else against the working directory; that check is I/O,
 *                       so it is the caller's)
 * @param noIndex        {@code --no-index}
 * @param pre            {@code --pre}
 * @param trustedHosts   {@code --trusted-host}, in order
 * @param formatControl  {@code --only-binary} and {@code --no-binary}
 * @param preferBinary   {@code --prefer-binary}
 * @param requireHashes  {@code --require-hashes}
 */
public record RequirementsOptions(Optional<String> indexUrl, List<String> extraIndexUrls, List<FindLinks> findLinks,
        boolean noIndex, boolean pre, List<String> trustedHosts, FormatControl formatControl, boolean preferBinary,
        boolean requireHashes) {

    /** One {@code --find-links} value and the requirements file it appeared in. */
    public record FindLinks(String location, String declaredIn) {
        public FindLinks {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(declaredIn, "declaredIn");
        }
    }

    public RequirementsOptions {
        Objects.requireNonNull(indexUrl, "indexUrl");
        extraIndexUrls = List.copyOf(extraIndexUrls);
        findLinks = List.copyOf(findLinks);
        trustedHosts = List.copyOf(trustedHosts);
        Objects.requireNonNull(formatControl, "formatControl");
    }

    /** No options given. */
    public static RequirementsOptions none() {
        return new RequirementsOptions(Optional.empty(), List.of(), List.of(), false, false, List.of(),
                FormatControl.none(), false, false);
    }

    /** {@code --only-binary}: {@code :all:} and/or normalized project names. */
    public Set<String> onlyBinary() {
        return formatControl.onlyBinary();
    }

    /** {@code --no-binary}: {@code :all:} and/or normalized project names. */
    public Set<String> noBinary() {
        return formatControl.noBinary();
    }
}
