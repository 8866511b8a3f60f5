package dev.pinwheel.env;

import dev.pinwheel.packaging.PinwheelException.Category;
import dev.pinwheel.packaging.ProjectName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A wheel unpacked once into the cache (its archive's SHA-256 checked, its paths made safe): the
 * tree the installer links from, plus what it needs to know about every file.
 *
 * @param sha256 the SHA-256 of the wheel archive (its cache key)
 * @param tree the unpacked root
 * @param files every file of the archive, sorted by path (no directories)
 * @param distInfo the {@code name-version.dist-info} directory name
 * @param rootIsPurelib from the WHEEL file
 */
public record UnpackedWheel(String sha256, Path tree, List<FileInfo> files, String distInfo,
                            ProjectName name, String version, boolean rootIsPurelib) {

    /**
     * One file of the archive: its path (relative, {@code /}-separated, without {@code ..}
     * segments), its digest ({@code sha256=...}) as the wheel's RECORD states it, or computed when
     * RECORD gives none; its size; its Unix kind.
     */
    public record FileInfo(String path, String hash, long size, boolean executable, Optional<String> linkTarget) {
    }

    public UnpackedWheel {
        files = List.copyOf(files);
    }

    /** {@code name-version.data}: the prefix of files that go to other scheme directories. */
    public String dataDir() {
        return distInfo.substring(0, distInfo.length() - ".dist-info".length()) + ".data";
    }

    /** The archive paths in order. */
    public List<String> paths() {
        return files.stream().map(FileInfo::path).toList();
    }

    /** The whole METADATA file, read when asked (installing needs only name and version). */
    public String metadataText() {
        Path metadata = tree.resolve(distInfo).resolve("METADATA");
        try {
            return Files.readString(metadata, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvException(Category.ENVIRONMENT, "cannot read " + metadata, null, e);
        }
    }
}
