package dev.pinwheel.index;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the index client needs to know, resolved by the caller from pip's configuration
 * ({@link PipConfig#applyTo}), the environment and the command line.
 *
 * @param indexUrl       the primary index ({@code --index-url}); may carry credentials
 * @param extraIndexUrls {@code --extra-index-url}s, in order
 * @param findLinks      {@code --find-links}: directories, local HTML files, or page URLs (relative paths resolve against {@code workingDirectory})
 * @param noIndex        {@code --no-index}: only find-links are consulted
 * @param trustedHosts   {@code --trusted-host}s (host or host:port): plain http allowed and certificates not checked
 * @param cacheDir       the persistent cache's root
 * @param cachePolicy    normal, refresh or disabled
 * @param timeout        per-request timeout (connect and until the response headers)
 * @param attempts       tries per request for timeouts and 5xx (3 = two retries)
 * @param retryBackoff   the wait before the first retry; doubled for each further retry
 * @param parallelism    how many requests may run at once
 * @param netrc          the netrc file to read credentials from, if any
 * @param workingDirectory where relative find-links paths are resolved
 * @param clock          the clock for cache freshness (tests inject a fixed one)
 * @param probeMetadataFiles for wheels whose page advertises no PEP 658 metadata file, try
 *                       {@code <url>.metadata} anyway (once per host: a 404 stops it for that host).
 *                       Mirrors that strip the page attributes often still serve the files, and
 *                       one small request beats range reads. Default true.
 * @param proxies        the HTTP proxies ({@link Proxies}; default none)
 * @param caBundle       pip's {@code cert}: a PEM bundle of the certificate authorities to trust
 *                       instead of the JDK's trust store (relative to {@code workingDirectory})
 * @param clientCert     pip's {@code client-cert}: a PEM file with the private key and certificate
 *                       presented to servers that ask for one (relative to {@code workingDirectory})
 */
public record IndexSettings(String indexUrl, List<String> extraIndexUrls, List<String> findLinks, boolean noIndex,
                            Set<String> trustedHosts, Path cacheDir, CachePolicy cachePolicy, Duration timeout,
                            int attempts, Duration retryBackoff, int parallelism, Optional<Path> netrc,
                            Path workingDirectory, Clock clock, boolean probeMetadataFiles, Proxies proxies,
                            Optional<Path> caBundle, Optional<Path> clientCert) {

    /** PyPI's simple API. */
    public static final String PYPI = "https://pypi.org/simple";

    public IndexSettings {
        Objects.requireNonNull(indexUrl, "indexUrl");
        extraIndexUrls = List.copyOf(extraIndexUrls);
        findLinks = List.copyOf(findLinks);
        trustedHosts = Set.copyOf(trustedHosts);
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(cachePolicy, "cachePolicy");
        Objects.requireNonNull(timeout, "timeout");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        Objects.requireNonNull(netrc, "netrc");
        Objects.requireNonNull(proxies, "proxies");
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        Objects.requireNonNull(clock, "clock");
        caBundle = caBundle.map(workingDirectory::resolve);
        clientCert = clientCert.map(workingDirectory::resolve);
    }

    /**
     * The cache root pinwheel uses by default: {@code $PINWHEEL_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/pinwheel}, else {@code ~/.cache/pinwheel}.
     */
    public static Path defaultCacheDir(Map<String, String> env, Path home) {
        String own = env.get("PINWHEEL_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pinwheel");
        }
        return home.resolve(".cache").resolve("pinwheel");
    }

    /**
     * Settings from the environment alone: pip's configuration files and {@code PIP_*} variables
     * ({@link PipConfig#load}), the default cache dir, {@code $NETRC} or {@code ~/.netrc}. The
     * caller then applies command-line options with {@link #toBuilder()}.
     */
    public static IndexSettings fromEnvironment(Map<String, String> env, Path home, Path workingDirectory) {
        Builder b = builder(defaultCacheDir(env, home), workingDirectory);
        String netrc = env.get("NETRC");
        b.netrc(netrc != null && !netrc.isBlank() ? Path.of(netrc) : home.resolve(".netrc"));
        b.proxies(Proxies.fromEnvironment(env));
        PipConfig.load(env, home).applyTo(b);
        return b.build();
    }

    /** A builder with PyPI as the index and pinwheel's defaults. */
    public static Builder builder(Path cacheDir, Path workingDirectory) {
        return new Builder(cacheDir, workingDirectory);
    }

    public Builder toBuilder() {
        Builder b = new Builder(cacheDir, workingDirectory);
        b.indexUrl = indexUrl;
        b.extraIndexUrls.addAll(extraIndexUrls);
        b.findLinks.addAll(findLinks);
        b.noIndex = noIndex;
        b.trustedHosts.addAll(trustedHosts);
        b.cachePolicy = cachePolicy;
        b.timeout = timeout;
        b.attempts = attempts;
        b.retryBackoff = retryBackoff;
        b.parallelism = parallelism;
        b.netrc = netrc.orElse(null);
        b.clock = clock;
        b.probeMetadataFiles = probeMetadataFiles;
        b.proxies = proxies;
        b.caBundle = caBundle.orElse(null);
        b.clientCert = clientCert.orElse(null);
        return b;
    }

    /** Every credential-free location, for messages: index URLs then find-links, redacted. */
    public List<String> describeSources() {
        List<String> out = new ArrayList<>();
        if (!noIndex) {
            out.add(Redactor.url(indexUrl));
            extraIndexUrls.forEach(u -> out.add(Redactor.url(u)));
        }
        findLinks.forEach(u -> out.add(Redactor.url(u)));
        return out;
    }

    /** Builds {@link IndexSettings}; lists are appended to, scalars replaced. */
    public static final class Builder {
        private String indexUrl = PYPI;
        private final List<String> extraIndexUrls = new ArrayList<>();
        private final List<String> findLinks = new ArrayList<>();
        private boolean noIndex;
        private final Set<String> trustedHosts = new TreeSet<>();
        private Path cacheDir;
        private CachePolicy cachePolicy = CachePolicy.NORMAL;
        private Duration timeout = Duration.ofSeconds(15);
        private int attempts = 3;
        private Duration retryBackoff = Duration.ofMillis(500);
        private int parallelism = 16;
        private Path netrc;
        private final Path workingDirectory;
        private Clock clock = Clock.systemUTC();
        private boolean probeMetadataFiles = true;
        private Proxies proxies = Proxies.NONE;
        private Path caBundle;
        private Path clientCert;

        private Builder(Path cacheDir, Path workingDirectory) {
            this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
            this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
        }

        public Builder indexUrl(String url) {
            this.indexUrl = Objects.requireNonNull(url);
            return this;
        }

        public Builder extraIndexUrl(String url) {
            extraIndexUrls.add(Objects.requireNonNull(url));
            return this;
        }

        /** Replaces the extra index URLs (e.g. a config file value overriding a lower one). */
        public Builder extraIndexUrls(List<String> urls) {
            extraIndexUrls.clear();
            extraIndexUrls.addAll(urls);
            return this;
        }

        public Builder findLink(String location) {
            findLinks.add(Objects.requireNonNull(location));
            return this;
        }

        public Builder findLinks(List<String> locations) {
            findLinks.clear();
            findLinks.addAll(locations);
            return this;
        }

        public Builder noIndex(boolean noIndex) {
            this.noIndex = noIndex;
            return this;
        }

        public Builder trustedHost(String host) {
            trustedHosts.add(Objects.requireNonNull(host));
            return this;
        }

        public Builder trustedHosts(List<String> hosts) {
            trustedHosts.clear();
            trustedHosts.addAll(hosts);
            return this;
        }

        public Builder cacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir);
            return this;
        }

        public Builder cachePolicy(CachePolicy policy) {
            this.cachePolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = Objects.requireNonNull(backoff);
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** The netrc file to consult (a missing file is fine); null for none. */
        public Builder netrc(Path netrc) {
            this.netrc = netrc;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder probeMetadataFiles(boolean probe) {
            this.probeMetadataFiles = probe;
            return this;
        }

        /** The proxies to go through (default: none). */
        public Builder proxies(Proxies proxies) {
            this.proxies = Objects.requireNonNull(proxies);
            return this;
        }

        /** pip's {@code --proxy}: one proxy for http and https, keeping {@code no_proxy}. */
        public Builder proxy(String url) {
            this.proxies = proxies.withProxy(url);
            return this;
        }

        /** pip's {@code cert}: trust the authorities of this PEM bundle instead of the JDK's (null: the JDK's). */
        public Builder caBundle(Path bundle) {
            this.caBundle = bundle;
            return this;
        }

        /** pip's {@code client-cert}: the PEM file of the key and certificate to present when asked (null: none). */
        public Builder clientCert(Path file) {
            this.clientCert = file;
            return this;
        }

        public IndexSettings build() {
            return new IndexSettings(indexUrl, extraIndexUrls, findLinks, noIndex, trustedHosts, cacheDir, cachePolicy,
                    timeout, attempts, retryBackoff, parallelism, Optional.ofNullable(netrc), workingDirectory, clock,
                    probeMetadataFiles, proxies, Optional.ofNullable(caBundle), Optional.ofNullable(clientCert));
        }
    }
}
