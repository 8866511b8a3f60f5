package dev.pinwheel.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a real wheel (a zip with {@code .dist-info/METADATA}, {@code WHEEL}, {@code RECORD},
 * optional {@code entry_points.txt} and modules) in memory for tests.
 *
 * <pre>{@code
 * Dist wheel = WheelBuilder.of("foo", "1.0")
 *         .requiresDist("bar>=1", "baz; extra == 'speed'")
 *         .providesExtra("speed")
 *         .requiresPython(">=3.8")
 *         .module("foo/__init__.py", "def main():\n    print('hi')\n")
 *         .consoleScript("foo", "foo:main")
 *         .build();
 * }</pre>
 */
public final class WheelBuilder {

    private final String name;
    private final String version;
    private String tag = "py3-none-any";
    private String buildTag;
    private String metadataVersion = "2.1";
    private String requiresPython;
    private final List<String> requiresDist = new ArrayList<>();
    private final List<String> providesExtra = new ArrayList<>();
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> consoleScripts = new LinkedHashMap<>();
    private String metadataOverride;
    private boolean stored;

    private WheelBuilder(String name, String version) {
        this.name = name;
        this.version = version;
    }

    public static WheelBuilder of(String name, String version) {
        return new WheelBuilder(name, version);
    }

    /** The compatibility tag triple, default {@code py3-none-any}. */
    public WheelBuilder tag(String tag) {
        this.tag = tag;
        return this;
    }

    public WheelBuilder buildTag(String buildTag) {
        this.buildTag = buildTag;
        return this;
    }

    public WheelBuilder metadataVersion(String metadataVersion) {
        this.metadataVersion = metadataVersion;
        return this;
    }

    public WheelBuilder requiresPython(String spec) {
        this.requiresPython = spec;
        return this;
    }

    public WheelBuilder requiresDist(String... requirements) {
        requiresDist.addAll(List.of(requirements));
        return this;
    }

    public WheelBuilder providesExtra(String... extras) {
        providesExtra.addAll(List.of(extras));
        return this;
    }

    /** Any other metadata header, e.g. {@code field("Summary", "A test package")}. */
    public WheelBuilder field(String header, String value) {
        fields.add(Map.entry(header, value));
        return this;
    }

    /** Replaces the generated METADATA text entirely (for malformed-metadata tests). */
    public WheelBuilder rawMetadata(String text) {
        this.metadataOverride = text;
        return this;
    }

    /** A file in the wheel's root (purelib), e.g. {@code module("foo/__init__.py", "...")}. */
    public WheelBuilder module(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A {@code [console_scripts]} entry point: {@code consoleScript("foo", "foo.cli:main")}. */
    public WheelBuilder consoleScript(String script, String target) {
        consoleScripts.put(script, target);
        return this;
    }

    /** Store entries uncompressed (default: deflated), to exercise both zip methods. */
    public WheelBuilder stored(boolean stored) {
        this.stored = stored;
        return this;
    }

    public String filename() {
        String escaped = MetadataText.escapedName(name);
        return escaped + "-" + version + (buildTag == null ? "" : "-" + buildTag) + "-" + tag + ".whl";
    }

    public Dist build() {
        String distInfo = MetadataText.escapedName(name) + "-" + version + ".dist-info/";
        String metadata = metadataOverride != null ? metadataOverride
                : MetadataText.render(metadataVersion, name, version, requiresPython, requiresDist, providesExtra,
                        List.of(), fields);
        Map<String, byte[]> entries = new LinkedHashMap<>(files);
        entries.put(distInfo + "METADATA", metadata.getBytes(StandardCharsets.UTF_8));
        StringBuilder wheel = new StringBuilder("Wheel-Version: 1.0\nGenerator: pinwheel-testkit\nRoot-Is-Purelib: true\n");
        for (String t : expandTags(tag)) {
            wheel.append("Tag: ").append(t).append('\n');
        }
        if (buildTag != null) {
            wheel.append("Build: ").append(buildTag).append('\n');
        }
        entries.put(distInfo + "WHEEL", wheel.toString().getBytes(StandardCharsets.UTF_8));
        if (!consoleScripts.isEmpty()) {
            StringBuilder ep = new StringBuilder("[console_scripts]\n");
            consoleScripts.forEach((k, v) -> ep.append(k).append(" = ").append(v).append('\n'));
            entries.put(distInfo + "entry_points.txt", ep.toString().getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder record = new StringBuilder();
        entries.forEach((path, data) -> record.append(path).append(",sha256=").append(dev.pinwheel.support.Hashing.recordDigest(data)).append(',')
                .append(data.length).append('\n'));
        record.append(distInfo).append("RECORD,,\n");
        entries.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(315532800000L + 86400000L); // fixed time: reproducible bytes
                if (stored) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Dist(name, version, filename(), bytes.toByteArray(), metadata);
    }

    private static List<String> expandTags(String tag) {
        String[] parts = tag.split("-");
        List<String> out = new ArrayList<>();
        for (String i : parts[0].split("\\.")) {
            for (String a : parts[1].split("\\.")) {
                for (String p : parts[2].split("\\.")) {
                    out.add(i + "-" + a + "-" + p);
                }
            }
        }
        return out;
    }
}
