package dev.pinwheel.env;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small wheels for tests: files, entry points, .data entries; RECORD is computed. */
final class TestWheel {

    private final String name;
    private final String version;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Integer> modes = new LinkedHashMap<>();
    private String requires = "";
    private boolean purelib = true;
    private boolean corruptRecord;
    private final java.util.Set<String> unhashed = new java.util.HashSet<>();

    TestWheel(String name, String version) {
        this.name = name;
        this.version = version;
    }

    String distInfo() {
        return name.replace('-', '_') + "-" + version + ".dist-info";
    }

    String data() {
        return name.replace('-', '_') + "-" + version + ".data";
    }

    TestWheel file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    TestWheel file(String path, byte[] content) {
        files.put(path, content.clone());
        return this;
    }

    TestWheel executable(String path, String content) {
        file(path, content);
        modes.put(path, 0100755);
        return this;
    }

    TestWheel symlink(String path, String target) {
        file(path, target);
        modes.put(path, 0120777);
        return this;
    }

    TestWheel entryPoints(String text) {
        return file(distInfo() + "/entry_points.txt", text);
    }

    TestWheel requires(String line) {
        requires += "Requires-Dist: " + line + "\n";
        return this;
    }

    TestWheel platlib() {
        purelib = false;
        return this;
    }

    /** RECORD's digests are of other bytes than the files (a wheel edited after it was built). */
    TestWheel corruptRecord() {
        corruptRecord = true;
        return this;
    }

    /** RECORD lists {@code path} without a digest and size. */
    TestWheel unhashedInRecord(String path) {
        unhashed.add(path);
        return this;
    }

    /** Writes {@code <dir>/<name>-<version>-py3-none-any.whl} and returns its path. */
    Path build(Path dir) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        all.put(distInfo() + "/METADATA", ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n" + requires)
                .getBytes(StandardCharsets.UTF_8));
        all.put(distInfo() + "/WHEEL", ("Wheel-Version: 1.0\nGenerator: pinwheel-tests\nRoot-Is-Purelib: " + purelib
                + "\nTag: py3-none-any\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            if (unhashed.contains(e.getKey())) {
                record.append(e.getKey()).append(",,\n");
                continue;
            }
            byte[] digest = Fs.sha256(corruptRecord ? new byte[] {1} : e.getValue());
            record.append(e.getKey()).append(",sha256=").append(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
                    .append(',').append(e.getValue().length).append('\n');
        }
        record.append(distInfo()).append("/RECORD,,\n");
        all.put(distInfo() + "/RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(dir);
        Path wheel = dir.resolve(name.replace('-', '_') + "-" + version + "-py3-none-any.whl");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        byte[] zipped = setUnixModes(bytes.toByteArray());
        try (OutputStream out = Files.newOutputStream(wheel)) {
            out.write(zipped);
        }
        return wheel;
    }

    /** ZipOutputStream cannot set external attributes; patch them into the central directory. */
    private byte[] setUnixModes(byte[] zip) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) != 0x02014b50) {
                continue;
            }
            int nameLength = Short.toUnsignedInt(b.getShort(i + 28));
            String entry = new String(zip, i + 46, nameLength, StandardCharsets.UTF_8);
            int mode = modes.getOrDefault(entry, 0100644);
            b.putShort(i + 4, (short) ((3 << 8) | 20));
            b.putInt(i + 38, mode << 16);
            i += 45 + nameLength;
        }
        return zip;
    }
}
