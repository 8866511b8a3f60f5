package dev.pinwheel.cli.compile;

import dev.pinwheel.index.DistMetadata;
import dev.pinwheel.index.SdistMetadata;

/**
 * The metadata of a version that only has an sdist. PKG-INFO is used as it is when it is
 * trustworthy (PEP 643: Metadata-Version 2.2 or newer and Requires-Dist not Dynamic).
 * Otherwise pinwheel does not yet run the build backend, so the PKG-INFO's Requires-Dist
 * (usually right for static setup.cfg/pyproject projects) is used with a warning that names the
 * file.
 */
final class SdistBuilds {

    private SdistBuilds() {
    }

    static String metadata(DistMetadata sdist, CompileListener listener) {
        String text = sdist.text();
        if (!SdistMetadata.isTrustworthy(text)) {
            listener.warning("using the PKG-INFO of " + sdist.file().filename()
                    + " without building it (Metadata-Version older than 2.2 or dynamic Requires-Dist); "
                    + "its dependencies may be incomplete");
        }
        return text;
    }
}
