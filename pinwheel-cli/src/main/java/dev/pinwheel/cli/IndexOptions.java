package dev.pinwheel.cli;

import dev.pinwheel.index.IndexSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** pip's index options, shared by commands that fetch packages; they override pip.conf and PIP_* variables. */
final class IndexOptions {

    String indexUrl;
    List<String> extraIndexUrls = new ArrayList<>();
    List<String> findLinks = new ArrayList<>();
    boolean noIndex;
    List<String> trustedHosts = new ArrayList<>();
    String cert;
    String clientCert;

    /** Adds these options to a command's model. */
    void declare(SpecBuilder b) {
        b.option(String.class, "-i, --index-url", "URL", "The package index (default: PyPI, or pip's configuration).",
                () -> indexUrl, v -> indexUrl = v);
        b.repeatable("--extra-index-url", "URL", "Another index to search as well (repeatable).",
                () -> extraIndexUrls, v -> extraIndexUrls = v);
        b.repeatable("-f, --find-links", "PATH_OR_URL",
                "A directory or page of distribution files to search as well (repeatable).",
                () -> findLinks, v -> findLinks = v);
        b.flag("--no-index", "Ignore package indexes; use only --find-links.", () -> noIndex, v -> noIndex = v);
        b.repeatable("--trusted-host", "HOST", "Trust this host's plain HTTP or bad HTTPS (repeatable).",
                () -> trustedHosts, v -> trustedHosts = v);
        b.option(String.class, "--cert", "PATH",
                "A PEM bundle of the certificate authorities to trust (default: pip's cert setting, else the JDK's).",
                () -> cert, v -> cert = v);
        b.option(String.class, "--client-cert", "PATH",
                "A PEM file with the private key and certificate to present to indexes that ask for one "
                        + "(default: pip's client-cert setting).",
                () -> clientCert, v -> clientCert = v);
    }

    /** These options as {@code pinwheel compile} takes them, for a command that compiles on their behalf. */
    List<String> compileArgs() {
        List<String> args = new ArrayList<>();
        if (indexUrl != null) {
            args.add("--index-url=" + indexUrl);
        }
        extraIndexUrls.forEach(u -> args.add("--extra-index-url=" + u));
        findLinks.forEach(f -> args.add("--find-links=" + f));
        if (noIndex) {
            args.add("--no-index");
        }
        trustedHosts.forEach(h -> args.add("--trusted-host=" + h));
        if (cert != null) {
            args.add("--cert=" + cert);
        }
        if (clientCert != null) {
            args.add("--client-cert=" + clientCert);
        }
        return args;
    }

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
        trustedHosts.forEach(b::trustedHost);
        if (cert != null) {
            b.caBundle(context.resolve(cert));
        }
        if (clientCert != null) {
            b.clientCert(context.resolve(clientCert));
        }
        return b.build();
    }
}
