/**
 * The package index client: PEP 503 HTML and PEP 691 JSON simple API (content negotiation),
 * PEP 592 yanked files, PEP 700 upload times and versions, PEP 658/714 metadata files, range
 * reads into remote wheels, find-links, {@code file://} indexes, pip's configuration and
 * credentials, and the persistent HTTP and file cache.
 *
 * <p>Public API: {@link dev.pinwheel.index.IndexClient} built from
 * {@link dev.pinwheel.index.IndexSettings} (usually {@code IndexSettings.fromEnvironment} plus
 * command-line options, see {@link dev.pinwheel.index.PipConfig}), returning
 * {@link dev.pinwheel.index.ProjectPage}s of {@link dev.pinwheel.index.DistFile}s,
 * {@link dev.pinwheel.index.DistMetadata} and downloaded paths; progress through
 * {@link dev.pinwheel.index.RequestListener}; {@link dev.pinwheel.index.Redactor} for output.
 *
 * <p>Traps handled here:
 * <ul>
 *   <li>HTML pages in the wild: upper-case tags, unquoted attributes, valueless
 *   {@code data-yanked}, entities in {@code data-requires-python} ({@code &gt;=3.8}),
 *   {@code <base href>}, relative links, hash fragments, percent-encoded file names.</li>
 *   <li>PEP 714 renamed {@code data-dist-info-metadata} to {@code data-core-metadata} (and the
 *   JSON key); both are read, the new one wins. Metadata files are hash-checked.</li>
 *   <li>Wheels without metadata files: the zip's end record, central directory (zip64 too) and
 *   the METADATA entry are fetched by ranges; a server that ignores ranges sends the whole
 *   file, which is then kept rather than fetched twice.</li>
 *   <li>Mirrors may strip the PEP 658 attributes (and every caching header) yet serve the
 *   metadata files: for big wheels (4 MiB and more, or of unknown size), whose central
 *   directory may outgrow one suffix range request, the client probes
 *   {@code <url>.metadata} (checked to really be core metadata) until a host has missed twice
 *   without a hit; pages without Cache-Control get RFC 9111 heuristic freshness (600 s).</li>
 *   <li>HTTP/1.1 over plain sockets ({@link dev.pinwheel.index.Http1Client}), not the JDK's
 *   HTTP/2 client: HTTP/2 carries every request to an origin over one connection, whose one
 *   thread decrypted and reassembled all bodies at ~27 MB/s; with up to four kept connections per
 *   origin, bodies are decrypted on every core (a cold compile of the seed 2.19 s → 1.74 s). The
 *   timeout bounds connecting and every read, so a body that stops flowing fails and is retried
 *   like a timeout.</li>
 *   <li>pip's configuration precedence is unusual: files are merged before sections are
 *   ordered, so {@code [install]} in {@code /etc/pip.conf} beats {@code [global]} in the user's
 *   file; {@code PIP_CONFIG_FILE=/dev/null} disables all files.</li>
 *   <li>Proxies come from the environment and pip's {@code proxy} setting ({@link
 *   dev.pinwheel.index.Proxies}): plain http requests go to the proxy in absolute form, https
 *   through a {@code CONNECT} tunnel; certificates are checked against the index's own name.</li>
 *   <li>Credentials never travel in URLs we keep or show: they become Authorization headers
 *   and every message, listener event and DistFile carries redacted URLs.</li>
 *   <li>TLS is set up on the first request only, so a warm run answered from fresh cache
 *   entries never loads it. The first request to an origin goes alone and the others wait for
 *   it (its handshake loads and warms the TLS code once). TLS asks for ChaCha20 first, since
 *   the launcher's C1-only JIT has no AES-GCM intrinsics.</li>
 *   <li>Popular projects' pages are megabytes of JSON: each is cached once, parsed, in a compact
 *   binary form with the page's validators and freshness ({@code simple-parsed-v1/}); the raw
 *   page is not kept (writing it cost a cold run time and CPU for nothing a later run reads). A
 *   damaged entry is a miss, and the page is fetched again.</li>
 *   <li>Several pinwheel processes share the cache: every entry is written to a temporary
 *   file and renamed into place; files are stored by sha256 and verified before they appear.</li>
 * </ul>
 */
package dev.pinwheel.index;
