package dev.pinwheel.env;

import dev.pinwheel.packaging.ProjectName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A wheel unpacked once into the cache (its archive's SHA-256 checked, its paths made safe): the
 * tree the installer links from, plus what it needs to know about every file.
 *
 * @param sha256 the SHA-256 of the wheel archive (its cache key)
 * @param tree the unpacked root
 * @param files archive path to what the cache recorded about it
 * @param distInfo the {@code name-version.dist-info} directory name
 * @param rootIsPurelib from the WHEEL file
 */
public record UnpackedWheel(String sha256, Path tree, Map<String, FileInfo> files, String distInfo,
                            ProjectName name, String version, boolean rootIsPurelib, String metadataText) {

    /**
     * One file of the archive: its digest ({@code sha256=...}) as the wheel's RECORD states it, or
     * computed when RECORD gives none; its size; its Unix kind.
     */
    public record FileInfo(String hash, long size, boolean executable, Optional<String> linkTarget) {
    }

    public UnpackedWheel {
        files = Map.copyOf(files);
    }

    /** {@code name-version.data}: the prefix of files that go to other scheme directories. */
    public String dataDir() {
        return distInfo.substring(0, distInfo.length() - ".dist-info".length()) + ".data";
    }

    /** The archive paths in a stable order. */
    public List<String> paths() {
        return files.keySet().stream().sorted().toList();
    }
}
