package dev.pinwheel.cli;

import dev.pinwheel.index.IndexSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** pip's index options, shared by commands that fetch packages; they override pip.conf and PIP_* variables. */
final class IndexOptions {

    @Option(names = {"-i", "--index-url"}, paramLabel = "URL", description = "The package index (default: PyPI, or pip's configuration).")
    String indexUrl;

    @Option(names = "--extra-index-url", paramLabel = "URL", description = "Another index to search as well (repeatable).")
    List<String> extraIndexUrls = new ArrayList<>();

    @Option(names = {"-f", "--find-links"}, paramLabel = "PATH_OR_URL",
            description = "A directory or page of distribution files to search as well (repeatable).")
    List<String> findLinks = new ArrayList<>();

    @Option(names = "--no-index", description = "Ignore package indexes; use only --find-links.")
    boolean noIndex;

    /** The settings from pip's configuration and the environment, then these options. */
    IndexSettings settings(Context context, Path cacheDir) {
        Path home = context.resolve(context.getenv("HOME").orElse(System.getProperty("user.home")));
        IndexSettings.Builder b = IndexSettings.fromEnvironment(context.env(), home, context.cwd()).toBuilder()
                .cacheDir(cacheDir);
        if (indexUrl != null) {
            b.indexUrl(indexUrl);
        }
        extraIndexUrls.forEach(b::extraIndexUrl);
        findLinks.forEach(b::findLink);
        if (noIndex) {
            b.noIndex(true);
        }
        return b.build();
    }
}
