package dev.pinwheel.cli.compile;

import dev.pinwheel.env.BuildFrontend;
import dev.pinwheel.index.DistMetadata;
import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.SdistMetadata;
import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.support.AtomicFiles;
import dev.pinwheel.support.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The metadata of a version that only has an sdist: its PKG-INFO when that is trustworthy
 * (PEP 643: Metadata-Version 2.2 or newer and Requires-Dist not Dynamic), else what the build
 * backend says through PEP 517 {@code prepare_metadata_for_build_wheel}, run by the target
 * interpreter in an isolated build environment (pinwheel-env's {@link BuildFrontend} behind
 * {@link MetadataBuilder}), as pip-compile does.
 *
 * <p>A build costs seconds (a build environment, a backend start), so its answer is cached in
 * {@code built-metadata-v1/}, keyed by the sdist's sha256 and the interpreter that built it (a
 * {@code setup.py} may compute its requirements from the running Python): a warm compile never
 * builds again. Entries are written atomically; an unreadable entry is built again.
 */
final class SdistBuilds {

    private static final String HEADER = "pinwheel-built-metadata-v1\n";

    /** What runs PEP 517 {@code prepare_metadata_for_build_wheel}. */
    interface MetadataBuilder {
        /** The building interpreter's implementation, version and platform (part of the cache key). */
        String builtBy();

        /** The core metadata text the backend prepares for this sdist. */
        String prepareMetadata(Path sdist);
    }

    private final IndexClient client;
    private final MetadataBuilder builder;
    private final CompileListener listener;
    private final Path cacheDir;

    /** @param cacheDir pinwheel's cache root, or null to build every time (--no-cache) */
    SdistBuilds(IndexClient client, MetadataBuilder builder, CompileListener listener, Path cacheDir) {
        this.client = client;
        this.builder = builder;
        this.listener = listener;
        this.cacheDir = cacheDir;
    }

    String metadata(DistMetadata sdist) {
        String text = sdist.text();
        if (SdistMetadata.isTrustworthy(text)) {
            return text;
        }
        Optional<Path> entry = entry(sdist);
        Optional<String> cached = entry.flatMap(SdistBuilds::read);
        if (cached.isPresent()) {
            listener.debug("cached built metadata of " + sdist.file().filename());
            return cached.get();
        }
        listener.debug("building the metadata of " + sdist.file().filename() + " (its PKG-INFO cannot be trusted)");
        String built = builder.prepareMetadata(client.download(sdist.file()));
        entry.ifPresent(e -> {
            try {
                AtomicFiles.write(e, HEADER + built);
            } catch (PinwheelException unwritable) {
                listener.debug("cannot cache the built metadata: " + unwritable.getMessage()); // only the next run pays
            }
        });
        return built;
    }

    /** Where the built metadata of this sdist for this interpreter lives; empty without a cache or a sha256. */
    private Optional<Path> entry(DistMetadata sdist) {
        if (cacheDir == null || sdist.file().sha256().isEmpty()) {
            return Optional.empty();
        }
        String who = builder.builtBy();
        String key = sdist.file().sha256().get() + "-"
                + Hashing.sha256Hex(who.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        return Optional.of(cacheDir.resolve("built-metadata-v1").resolve(key + ".metadata"));
    }

    private static Optional<String> read(Path entry) {
        try {
            String text = Files.readString(entry, StandardCharsets.UTF_8);
            String body = text.startsWith(HEADER) ? text.substring(HEADER.length()) : "";
            return body.regionMatches(true, 0, "Metadata-Version:", 0, 17) ? Optional.of(body) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // damaged or foreign: build again
        }
    }
}
