package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.support.NativeInflater;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries taken whole are written the same by libdeflate and by zlib, and refused the same. */
class EntryInflaterTest {

    @TempDir
    Path tmp;

    private final EntryInflater zlib = new EntryInflater(false);
    private final EntryInflater fast = new EntryInflater(true);

    @Test
    void bothWriteTheSameFilesAndTheBufferGrowsAsEntriesDo() throws Exception {
        Random random = new Random(3);
        int i = 0;
        for (int size : new int[] {0, 10, 70_000, 1 << 20, (1 << 20) + 1, 5 << 20, 300}) {
            byte[] data = new byte[size];
            for (int j = 0; j < size; j++) {
                data[j] = (byte) (random.nextInt(8) == 0 ? random.nextInt() : 'a' + j % 13);
            }
            ZipStream.Entry entry = new ZipStream.Entry(deflate(data), 8, size);
            Path a = tmp.resolve("zlib" + i);
            Path b = tmp.resolve("fast" + i++);

            assertThat(zlib.write(entry, a)).isEqualTo(size);
            assertThat(fast.write(entry, b)).isEqualTo(size);

            assertThat(Files.readAllBytes(a)).isEqualTo(data);
            assertThat(Files.readAllBytes(b)).isEqualTo(data);
        }
        byte[] stored = "stored as it is".getBytes();
        assertThat(fast.write(new ZipStream.Entry(stored, 0, stored.length), tmp.resolve("stored"))).isEqualTo(stored.length);
        assertThat(Files.readAllBytes(tmp.resolve("stored"))).isEqualTo(stored);
    }

    @Test
    void bothRefuseEntriesThatDoNotMatchTheirHeaderSoTheFileReaderTakesOver() throws Exception {
        byte[] data = "x = 1\n".repeat(1000).getBytes();
        byte[] packed = deflate(data);
        byte[] corrupt = packed.clone();
        corrupt[0] = (byte) 0xff;
        for (EntryInflater inflater : new EntryInflater[] {zlib, fast}) {
            assertThatThrownBy(() -> inflater.write(new ZipStream.Entry(packed, 8, data.length - 1), tmp.resolve("short")))
                    .isInstanceOf(ZipStream.Unsupported.class);
            assertThatThrownBy(() -> inflater.write(new ZipStream.Entry(packed, 8, data.length + 1), tmp.resolve("long")))
                    .isInstanceOf(ZipStream.Unsupported.class);
            assertThatThrownBy(() -> inflater.write(new ZipStream.Entry(corrupt, 8, data.length), tmp.resolve("corrupt")))
                    .isInstanceOf(ZipStream.Unsupported.class).hasMessageContaining("corrupt deflate data");
            // and the next entry is written as if nothing happened
            assertThat(inflater.write(new ZipStream.Entry(packed, 8, data.length), tmp.resolve("good"))).isEqualTo(data.length);
            assertThat(Files.readAllBytes(tmp.resolve("good"))).isEqualTo(data);
        }
    }

    @Test
    void anEntryWhoseBufferFindsNoDirectMemoryLeftIsStreamedThroughZlibAndTheNextSmallOneIsNot() throws Exception {
        List<Integer> asked = new ArrayList<>();
        EntryInflater tight = new EntryInflater(true, capacity -> {
            asked.add(capacity);
            if (capacity > 1 << 20) {
                throw new OutOfMemoryError("Cannot reserve " + capacity + " bytes of direct buffer memory");
            }
            return ByteBuffer.allocateDirect(capacity);
        });
        byte[] big = "def f():\n    return 42\n".repeat(200_000).getBytes();
        byte[] small = "x = 1\n".repeat(100).getBytes();

        assertThat(tight.write(new ZipStream.Entry(deflate(big), 8, big.length), tmp.resolve("big"))).isEqualTo(big.length);
        assertThat(tight.write(new ZipStream.Entry(deflate(small), 8, small.length), tmp.resolve("small"))).isEqualTo(small.length);

        assertThat(Files.readAllBytes(tmp.resolve("big"))).isEqualTo(big);
        assertThat(Files.readAllBytes(tmp.resolve("small"))).isEqualTo(small);
        if (NativeInflater.available()) {
            // the big entry asked for a buffer and was refused; the small one got one again
            assertThat(asked).containsExactly(8 << 20, 1 << 20);
        }
    }

    @Test
    void bigEntriesAreTakenWholeOnlyWhereLibdeflateInflatesThem() {
        assertThat(EntryInflater.inflatesWhole(EntryInflater.WHOLE_MAX)).isEqualTo(NativeInflater.available());
        assertThat(EntryInflater.inflatesWhole(EntryInflater.WHOLE_MAX + 1)).isFalse();
    }

    private static byte[] deflate(byte[] data) throws Exception {
        Deflater deflater = new Deflater(6, true);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(packed, deflater)) {
            out.write(data);
        }
        deflater.end();
        return packed.toByteArray();
    }
}
