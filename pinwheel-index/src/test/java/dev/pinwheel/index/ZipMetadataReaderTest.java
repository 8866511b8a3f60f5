package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.testkit.Dist;
import dev.pinwheel.testkit.WheelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipMetadataReaderTest {

    /** An in-memory file that records the ranges asked for. */
    static final class Recording implements ZipMetadataReader.RangeSource {
        final byte[] data;
        final List<String> requests = new ArrayList<>();

        Recording(byte[] data) {
            this.data = data;
        }

        @Override
        public ZipMetadataReader.Chunk suffix(int n) {
            requests.add("-" + n);
            int start = Math.max(0, data.length - n);
            return new ZipMetadataReader.Chunk(start, Arrays.copyOfRange(data, start, data.length), data.length);
        }

        @Override
        public byte[] range(long start, long end) {
            requests.add(start + "-" + end);
            return Arrays.copyOfRange(data, (int) start, (int) Math.min(end, data.length));
        }
    }

    @Test
    void smallWheelNeedsOnlyTheSuffixAndTheEntry() throws IOException {
        Dist wheel = WheelBuilder.of("Foo.Bar", "1.0").requiresDist("six>=1").module("foo_bar/__init__.py", "x = 1\n").build();
        Recording source = new Recording(wheel.content());
        byte[] metadata = ZipMetadataReader.readMetadata(source, wheel.filename());
        assertThat(new String(metadata, StandardCharsets.UTF_8)).isEqualTo(wheel.metadata());
        assertThat(source.requests).hasSize(1); // the 64 KiB suffix covered the whole small wheel
    }

    @Test
    void largeWheelReadsTheDirectoryThenTheEntryByRanges() throws IOException {
        WheelBuilder b = WheelBuilder.of("big", "2.0").requiresDist("a", "b; extra == 'x'").providesExtra("x");
        // incompressible modules push METADATA far from the end
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 40; i++) {
            byte[] noise = new byte[8192];
            random.nextBytes(noise);
            b.module("big/m" + i + ".py", "# " + java.util.Base64.getEncoder().encodeToString(noise) + "\n");
        }
        // many entries: a central directory larger than the suffix
        for (int i = 0; i < 1500; i++) {
            b.module("big/pkg/with/a/rather/long/path/name/module_" + i + ".py", "");
        }
        Dist wheel = b.build();
        Recording source = new Recording(wheel.content());
        byte[] metadata = ZipMetadataReader.readMetadata(source, wheel.filename());
        assertThat(new String(metadata, StandardCharsets.UTF_8)).isEqualTo(wheel.metadata());
        assertThat(source.requests).hasSize(3).first().isEqualTo("-" + ZipMetadataReader.SUFFIX);
        long fetched = source.requests.stream().skip(1).mapToLong(r -> {
            String[] p = r.split("-");
            return Long.parseLong(p[1]) - Long.parseLong(p[0]);
        }).sum();
        assertThat(fetched + ZipMetadataReader.SUFFIX).isLessThan(wheel.content().length / 2);
    }

    @Test
    void storedEntriesAreReadToo() throws IOException {
        Dist wheel = WheelBuilder.of("plain", "1.0").stored(true).build();
        assertThat(ZipMetadataReader.readMetadata(new Recording(wheel.content()), wheel.filename()))
                .isEqualTo(wheel.metadata().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void zip64ArchivesAreUnderstood() throws IOException {
        // more than 65535 entries makes Java write a zip64 end of central directory
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(0);
            zip.putNextEntry(new ZipEntry("z64-1.0.dist-info/METADATA"));
            zip.write("Metadata-Version: 2.1\nName: z64\nVersion: 1.0\n\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 65_540; i++) {
                zip.putNextEntry(new ZipEntry(Integer.toString(i, 36)));
            }
        }
        byte[] metadata = ZipMetadataReader.readMetadata(new Recording(bytes.toByteArray()), "z64-1.0-py3-none-any.whl");
        assertThat(new String(metadata, StandardCharsets.UTF_8)).startsWith("Metadata-Version: 2.1\nName: z64");
    }

    @Test
    void theDistInfoMatchingTheFileNameWinsOverOthers() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("vendored-9.9.dist-info/METADATA"));
            zip.write("Name: vendored\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("real_pkg-1.0.dist-info/METADATA"));
            zip.write("Name: real-pkg\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("real_pkg/sub.dist-info/METADATA"));
            zip.write("nested, ignored\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] metadata = ZipMetadataReader.readMetadata(new Recording(bytes.toByteArray()), "real_pkg-1.0-py3-none-any.whl");
        assertThat(new String(metadata, StandardCharsets.UTF_8)).isEqualTo("Name: real-pkg\n");
    }

    @Test
    void notAZipIsReportedForTheFallback() {
        assertThatThrownBy(() -> ZipMetadataReader.readMetadata(new Recording("hello".getBytes(StandardCharsets.UTF_8)), "x-1.0-py3-none-any.whl"))
                .isInstanceOf(ZipMetadataReader.BadZipException.class);
    }

    @Test
    void wheelWithoutMetadataIsReportedForTheFallback() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("x/__init__.py"));
        }
        assertThatThrownBy(() -> ZipMetadataReader.readMetadata(new Recording(bytes.toByteArray()), "x-1.0-py3-none-any.whl"))
                .isInstanceOf(ZipMetadataReader.BadZipException.class).hasMessageContaining("no .dist-info/METADATA");
    }

    @Test
    void contentRangeHeadersAreParsed() {
        assertThat(IndexClient.parseContentRange("bytes 100-199/1000")).containsExactly(100, 1000);
        assertThat(IndexClient.parseContentRange("bytes 0-9/*")).isNull();
        assertThat(IndexClient.parseContentRange("items 1-2/3")).isNull();
    }
}
