package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.support.Hashing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wheels unpacked while they are read once from a stream, against the same wheels unpacked from a file. */
class WheelStreamTest {

    @TempDir
    Path tmp;

    private TestWheel demo() {
        return new TestWheel("demo", "1.0").file("demo/__init__.py", "VALUE = 1\n").file("demo/sub/data.txt", "payload")
                .executable("demo-1.0.data/scripts/run", "#!python\nprint(1)\n").symlink("demo/alias.py", "__init__.py")
                .unhashedInRecord("demo/sub/data.txt");
    }

    private UnpackedWheel streamed(WheelCache cache, Path wheel) throws IOException {
        return streamed(cache, wheel.getFileName().toString(), Files.readAllBytes(wheel));
    }

    private UnpackedWheel streamed(WheelCache cache, String filename, byte[] archive) throws IOException {
        try (WheelCache.Staged staged = cache.stage(filename, new ByteArrayInputStream(archive))) {
            return cache.commit(Hashing.sha256Hex(archive), staged);
        }
    }

    private void assertNothingStaged(Path cacheDir) throws IOException {
        Path root = cacheDir.resolve("wheels-v1");
        if (Files.isDirectory(root)) {
            try (Stream<Path> left = Files.list(root)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void aStreamedWheelIsTheSameCacheEntryAsOneUnpackedFromItsFile() throws Exception {
        Path wheel = demo().build(tmp.resolve("dist"));
        UnpackedWheel fromFile = new WheelCache(tmp.resolve("a")).unpack(wheel);
        UnpackedWheel fromStream = streamed(new WheelCache(tmp.resolve("b")), wheel);

        assertThat(fromStream.files()).isEqualTo(fromFile.files());
        assertThat(fromStream.sha256()).isEqualTo(fromFile.sha256());
        assertThat(fromStream.distInfo()).isEqualTo("demo-1.0.dist-info");
        assertThat(Files.readString(fromStream.tree().getParent().resolve("manifest")))
                .isEqualTo(Files.readString(fromFile.tree().getParent().resolve("manifest")));
        Path tree = fromStream.tree();
        assertThat(Files.readString(tree.resolve("demo/sub/data.txt"))).isEqualTo("payload");
        assertThat(Files.getPosixFilePermissions(tree.resolve("demo-1.0.data/scripts/run")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.isSymbolicLink(tree.resolve("demo/alias.py"))).isTrue();
        assertThat(Files.readSymbolicLink(tree.resolve("demo/alias.py"))).isEqualTo(Path.of("__init__.py"));
        // RECORD gives no digest for data.txt: it is hashed from what was written
        assertThat(fromStream.files()).filteredOn(f -> f.path().equals("demo/sub/data.txt")).singleElement()
                .extracting(UnpackedWheel.FileInfo::hash)
                .isEqualTo(Fs.recordHash(Fs.sha256("payload".getBytes(StandardCharsets.UTF_8))));
        // and the cache finds it again without the stream
        assertThat(new WheelCache(tmp.resolve("b")).find(fromStream.sha256())).isPresent();
    }

    @Test
    void storedEntriesWithSizesInTheirHeadersAreRead() throws Exception {
        // Python's zipfile writes sizes into the local headers and no data descriptors.
        byte[] archive = zip(true, "stored-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: stored\nVersion: 1.0\n",
                "stored-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n",
                "stored/__init__.py", "X = 1\n",
                "stored-1.0.dist-info/RECORD", "stored/__init__.py,,\n");
        UnpackedWheel wheel = streamed(new WheelCache(tmp.resolve("c")), "stored-1.0-py3-none-any.whl", archive);
        assertThat(wheel.paths()).containsExactly("stored-1.0.dist-info/METADATA", "stored-1.0.dist-info/RECORD",
                "stored-1.0.dist-info/WHEEL", "stored/__init__.py");
        assertThat(Files.readString(wheel.tree().resolve("stored/__init__.py"))).isEqualTo("X = 1\n");
    }

    @Test
    void pathsLeavingTheArchiveAreRefusedAndNothingIsLeftBehind() throws Exception {
        Path dist = tmp.resolve("evil");
        WheelCache cache = new WheelCache(tmp.resolve("cache"));
        assertThatThrownBy(() -> streamed(cache, new TestWheel("evil", "1").file("../../escape.py", "").build(dist)))
                .isInstanceOf(EnvException.class).hasMessageContaining("entry '../../escape.py' is a path leaving the archive");
        assertThatThrownBy(() -> streamed(cache, new TestWheel("evil", "2").file("/etc/evil.py", "").build(dist)))
                .hasMessageContaining("is an absolute path");
        assertThatThrownBy(() -> streamed(cache, new TestWheel("evil", "3").symlink("evil/link", "../../../etc/passwd")
                .build(dist))).hasMessageContaining("a link pointing outside the archive");
        assertThat(tmp.resolve("escape.py")).doesNotExist();
        assertNothingStaged(tmp.resolve("cache"));
    }

    @Test
    void aWheelWithoutRecordIsRefused() throws Exception {
        byte[] archive = zip(false, "norecord-1.0.dist-info/METADATA", "Name: norecord\nVersion: 1.0\n");
        assertThatThrownBy(() -> streamed(new WheelCache(tmp.resolve("cache")), "norecord-1.0-py3-none-any.whl", archive))
                .hasMessageContaining("it has no .dist-info/RECORD");
        assertNothingStaged(tmp.resolve("cache"));
    }

    @Test
    void layoutsAStreamCannotReadAreLeftToTheFileReader() throws Exception {
        WheelCache cache = new WheelCache(tmp.resolve("cache"));
        byte[] good = Files.readAllBytes(demo().build(tmp.resolve("dist")));

        // A central directory naming another entry than the local header at its offset.
        byte[] renamed = good.clone();
        int central = lastIndexOf(renamed, 0x02014b50);
        renamed[central + 46] ^= 1;
        assertNeedsFile(cache, renamed);

        // Bytes before the first entry (offsets in the central directory would be shifted).
        byte[] prefixed = new byte[good.length + 4];
        System.arraycopy(good, 0, prefixed, 4, good.length);
        assertNeedsFile(cache, prefixed);

        // A stored entry whose sizes come after its data: its end cannot be found without the central directory.
        byte[] stored = zip(true, "x-1.0.dist-info/RECORD", "");
        ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).putShort(6, (short) 8);
        assertNeedsFile(cache, stored);

        assertNothingStaged(tmp.resolve("cache"));
    }

    private static void assertNeedsFile(WheelCache cache, byte[] archive) {
        assertThatThrownBy(() -> cache.stage("x-1.0-py3-none-any.whl", new ByteArrayInputStream(archive)))
                .isInstanceOfSatisfying(RuntimeException.class, e -> assertThat(WheelCache.needsFile(e)).isTrue());
    }

    @Test
    void theWholeStreamIsReadSoItsHashCanBeChecked() throws Exception {
        byte[] archive = Files.readAllBytes(demo().build(tmp.resolve("dist")));
        byte[] withComment = new byte[archive.length + 5];
        System.arraycopy(archive, 0, withComment, 0, archive.length);
        int eocd = lastIndexOf(withComment, 0x06054b50);
        ByteBuffer.wrap(withComment).order(ByteOrder.LITTLE_ENDIAN).putShort(eocd + 20, (short) 5);
        InputStream body = new ByteArrayInputStream(withComment);
        try (WheelCache.Staged staged = new WheelCache(tmp.resolve("cache")).stage("demo-1.0-py3-none-any.whl", body)) {
            assertThat(body.read()).isEqualTo(-1);
        }
        assertNothingStaged(tmp.resolve("cache"));
    }

    @Test
    void aStagedWheelThatIsNotCommittedLeavesNothing() throws Exception {
        Path wheel = demo().build(tmp.resolve("dist"));
        WheelCache cache = new WheelCache(tmp.resolve("cache"));
        try (WheelCache.Staged staged = cache.stage(wheel.getFileName().toString(), Files.newInputStream(wheel))) {
            assertThat(staged).isNotNull();
        }
        assertNothingStaged(tmp.resolve("cache"));
        assertThat(cache.find(Hashing.sha256Hex(wheel))).isEmpty();
        assertThat(Files.exists(tmp.resolve("cache/wheels-v1").resolve(Hashing.sha256Hex(wheel)), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void aBigWheelWrittenByHelpersIsTheSameEntryAsOneUnpackedFromItsFile() throws Exception {
        TestWheel big = new TestWheel("big", "1.0").executable("big-1.0.data/scripts/go", "#!python\n")
                .symlink("big/alias.py", "m0.py");
        for (int i = 0; i < 300; i++) {
            big.file("big/sub" + (i % 7) + "/m" + i + ".py", ("X = " + i + "\n").repeat(i));
        }
        assertStreamedWithHelpersAsFromItsFile(big);
    }

    @Test
    void anEntryTooBigToHoldWhileItStreamsIsTheSameAsFromTheFile() throws Exception {
        // more than Unpacking.MAX_ENTRY compressed: taken whole where libdeflate inflates it, else streamed
        byte[] noise = new byte[(int) Unpacking.MAX_ENTRY + (1 << 20)];
        new java.util.Random(5).nextBytes(noise);
        assertStreamedWithHelpersAsFromItsFile(new TestWheel("big", "1.0").file("big/__init__.py", "").file("big/blob.bin", noise));
    }

    /** The wheel streamed, with a helper writing, is the cache entry its file gives, file by file. */
    private void assertStreamedWithHelpersAsFromItsFile(TestWheel wheel) throws Exception {
        byte[] archive = sizedInLocalHeaders(Files.readAllBytes(wheel.build(tmp.resolve("dist"))));
        UnpackedWheel fromFile = new WheelCache(tmp.resolve("a")).unpack(Files.write(tmp.resolve("big-1.0-py3-none-any.whl"),
                archive));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            UnpackedWheel fromStream = streamed(new WheelCache(tmp.resolve("b"), 2, pool, 1), "big-1.0-py3-none-any.whl",
                    archive);
            assertThat(fromStream.files()).isEqualTo(fromFile.files());
            for (UnpackedWheel.FileInfo f : fromFile.files()) {
                Path a = fromFile.tree().resolve(f.path());
                Path b = fromStream.tree().resolve(f.path());
                if (f.linkTarget().isPresent()) {
                    assertThat(Files.readSymbolicLink(b)).isEqualTo(Files.readSymbolicLink(a));
                } else {
                    assertThat(Files.readAllBytes(b)).as(f.path()).isEqualTo(Files.readAllBytes(a));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEntryLongerThanItsHeaderSaysIsLeftToTheFileReader() throws Exception {
        byte[] archive = sizedInLocalHeaders(Files.readAllBytes(demo().build(tmp.resolve("dist"))));
        // the first entry's uncompressed size, one byte short
        ByteBuffer b = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(22, b.getInt(22) - 1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            WheelCache cache = new WheelCache(tmp.resolve("cache"), 2, pool, 1);
            assertThatThrownBy(() -> cache.stage("demo-1.0-py3-none-any.whl", new ByteArrayInputStream(archive)))
                    .isInstanceOfSatisfying(RuntimeException.class, e -> assertThat(WheelCache.needsFile(e)).isTrue());
        } finally {
            pool.shutdownNow();
        }
        assertNothingStaged(tmp.resolve("cache"));
    }

    /**
     * The archive rewritten the way Python's zipfile writes wheels: deflated entries with their
     * sizes and CRC in the local header and no data descriptors (ZipOutputStream always writes
     * descriptors for deflated entries). Unix modes are kept.
     */
    private static byte[] sizedInLocalHeaders(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        int count = 0;
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(Files.write(Files.createTempFile("wheel", ".zip"), zip)
                .toFile())) {
            java.util.Map<String, Integer> modes = ZipModes.read(Files.write(Files.createTempFile("wheel", ".zip"), zip));
            for (var entries = file.entries(); entries.hasMoreElements(); count++) {
                ZipEntry e = entries.nextElement();
                byte[] data = file.getInputStream(e).readAllBytes();
                java.util.zip.Deflater deflater = new java.util.zip.Deflater(6, true);
                deflater.setInput(data);
                deflater.finish();
                ByteArrayOutputStream packed = new ByteArrayOutputStream();
                byte[] buffer = new byte[4096];
                while (!deflater.finished()) {
                    packed.write(buffer, 0, deflater.deflate(buffer));
                }
                deflater.end();
                CRC32 crc = new CRC32();
                crc.update(data);
                byte[] name = e.getName().getBytes(StandardCharsets.UTF_8);
                int offset = out.size();
                ByteBuffer local = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
                local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
                        .putInt((int) crc.getValue()).putInt(packed.size()).putInt(data.length).putShort((short) name.length)
                        .putShort((short) 0);
                out.write(local.array());
                out.write(name);
                packed.writeTo(out);
                ByteBuffer c = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
                c.putInt(0x02014b50).putShort((short) (3 << 8 | 20)).putShort((short) 20).putShort((short) 0)
                        .putShort((short) 8).putInt(0).putInt((int) crc.getValue()).putInt(packed.size()).putInt(data.length)
                        .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                        .putShort((short) 0).putInt(modes.getOrDefault(e.getName(), 0100644) << 16).putInt(offset);
                central.write(c.array());
                central.write(name);
            }
        }
        int centralOffset = out.size();
        central.writeTo(out);
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) count).putShort((short) count)
                .putInt(central.size()).putInt(centralOffset).putShort((short) 0);
        out.write(end.array());
        return out.toByteArray();
    }

    /** A zip of {@code name, content} pairs; stored entries carry their sizes in the local header. */
    private static byte[] zip(boolean stored, String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                ZipEntry e = new ZipEntry(namesAndContents[i]);
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(content.length);
                    e.setCompressedSize(content.length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static int lastIndexOf(byte[] data, int signature) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = data.length - 4; i >= 0; i--) {
            if (b.getInt(i) == signature) {
                return i;
            }
        }
        throw new AssertionError("no signature " + Integer.toHexString(signature));
    }
}
