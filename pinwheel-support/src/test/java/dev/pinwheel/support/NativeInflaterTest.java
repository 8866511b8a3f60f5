package dev.pinwheel.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libdeflate, where the platform has it, must give exactly the bytes the JDK's zlib gives and
 * refuse what zlib refuses; the build ships its JNI library on this machine's platform.
 */
class NativeInflaterTest {

    /** Debian's libdeflate0 (the machines pinwheel is built and tested on have it). */
    private static final Path LIBDEFLATE = Path.of("/usr/lib/x86_64-linux-gnu/libdeflate.so.0");

    @TempDir
    Path tmp;

    @BeforeAll
    static void platform() {
        assumeTrue(NativeInflater.resource() != null && System.getProperty("os.arch").equals("amd64")
                && Files.exists(LIBDEFLATE), "libdeflate is not installed here");
    }

    @Test
    void theBuildShipsTheLibraryAndItLinksLibdeflate() {
        assertThat(NativeInflater.class.getResource(NativeInflater.resource())).isNotNull();
        assertThat(NativeInflater.available()).isTrue();
    }

    @Test
    void inflatesExactlyWhatTheJdkInflates() throws Exception {
        Random random = new Random(7);
        try (NativeInflater inflater = NativeInflater.open()) {
            ByteBuffer out = ByteBuffer.allocateDirect(4 << 20);
            for (int size : new int[] {0, 1, 100, 65_535, 65_536, 1 << 20, 3 << 20}) {
                for (int level : new int[] {0, 1, 6, 9}) {
                    byte[] data = sample(random, size);
                    byte[] packed = deflate(data, level);
                    // surrounded by other bytes: only the given range is read
                    byte[] framed = new byte[packed.length + 10];
                    System.arraycopy(packed, 0, framed, 3, packed.length);

                    int n = inflater.inflate(framed, 3, packed.length, out);

                    assertThat(n).isEqualTo(size);
                    assertThat(out.position()).isZero();
                    assertThat(out.limit()).isEqualTo(size);
                    byte[] got = new byte[n];
                    out.get(got);
                    assertThat(got).as("%d bytes at level %d", size, level).isEqualTo(jdkInflate(packed, size));
                }
            }
        }
    }

    @Test
    void refusesWhatIsNotOneWholeDeflateStream() throws Exception {
        byte[] data = sample(new Random(1), 50_000);
        byte[] packed = deflate(data, 6);
        try (NativeInflater inflater = NativeInflater.open()) {
            ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);

            byte[] corrupt = packed.clone();
            corrupt[0] = (byte) 0xff; // block type 3 does not exist
            assertThatThrownBy(() -> inflater.inflate(corrupt, 0, corrupt.length, out))
                    .isInstanceOf(DataFormatException.class).hasMessage("invalid deflate data");

            assertThatThrownBy(() -> inflater.inflate(packed, 0, packed.length - 5, out))
                    .isInstanceOf(DataFormatException.class);

            byte[] trailing = java.util.Arrays.copyOf(packed, packed.length + 4);
            assertThatThrownBy(() -> inflater.inflate(trailing, 0, trailing.length, out))
                    .isInstanceOf(DataFormatException.class).hasMessage("the deflate stream ends before its input");

            ByteBuffer small = ByteBuffer.allocateDirect(1000);
            assertThatThrownBy(() -> inflater.inflate(packed, 0, packed.length, small))
                    .isInstanceOf(DataFormatException.class).hasMessage("inflates to more than 1000 bytes");

            assertThatThrownBy(() -> inflater.inflate(packed, 0, packed.length, ByteBuffer.allocate(1 << 20)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> inflater.inflate(packed, 1, packed.length, out))
                    .isInstanceOf(IndexOutOfBoundsException.class);

            // and it still works after each refusal
            assertThat(inflater.inflate(packed, 0, packed.length, out)).isEqualTo(data.length);
        }
    }

    @Test
    void aClosedInflaterIsRefusedNotCrashed() throws Exception {
        NativeInflater inflater = NativeInflater.open();
        inflater.close();
        inflater.close();
        assertThatThrownBy(() -> inflater.inflate(new byte[1], 0, 1, ByteBuffer.allocateDirect(10)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fromAJarTheLibraryIsCopiedBesideItOnceAndNamedByItsCrc() throws Exception {
        byte[] library = NativeInflater.class.getResourceAsStream(NativeInflater.resource()).readAllBytes();
        Path jar = tmp.resolve("app.jar");
        String entry = "dev/pinwheel/support/" + NativeInflater.resource();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(library);
            out.closeEntry();
        }
        URL url = new URL("jar:" + jar.toUri() + "!/" + entry);

        Path copy = NativeInflater.library(url);

        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(library);
        assertThat(copy).isEqualTo(tmp.resolve("app.jar.native").resolve(Long.toHexString(crc.getValue()))
                .resolve(NativeInflater.LIBRARY));
        assertThat(Files.readAllBytes(copy)).isEqualTo(library);
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(copy, written);
        assertThat(NativeInflater.library(url)).isEqualTo(copy);
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(written);
        try (var left = Files.list(copy.getParent())) {
            assertThat(left).containsExactly(copy);
        }
    }

    /** Text-like bytes, compressible like a wheel's sources, with random runs like its binaries. */
    private static byte[] sample(Random random, int size) {
        byte[] data = new byte[size];
        byte[] words = "def import class return self None True lambda yield\n    ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; ) {
            if (random.nextInt(4) == 0) {
                int n = Math.min(size - i, random.nextInt(200));
                for (int j = 0; j < n; j++) {
                    data[i++] = (byte) random.nextInt();
                }
            } else {
                int from = random.nextInt(words.length);
                int n = Math.min(size - i, words.length - from);
                System.arraycopy(words, from, data, i, n);
                i += n;
            }
        }
        return data;
    }

    private static byte[] deflate(byte[] data, int level) throws Exception {
        Deflater deflater = new Deflater(level, true);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream out = new java.util.zip.DeflaterOutputStream(packed, deflater)) {
            out.write(data);
        }
        deflater.end();
        return packed.toByteArray();
    }

    private static byte[] jdkInflate(byte[] packed, int size) throws Exception {
        Inflater inflater = new Inflater(true);
        inflater.setInput(packed);
        byte[] out = new byte[size + 1];
        int n = 0;
        while (!inflater.finished() && n < out.length) {
            n += inflater.inflate(out, n, out.length - n);
        }
        assertThat(inflater.finished()).isTrue();
        inflater.end();
        return java.util.Arrays.copyOf(out, n);
    }
}
