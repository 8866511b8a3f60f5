package dev.pinwheel.scan;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ReqsScanner#scan} is asked: the project root, the directories to skip, the
 * encoding for files without a coding declaration (UTF-8 when empty), the target environment
 * when there is one (versions to pin, exact import mapping, its stdlib list), and the package
 * index to ask about imports nothing else maps ({@link ProjectIndex#NONE} to ask nothing).
 */
public record ReqsRequest(Path root, List<String> ignore, Optional<Charset> encoding, Optional<TargetEnvironment> target,
                          ProjectIndex index) {

    public ReqsRequest {
        Objects.requireNonNull(root, "root");
        ignore = List.copyOf(ignore);
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(index, "index");
    }

    /** A request that asks no index: unmapped imports keep their own name, noted as assumed. */
    public ReqsRequest(Path root, List<String> ignore, Optional<Charset> encoding, Optional<TargetEnvironment> target) {
        this(root, ignore, encoding, target, ProjectIndex.NONE);
    }
}
