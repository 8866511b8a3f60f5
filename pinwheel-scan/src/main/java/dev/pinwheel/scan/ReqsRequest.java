package dev.pinwheel.scan;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@link ReqsScanner#scan} is asked: the project root, the directories to skip, the
 * encoding for files without a coding declaration (UTF-8 when empty), the target environment
 * when there is one (versions to pin, exact import mapping, its stdlib list), and the package
 * index to ask about imports nothing else maps ({@link ProjectIndex#NONE} to ask nothing).
 *
 * <p>The target comes from a supplier that the scanner calls only once the project's files are
 * read, so that reading the environment (site-packages, the interpreter's stdlib list) can go on
 * in the background meanwhile; it may throw what reading the environment throws.
 */
public record ReqsRequest(Path root, List<String> ignore, Optional<Charset> encoding,
                          Supplier<Optional<TargetEnvironment>> targetSupplier, ProjectIndex index) {

    public ReqsRequest {
        Objects.requireNonNull(root, "root");
        ignore = List.copyOf(ignore);
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(targetSupplier, "targetSupplier");
        Objects.requireNonNull(index, "index");
    }

    public ReqsRequest(Path root, List<String> ignore, Optional<Charset> encoding, Optional<TargetEnvironment> target,
                       ProjectIndex index) {
        this(root, ignore, encoding, present(target), index);
    }

    /** A request that asks no index: unmapped imports keep their own name, noted as assumed. */
    public ReqsRequest(Path root, List<String> ignore, Optional<Charset> encoding, Optional<TargetEnvironment> target) {
        this(root, ignore, encoding, target, ProjectIndex.NONE);
    }

    private static Supplier<Optional<TargetEnvironment>> present(Optional<TargetEnvironment> target) {
        Objects.requireNonNull(target, "target");
        return () -> target;
    }

    /** The target environment (waits for it when it is still being read). */
    public Optional<TargetEnvironment> target() {
        return Objects.requireNonNull(targetSupplier.get(), "target");
    }
}
