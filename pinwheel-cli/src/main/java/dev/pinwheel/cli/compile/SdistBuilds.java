package dev.pinwheel.cli.compile;

import dev.pinwheel.env.BuildFrontend;
import dev.pinwheel.env.Interpreter;
import dev.pinwheel.index.DistMetadata;
import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.SdistMetadata;
import java.util.function.Supplier;

/**
 * The metadata of a version that only has an sdist: its PKG-INFO when that is trustworthy
 * (PEP 643: Metadata-Version 2.2 or newer and Requires-Dist not Dynamic), else what the build
 * backend says through PEP 517 {@code prepare_metadata_for_build_wheel}, run by the target
 * interpreter in an isolated build environment (pinwheel-env's {@link BuildFrontend}), as
 * pip-compile does.
 */
final class SdistBuilds {

    private final IndexClient client;
    private final BuildFrontend frontend;
    private final Supplier<Interpreter> python;
    private final CompileListener listener;

    SdistBuilds(IndexClient client, BuildFrontend frontend, Supplier<Interpreter> python, CompileListener listener) {
        this.client = client;
        this.frontend = frontend;
        this.python = python;
        this.listener = listener;
    }

    String metadata(DistMetadata sdist) {
        String text = sdist.text();
        if (SdistMetadata.isTrustworthy(text)) {
            return text;
        }
        listener.debug("building the metadata of " + sdist.file().filename() + " (its PKG-INFO cannot be trusted)");
        return frontend.prepareMetadata(client.download(sdist.file()), python.get());
    }
}
