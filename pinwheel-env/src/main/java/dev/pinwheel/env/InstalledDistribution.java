package dev.pinwheel.env;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One distribution installed in an environment, as its metadata directory describes it: a
 * {@code *.dist-info} (PEP 376/627: METADATA, RECORD, INSTALLER, REQUESTED, direct_url.json) or a
 * legacy {@code *.egg-info} (a directory with PKG-INFO and installed-files.txt, or a single
 * PKG-INFO file). The name and version come from the metadata, not from the directory name, which
 * older tools did not normalize.
 */
public final class InstalledDistribution {

    /** Which metadata format describes it. */
    public enum Kind { DIST_INFO, EGG_INFO }

    private final Kind kind;
    private final Path metadataPath;
    private final ProjectName name;
    private final String versionText;
    /** Null until asked for, for a distribution this process just installed. */
    private volatile String metadataText;

    InstalledDistribution(Kind kind, Path metadataPath, ProjectName name, String versionText, String metadataText) {
        this.kind = kind;
        this.metadataPath = metadataPath;
        this.name = name;
        this.versionText = versionText;
        this.metadataText = metadataText;
    }

    /** A dist-info the installer has just written: name and version are known, METADATA is read when asked. */
    static InstalledDistribution installed(Path distInfo, ProjectName name, String versionText) {
        return new InstalledDistribution(Kind.DIST_INFO, distInfo, name, versionText, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The {@code .dist-info} / {@code .egg-info} directory (or the single egg-info file). */
    public Path metadataPath() {
        return metadataPath;
    }

    /** The directory the distribution's RECORD paths are relative to (site-packages). */
    public Path installRoot() {
        return metadataPath.getParent();
    }

    public ProjectName name() {
        return name;
    }

    /** The version, when it is a valid PEP 440 version (legacy eggs may carry anything). */
    public Optional<Version> version() {
        return Version.isValid(versionText) ? Optional.of(Version.parse(versionText)) : Optional.empty();
    }

    /** The version exactly as the metadata spells it. */
    public String versionText() {
        return versionText;
    }

    /**
     * The METADATA / PKG-INFO header block, for a core-metadata parser (the description after
     * the first blank line is not read).
     */
    public String metadataText() {
        String text = metadataText;
        if (text == null) {
            try {
                byte[] bytes = Files.readAllBytes(metadataPath.resolve("METADATA"));
                text = new String(bytes, 0, SitePackages.headerBlockEnd(bytes), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            metadataText = text;
        }
        return text;
    }

    /** Who installed it ({@code INSTALLER}: pip, uv, pinwheel), if recorded. */
    public Optional<String> installer() {
        return readOptional("INSTALLER").map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Whether a user asked for it directly (PEP 376 {@code REQUESTED}) rather than as a dependency. */
    public boolean requested() {
        return kind == Kind.DIST_INFO && Files.exists(metadataPath.resolve("REQUESTED"));
    }

    /** PEP 610 origin of a URL, path or editable install. An unreadable file reads as absent. */
    public Optional<DirectUrl> directUrl() {
        return readOptional("direct_url.json").flatMap(json -> {
            try {
                return Optional.of(DirectUrl.parse(json));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** Whether an uninstaller knows every file: a RECORD, or an egg-info's installed-files.txt. */
    public boolean hasFileList() {
        return kind == Kind.DIST_INFO ? Files.isRegularFile(metadataPath.resolve("RECORD"))
                : Files.isRegularFile(metadataPath.resolve("installed-files.txt"));
    }

    /**
     * The files this distribution owns, as paths relative to {@link #installRoot()} (the RECORD
     * convention). For an egg-info they come from installed-files.txt, whose paths are relative to
     * the egg-info directory itself; they are rebased here.
     */
    public List<RecordFile.Entry> files() {
        if (kind == Kind.DIST_INFO) {
            return readOptional("RECORD").map(RecordFile::parse).orElse(List.of());
        }
        List<RecordFile.Entry> entries = new ArrayList<>();
        String base = metadataPath.getFileName().toString();
        readOptional("installed-files.txt").ifPresent(text -> {
            for (String line : text.split("\r?\n")) {
                if (!line.isBlank()) {
                    Path rel = installRoot().relativize(metadataPath.resolve(line.strip()).normalize());
                    entries.add(RecordFile.Entry.unhashed(rel.toString()));
                }
            }
        });
        entries.add(RecordFile.Entry.unhashed(base));
        return entries;
    }

    private Optional<String> readOptional(String file) {
        if (!Files.isDirectory(metadataPath)) {
            return Optional.empty();
        }
        Path p = metadataPath.resolve(file);
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstalledDistribution d && d.metadataPath.equals(metadataPath);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadataPath);
    }

    @Override
    public String toString() {
        return name + " " + versionText;
    }
}
