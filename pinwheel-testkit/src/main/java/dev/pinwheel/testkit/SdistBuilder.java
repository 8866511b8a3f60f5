package dev.pinwheel.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a real source distribution ({@code .tar.gz} by default, or {@code .zip}) in memory:
 * {@code <name>-<version>/PKG-INFO}, a {@code pyproject.toml} using setuptools (unless replaced)
 * and any files added.
 *
 * <pre>{@code
 * Dist sdist = SdistBuilder.of("foo", "1.0")
 *         .metadataVersion("2.2")
 *         .requiresDist("bar>=1")
 *         .dynamic("Requires-Dist")       // makes PKG-INFO untrustworthy for resolution
 *         .module("foo/__init__.py", "")
 *         .build();
 * }</pre>
 */
public final class SdistBuilder {

    /** The archive format. */
    public enum Format { TAR_GZ, ZIP }

    private final String name;
    private final String version;
    private String metadataVersion = "2.2";
    private String requiresPython;
    private final List<String> requiresDist = new ArrayList<>();
    private final List<String> providesExtra = new ArrayList<>();
    private final List<String> dynamic = new ArrayList<>();
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private Format format = Format.TAR_GZ;
    private boolean pkgInfo = true;

    private SdistBuilder(String name, String version) {
        this.name = name;
        this.version = version;
    }

    public static SdistBuilder of(String name, String version) {
        return new SdistBuilder(name, version);
    }

    public SdistBuilder metadataVersion(String metadataVersion) {
        this.metadataVersion = metadataVersion;
        return this;
    }

    public SdistBuilder requiresPython(String spec) {
        this.requiresPython = spec;
        return this;
    }

    public SdistBuilder requiresDist(String... requirements) {
        requiresDist.addAll(List.of(requirements));
        return this;
    }

    public SdistBuilder providesExtra(String... extras) {
        providesExtra.addAll(List.of(extras));
        return this;
    }

    /** A {@code Dynamic:} header (Metadata-Version 2.2+), e.g. {@code dynamic("Requires-Dist")}. */
    public SdistBuilder dynamic(String... fieldNames) {
        dynamic.addAll(List.of(fieldNames));
        return this;
    }

    public SdistBuilder field(String header, String value) {
        fields.add(Map.entry(header, value));
        return this;
    }

    /** A file below the sdist's top directory, e.g. {@code module("foo/__init__.py", "")}. */
    public SdistBuilder module(String path, String content) {
        files.put(path, content);
        return this;
    }

    /** Replaces the generated {@code pyproject.toml}. */
    public SdistBuilder pyproject(String content) {
        files.put("pyproject.toml", content);
        return this;
    }

    public SdistBuilder format(Format format) {
        this.format = format;
        return this;
    }

    /** Leave {@code PKG-INFO} out (a broken sdist). */
    public SdistBuilder withoutPkgInfo() {
        this.pkgInfo = false;
        return this;
    }

    public String filename() {
        return MetadataText.escapedName(name) + "-" + version + (format == Format.ZIP ? ".zip" : ".tar.gz");
    }

    public Dist build() {
        String top = MetadataText.escapedName(name) + "-" + version + "/";
        String metadata = MetadataText.render(metadataVersion, name, version, requiresPython, requiresDist, providesExtra,
                dynamic, fields);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (pkgInfo) {
            entries.put(top + "PKG-INFO", metadata.getBytes(StandardCharsets.UTF_8));
        }
        if (!files.containsKey("pyproject.toml")) {
            entries.put(top + "pyproject.toml", defaultPyproject().getBytes(StandardCharsets.UTF_8));
        }
        files.forEach((path, content) -> entries.put(top + path, content.getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = format == Format.ZIP ? zip(entries) : tarGz(entries);
        return new Dist(name, version, filename(), bytes, metadata);
    }

    private String defaultPyproject() {
        StringBuilder s = new StringBuilder();
        s.append("[build-system]\nrequires = [\"setuptools>=61\"]\nbuild-backend = \"setuptools.build_meta\"\n\n");
        s.append("[project]\nname = \"").append(name).append("\"\nversion = \"").append(version).append("\"\n");
        if (requiresPython != null) {
            s.append("requires-python = \"").append(requiresPython.replace("\"", "\\\"")).append("\"\n");
        }
        s.append("dependencies = [");
        for (int i = 0; i < requiresDist.size(); i++) {
            s.append(i == 0 ? "" : ", ").append('"').append(requiresDist.get(i).replace("\"", "\\\"")).append('"');
        }
        s.append("]\n");
        return s.toString();
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(315532800000L + 86400000L);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] tarGz(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                writeTarEntry(gz, e.getKey(), e.getValue());
            }
            gz.write(new byte[1024]); // two zero blocks end the archive
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeTarEntry(OutputStream out, String path, byte[] data) throws IOException {
        byte[] header = new byte[512];
        byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        String name = path;
        if (pathBytes.length > 100) {
            // ustar splits long names at a '/' into prefix (155) and name (100)
            int cut = path.lastIndexOf('/', 155);
            if (cut < 0 || path.length() - cut - 1 > 100) {
                throw new IllegalArgumentException("path too long for a ustar header: " + path);
            }
            prefix = path.substring(0, cut);
            name = path.substring(cut + 1);
        }
        put(header, 0, name, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", data.length), 12);
        put(header, 136, String.format("%011o", 315619200L), 12);
        header[156] = '0';
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        put(header, 345, prefix, 155);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum), 7);
        header[155] = ' ';
        out.write(header);
        out.write(data);
        int pad = (512 - data.length % 512) % 512;
        out.write(new byte[pad]);
    }

    private static void put(byte[] header, int offset, String value, int max) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, header, offset, Math.min(b.length, max));
    }
}
