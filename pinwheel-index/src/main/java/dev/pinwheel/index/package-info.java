/**
 * The package index client: PEP 503 HTML and PEP 691 JSON simple API, PEP 658/714 metadata
 * files, range reads into remote wheels, find-links, pip's configuration and credentials, and the
 * persistent HTTP and file cache.
 */
package dev.pinwheel.index;
