package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.testkit.Dist;
import dev.pinwheel.testkit.SdistBuilder;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexClientTest {

    @TempDir
    Path dir;

    private TestIndex index;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final RequestListener listener = new RequestListener() {
        @Override
        public void requestStarted(Request request) {
            log.add(request.method() + " " + request.url() + (request.range() == null ? "" : " " + request.range()));
        }

        @Override
        public void warning(String message) {
            log.add("warning: " + message);
        }
    };

    private final Dist fooWheel = WheelBuilder.of("foo", "1.0").requiresDist("bar>=2").build();
    private final Dist fooSdist = SdistBuilder.of("foo", "1.0").requiresDist("bar>=2").build();
    private final Dist fooOld = WheelBuilder.of("foo", "0.9").build();

    @BeforeEach
    void start() {
        index = TestIndex.start();
        index.add(fooWheel).add(fooSdist)
                .add(fooOld, TestIndex.FileOptions.DEFAULT.yanked("broken").requiresPython(">=3.8")
                        .uploadTime(Instant.parse("2024-05-06T07:08:09Z")));
    }

    @AfterEach
    void stop() {
        index.close();
    }

    private IndexSettings.Builder settings() {
        return IndexSettings.builder(dir.resolve("cache"), dir).indexUrl(index.url().toString())
                .retryBackoff(Duration.ofMillis(1)).timeout(Duration.ofSeconds(5));
    }

    private static ProjectName name(String s) {
        return ProjectName.parse(s);
    }

    @Test
    void jsonPagesCarryEverythingTheIndexKnows() {
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            ProjectPage page = client.page(name("Foo"));
            assertThat(page.exists()).isTrue();
            assertThat(page.versions()).containsExactly("0.9", "1.0");
            assertThat(page.files()).extracting(DistFile::filename)
                    .containsExactly("foo-1.0-py3-none-any.whl", "foo-1.0.tar.gz", "foo-0.9-py3-none-any.whl");
            DistFile old = page.files().get(2);
            assertThat(old.yanked()).contains("broken");
            assertThat(old.requiresPython()).contains(">=3.8");
            assertThat(old.uploadTime()).contains(Instant.parse("2024-05-06T07:08:09Z"));
            assertThat(old.sha256()).contains(fooOld.sha256());
            assertThat(old.hasMetadataFile()).isTrue();
        }
        assertThat(index.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/simple/foo/");
            assertThat(r.header("Accept")).startsWith("application/vnd.pypi.simple.v1+json");
        });
    }

    @Test
    void htmlPagesGiveTheSameFiles() {
        index.format(TestIndex.Format.HTML);
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            ProjectPage page = client.page(name("foo"));
            assertThat(page.files()).extracting(DistFile::filename)
                    .containsExactly("foo-1.0-py3-none-any.whl", "foo-1.0.tar.gz", "foo-0.9-py3-none-any.whl");
            assertThat(page.files().get(0).url()).isEqualTo(index.fileUrl(fooWheel.filename()));
            assertThat(page.files().get(2).yanked()).contains("broken");
            assertThat(page.files().get(2).requiresPython()).contains(">=3.8");
            assertThat(page.versions()).isEmpty();
        }
    }

    @Test
    void unknownProjectsDoNotExist() {
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            ProjectPage page = client.page(name("nope"));
            assertThat(page.exists()).isFalse();
            assertThat(page.files()).isEmpty();
        }
    }

    @Test
    void metadataComesFromThePep658FileAndIsHashChecked() {
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            ProjectPage page = client.page(name("foo"));
            DistMetadata meta = client.metadata(page.files().subList(0, 2));
            assertThat(meta.source()).isEqualTo(MetadataSource.METADATA_FILE);
            assertThat(meta.file().filename()).isEqualTo(fooWheel.filename());
            assertThat(meta.text()).isEqualTo(fooWheel.metadata());
            // the same version again: no second fetch
            client.metadata(page.files().subList(0, 2));
        }
        assertThat(index.requestCount("/files/")).isEqualTo(1);
    }

    @Test
    void withoutMetadataFilesWheelsAreReadByRanges() {
        index.metadataFiles(false).format(TestIndex.Format.HTML); // HTML pages give no size: the wheel may be big
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            ProjectPage page = client.page(name("foo"));
            assertThat(page.files().get(0).hasMetadataFile()).isFalse();
            DistMetadata meta = client.metadata(page.files().subList(0, 2));
            assertThat(meta.source()).isEqualTo(MetadataSource.RANGE_READ);
            assertThat(meta.text()).isEqualTo(fooWheel.metadata());
        }
        // one probe for an unlisted metadata file (404), then only range requests
        assertThat(index.requests()).filteredOn(r -> r.path().endsWith(".metadata")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(404));
    }

    @Test
    void aHostThatNeverServesUnlistedMetadataFilesIsNotProbedAfterTwoMisses() {
        index.metadataFiles(false).format(TestIndex.Format.HTML);
        for (int i = 0; i < 4; i++) {
            index.add(WheelBuilder.of("many", "1." + i).build());
        }
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            for (DistFile f : client.page(name("many")).files()) {
                assertThat(client.metadata(f).source()).isEqualTo(MetadataSource.RANGE_READ);
            }
        }
        assertThat(index.requests()).filteredOn(r -> r.path().endsWith(".metadata")).hasSize(2);
    }

    @Test
    void rangeReadsAskOnlyForRanges() {
        index.metadataFiles(false);
        try (IndexClient client = IndexClient.create(settings().probeMetadataFiles(false).build(), listener)) {
            client.metadata(client.page(name("foo")).files().get(0));
        }
        assertThat(index.requests()).filteredOn(r -> r.path().startsWith("/files/") && !r.path().endsWith(".metadata"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.header("Range")).startsWith("bytes="));
    }

    @Test
    void unlistedMetadataFilesAreProbedForWheelsOfUnknownSize() {
        index.unlistedMetadataFiles();
        index.format(TestIndex.Format.HTML);
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            DistFile wheel = client.page(name("foo")).files().get(0);
            assertThat(wheel.hasMetadataFile()).isFalse();
            DistMetadata meta = client.metadata(wheel);
            assertThat(meta.source()).isEqualTo(MetadataSource.METADATA_FILE);
            assertThat(meta.text()).isEqualTo(fooWheel.metadata());
        }
        assertThat(index.requestCount("/files/")).isEqualTo(1);
    }

    @Test
    void aMidSizeWheelOfKnownSizeIsReadWithOneRangeRequestAndNoProbe() {
        // bigger than one suffix, far below the probing size; the host would even serve the probe
        Dist mid = WheelBuilder.of("mid", "1.0").requiresDist("foo").module("mid/blob.txt", "x".repeat(200_000))
                .stored(true).build();
        assertThat(mid.content().length).isGreaterThan(ZipMetadataReader.SUFFIX);
        index.add(mid).unlistedMetadataFiles();
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            DistFile wheel = client.page(name("mid")).files().get(0);
            assertThat(wheel.size()).hasValue(mid.content().length);
            DistMetadata meta = client.metadata(wheel);
            assertThat(meta.source()).isEqualTo(MetadataSource.RANGE_READ);
            assertThat(meta.text()).isEqualTo(mid.metadata());
        }
        assertThat(index.requests()).filteredOn(r -> r.path().startsWith("/files/")).singleElement()
                .satisfies(r -> assertThat(r.header("Range")).isEqualTo("bytes=-" + ZipMetadataReader.SUFFIX));
    }

    @Test
    void aBigWheelIsProbedForAnUnlistedMetadataFile() {
        Dist big = WheelBuilder.of("big", "1.0").module("big/blob.txt", "y".repeat((int) IndexClient.PROBE_MIN_SIZE))
                .stored(true).build();
        index.add(big).unlistedMetadataFiles();
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            DistMetadata meta = client.metadata(client.page(name("big")).files().get(0));
            assertThat(meta.source()).isEqualTo(MetadataSource.METADATA_FILE);
            assertThat(meta.text()).isEqualTo(big.metadata());
        }
        assertThat(index.requestCount("/files/")).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void concurrentFirstRequestsToOneOriginShareItsConnectionAndAllSucceed() {
        for (int i = 0; i < 12; i++) {
            index.add(WheelBuilder.of("p" + i, "1.0").build());
        }
        index.delay(Duration.ofMillis(50));
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            List<java.util.concurrent.CompletableFuture<ProjectPage>> pages = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                pages.add(client.pageAsync(name("p" + i)));
            }
            assertThat(pages).allSatisfy(p -> assertThat(p.join().files()).hasSize(1));
        }
        assertThat(index.requestCount("/simple/")).isEqualTo(12);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aHostWhoseNameDoesNotResolveIsNamedAsSuchAndItsShortPasswordDoesNotMangleTheMessage() {
        IndexSettings s = settings().indexUrl("https://u:p@nonexistent.invalid/simple").attempts(1).build();
        try (IndexClient client = IndexClient.create(s, listener)) {
            assertThatThrownBy(() -> client.page(name("requests"))).isInstanceOf(IndexException.class)
                    .hasMessage("cannot reach https://nonexistent.invalid/simple/requests/: "
                            + "unknown host (the name does not resolve) (1 attempts)");
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aFailedFirstRequestDoesNotHoldBackTheOthers() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        IndexSettings s = settings().indexUrl("http://127.0.0.1:" + closedPort + "/simple/").attempts(1).build();
        try (IndexClient client = IndexClient.create(s, listener)) {
            List<java.util.concurrent.CompletableFuture<ProjectPage>> pages = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pages.add(client.pageAsync(name("p" + i)));
            }
            for (var page : pages) {
                assertThatThrownBy(page::join).hasCauseInstanceOf(IndexException.class)
                        .hasMessageContaining("cannot reach http://127.0.0.1:" + closedPort)
                        .hasMessageContaining("/: cannot connect: Connection refused (1 attempts)");
            }
        }
    }

    @Test
    void probingCanBeSwitchedOff() {
        index.unlistedMetadataFiles();
        index.format(TestIndex.Format.HTML);
        try (IndexClient client = IndexClient.create(settings().probeMetadataFiles(false).build(), listener)) {
            assertThat(client.metadata(client.page(name("foo")).files().get(0)).source()).isEqualTo(MetadataSource.RANGE_READ);
        }
    }

    @Test
    void pagesWithoutCacheHeadersAreHeuristicallyFresh() {
        index.cacheControl(null);
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            client.page(name("foo"));
        }
        index.clearRequests();
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            client.page(name("foo"));
        }
        assertThat(index.requests()).isEmpty();
    }

    @Test
    void aCatchAllAnswerToAProbeIsNotMistakenForMetadata() {
        assertThat(IndexClient.looksLikeCoreMetadata("Metadata-Version: 2.1\nName: x".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        assertThat(IndexClient.looksLikeCoreMetadata("<html>not found</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void withoutRangeSupportTheWholeWheelIsDownloadedOnceAndKept() {
        index.metadataFiles(false).rangeRequests(false);
        index.clearRequests();
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            DistFile wheel = client.page(name("foo")).files().get(0);
            DistMetadata meta = client.metadata(wheel);
            assertThat(meta.source()).isEqualTo(MetadataSource.DOWNLOAD);
            assertThat(meta.text()).isEqualTo(fooWheel.metadata());
            Path file = client.download(wheel);
            assertThat(file).hasBinaryContent(fooWheel.content());
        }
        assertThat(index.requests()).filteredOn(r -> r.path().startsWith("/files/") && !r.path().endsWith(".metadata")).hasSize(1);
    }

    @Test
    void sdistMetadataIsItsPkgInfo() {
        index.metadataFiles(false);
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            DistFile sdist = client.page(name("foo")).files().get(1);
            DistMetadata meta = client.metadata(List.of(sdist));
            assertThat(meta.fromSdist()).isTrue();
            assertThat(meta.text()).isEqualTo(fooSdist.metadata());
            assertThat(SdistMetadata.isTrustworthy(meta.text())).isTrue();
        }
    }

    @Test
    void aWarmCacheMakesNoRequestWhilePagesAreFresh() {
        index.maxAge(Duration.ofMinutes(10));
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            ProjectPage page = client.page(name("foo"));
            client.metadata(page.files().subList(0, 2));
            client.download(page.files().get(0));
        }
        index.clearRequests();
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            ProjectPage page = client.page(name("foo"));
            assertThat(client.metadata(page.files().subList(0, 2)).source()).isEqualTo(MetadataSource.CACHE);
            assertThat(client.download(page.files().get(0))).hasBinaryContent(fooWheel.content());
            assertThat(client.networkUsed()).isFalse();
        }
        assertThat(index.requests()).isEmpty();
    }

    @Test
    void stalePagesAreRevalidatedAnd304KeepsTheCachedBody() {
        index.maxAge(Duration.ofMinutes(10));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (IndexClient client = IndexClient.create(settings().clock(Clock.fixed(t0, ZoneOffset.UTC)).build(), listener)) {
            client.page(name("foo"));
        }
        index.clearRequests();
        Clock later = Clock.fixed(t0.plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
        try (IndexClient client = IndexClient.create(settings().clock(later).build(), listener)) {
            assertThat(client.page(name("foo")).files()).hasSize(3);
        }
        assertThat(index.requests()).singleElement().satisfies(r -> {
            assertThat(r.conditional()).isTrue();
            assertThat(r.status()).isEqualTo(304);
        });
        // the 304 renewed the freshness: a run just after makes no request
        index.clearRequests();
        Clock evenLater = Clock.fixed(t0.plus(Duration.ofMinutes(12)), ZoneOffset.UTC);
        try (IndexClient client = IndexClient.create(settings().clock(evenLater).build(), listener)) {
            client.page(name("foo"));
        }
        assertThat(index.requests()).isEmpty();
    }

    @Test
    void aProjectPageIsCachedOnceAsParsedAndAWarmRunReadsOnlyThat() {
        index.maxAge(Duration.ofMinutes(10));
        List<DistFile> first;
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            first = client.page(name("foo")).files();
        }
        CacheStore store = new CacheStore(dir.resolve("cache"));
        assertThat(store.parsedPagePath(index.projectUrl("foo").toString())).isRegularFile();
        assertThat(store.pagePath(index.projectUrl("foo").toString())).doesNotExist(); // no second copy
        index.clearRequests();
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            ProjectPage page = client.page(name("foo"));
            assertThat(page.files()).isEqualTo(first);
            assertThat(page.files().get(2).uploadTime()).contains(Instant.parse("2024-05-06T07:08:09Z"));
            assertThat(page.versions()).containsExactly("0.9", "1.0");
        }
        assertThat(index.requests()).isEmpty();
    }

    @Test
    void aPageEntryThatCannotBeWrittenFailsTheCloseNotThePage() throws Exception {
        // the entry is written after the page went to the caller; a failed write is not lost
        Path parsed = new CacheStore(dir.resolve("cache")).parsedPagePath(index.projectUrl("foo").toString());
        Files.createDirectories(parsed.resolve("in-the-way"));
        IndexClient client = IndexClient.create(settings().build(), listener);
        assertThat(client.page(name("foo")).files()).hasSize(3);
        assertThatThrownBy(client::close).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(parsed.resolve("in-the-way")).isDirectory();
    }

    @Test
    void aDamagedParsedPageIsAMissAndThePageIsFetchedAgainWhole() throws Exception {
        index.maxAge(Duration.ofMinutes(10));
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            client.page(name("foo"));
        }
        Path parsed = new CacheStore(dir.resolve("cache")).parsedPagePath(index.projectUrl("foo").toString());
        byte[] whole = Files.readAllBytes(parsed);
        Files.write(parsed, java.util.Arrays.copyOf(whole, whole.length / 2));
        index.clearRequests();
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            assertThat(client.page(name("foo")).files()).hasSize(3);
        }
        // no validators to send from a damaged entry: an unconditional request, and a whole entry again
        assertThat(index.requests()).singleElement().satisfies(r -> {
            assertThat(r.conditional()).isFalse();
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(CompactPage.decode(Files.readAllBytes(parsed), "s")).hasValueSatisfying(
                c -> assertThat(c.parsed().files()).hasSize(3));
    }

    @Test
    void aPageThatChangedIsParsedAgainAfterItsRevalidation() {
        index.maxAge(Duration.ofMinutes(10));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (IndexClient client = IndexClient.create(settings().clock(Clock.fixed(t0, ZoneOffset.UTC)).build(), listener)) {
            assertThat(client.page(name("foo")).files()).hasSize(3);
        }
        index.add(WheelBuilder.of("foo", "1.1").build());
        index.clearRequests();
        Clock later = Clock.fixed(t0.plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
        try (IndexClient client = IndexClient.create(settings().clock(later).build(), listener)) {
            assertThat(client.page(name("foo")).files()).hasSize(4);
        }
        assertThat(index.requests()).singleElement().satisfies(r -> {
            assertThat(r.conditional()).isTrue(); // the entry's ETag was sent, and no longer matched
            assertThat(r.status()).isEqualTo(200);
        });
        index.clearRequests();
        try (IndexClient client = IndexClient.create(settings().clock(later).build(), listener)) {
            assertThat(client.page(name("foo")).files()).hasSize(4); // the new entry, fresh again
        }
        assertThat(index.requests()).isEmpty();
    }

    @Test
    void theOtherRequestsToAnOriginWaitForTheFirstConnectionNotForItsAnswer() throws Exception {
        for (int i = 0; i < 4; i++) {
            index.add(WheelBuilder.of("w" + i, "1.0").build());
        }
        index.delay(Duration.ofSeconds(2));
        try (IndexClient client = IndexClient.create(settings().build(), RequestListener.NONE)) {
            List<java.util.concurrent.CompletableFuture<ProjectPage>> pages = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pages.add(client.pageAsync(name("w" + i)));
            }
            // all four reach the server while the first is still waiting for its answer
            long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            while (index.requestsArrived() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(index.requestsArrived()).isEqualTo(4);
            assertThat(pages).noneMatch(java.util.concurrent.CompletableFuture::isDone);
            assertThat(pages).allSatisfy(p -> assertThat(p.join().files()).hasSize(1));
        }
    }

    @Test
    void requestsToAnOriginReuseItsConnectionsAndLeaveNoThreadBehind() throws Exception {
        for (int i = 0; i < 20; i++) {
            index.add(WheelBuilder.of("q" + i, "1.0").build());
        }
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        IndexClient client = IndexClient.create(settings().build(), listener);
        try {
            List<java.util.concurrent.CompletableFuture<ProjectPage>> pages = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pages.add(client.pageAsync(name("q" + i)));
            }
            assertThat(pages).allSatisfy(p -> assertThat(p.join().files()).hasSize(1));
        } finally {
            client.close();
        }
        assertThat(index.requestCount("/simple/")).isEqualTo(20);
        assertThat(index.connections()).as("connections for 20 requests").isBetween(1, Transport.PER_ORIGIN);
        java.util.Set<Thread> after = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        after.removeAll(before);
        // the page-preparing pool's threads are daemons and end on their own; nothing of the transport's runs
        assertThat(after).noneMatch(t -> t.isAlive() && !t.isDaemon());
    }

    @Test
    void aNoStorePageLeavesNoParsedPageBehind() {
        index.cacheControl("no-store");
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            assertThat(client.page(name("foo")).files()).hasSize(3);
        }
        assertThat(new CacheStore(dir.resolve("cache")).parsedPagePath(index.projectUrl("foo").toString())).doesNotExist();
    }

    @Test
    void refreshRevalidatesFreshPagesAndSeesNewFiles() {
        index.maxAge(Duration.ofMinutes(10));
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            client.page(name("foo"));
        }
        index.add(WheelBuilder.of("foo", "1.1").build());
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            assertThat(client.page(name("foo")).files()).hasSize(3); // still fresh: the old page
        }
        try (IndexClient client = IndexClient.create(settings().cachePolicy(CachePolicy.REFRESH).build(), listener)) {
            assertThat(client.page(name("foo")).files()).hasSize(4);
        }
    }

    @Test
    void noCacheLeavesTheCacheDirectoryAlone() {
        try (IndexClient client = IndexClient.create(settings().cachePolicy(CachePolicy.DISABLED).build(), listener)) {
            ProjectPage page = client.page(name("foo"));
            assertThat(client.download(page.files().get(0))).exists();
        }
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void serverErrorsAreRetried() {
        index.failNext(2, 503);
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            assertThat(client.page(name("foo")).files()).hasSize(3);
        }
        assertThat(index.requests()).extracting(TestIndex.Request::status).containsExactly(503, 503, 200);
    }

    @Test
    void persistentServerErrorsAreAnEnvironmentErrorNamingTheRedactedUrl() {
        index.failNext(3, 500);
        String url = index.url().toString().replace("http://", "http://alice:s3cret@");
        try (IndexClient client = IndexClient.create(settings().indexUrl(url).build(), listener)) {
            assertThatThrownBy(() -> client.page(name("foo")))
                    .isInstanceOf(IndexException.class)
                    .satisfies(e -> assertThat(((PinwheelException) e).category()).isEqualTo(PinwheelException.Category.ENVIRONMENT))
                    .hasMessageContaining("/simple/foo/ answered HTTP 500 (3 attempts)")
                    .hasMessageNotContaining("s3cret");
        }
        assertThat(String.join("\n", log)).doesNotContain("s3cret");
    }

    @Test
    void timeoutsAreRetriedThenReported() {
        index.delay(Duration.ofMillis(600));
        try (IndexClient client = IndexClient.create(settings().timeout(Duration.ofMillis(150)).attempts(2).build(), listener)) {
            assertThatThrownBy(() -> client.page(name("foo")))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("cannot reach http://127.0.0.1:")
                    .hasMessageContaining("timed out");
        }
        assertThat(log).filteredOn(l -> l.startsWith("GET")).hasSize(2);
    }

    @Test
    void credentialsFromTheUrlAreSentButNeverShown() {
        String url = index.url().toString().replace("http://", "http://alice:s3cret@");
        try (IndexClient client = IndexClient.create(settings().indexUrl(url).build(), listener)) {
            ProjectPage page = client.page(name("foo"));
            client.download(page.files().get(0));
            assertThat(page.files().get(0).source()).isEqualTo(url.replace("s3cret", "****"));
            assertThat(client.redactor().redact("password s3cret")).isEqualTo("password ****");
        }
        assertThat(index.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0"));
        assertThat(log).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain("s3cret"));
    }

    @Test
    void netrcCredentialsAreSent() throws Exception {
        Path netrc = Files.writeString(dir.resolve("netrc"), "machine 127.0.0.1 login bob password pw\n");
        try (IndexClient client = IndexClient.create(settings().netrc(netrc).build(), listener)) {
            client.page(name("foo"));
        }
        assertThat(index.requests().get(0).header("Authorization")).isEqualTo("Basic Ym9iOnB3");
    }

    @Test
    void aFileWhoseHashDoesNotMatchIsRefused() throws Exception {
        index.format(TestIndex.Format.HTML);
        Path root = index.writeStaticIndex(dir.resolve("static"));
        // tamper with the file after the page announced its hash
        Files.write(root.resolveSibling("files").resolve(fooWheel.filename()), new byte[] {1, 2, 3});
        try (IndexClient client = IndexClient.create(settings().indexUrl(root.toUri().toString()).build(), listener)) {
            DistFile wheel = client.page(name("foo")).files().get(0);
            assertThatThrownBy(() -> client.download(wheel)).isInstanceOf(HashMismatchException.class)
                    .hasMessageContaining("expected sha256:" + fooWheel.sha256());
        }
    }

    @Test
    void aStreamedFileIsHashedAsItIsReadAndNotKept() {
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            DistFile wheel = client.page(name("foo")).files().get(0);
            IndexClient.Streamed<byte[]> streamed = client.stream(wheel, java.io.InputStream::readAllBytes);
            assertThat(streamed.value()).isEqualTo(fooWheel.content());
            assertThat(streamed.sha256()).isEqualTo(fooWheel.sha256());
            assertThat(streamed.size()).isEqualTo(fooWheel.content().length);
            // a reader that stops early still has the rest hashed
            assertThat(client.stream(wheel, body -> body.read()).sha256()).isEqualTo(fooWheel.sha256());
        }
        assertThat(dir.resolve("cache/files-v1")).doesNotExist();
    }

    @Test
    void aStreamedFileWhoseHashDoesNotMatchFailsTheReadThatReachesItsEnd() throws Exception {
        index.format(TestIndex.Format.HTML);
        Path root = index.writeStaticIndex(dir.resolve("static"));
        Files.write(root.resolveSibling("files").resolve(fooWheel.filename()), new byte[] {1, 2, 3});
        try (IndexClient client = IndexClient.create(settings().indexUrl(root.toUri().toString()).build(), listener)) {
            DistFile wheel = client.page(name("foo")).files().get(0);
            List<String> seen = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> client.stream(wheel, body -> {
                byte[] all = body.readAllBytes();
                seen.add("read " + all.length);
                return all;
            })).isInstanceOf(HashMismatchException.class).hasMessageContaining("expected sha256:" + fooWheel.sha256());
            assertThat(seen).as("the mismatch is thrown from the read, before the reader keeps anything").isEmpty();
        }
    }

    @Test
    void fileIndexesAreReadFromDisk() {
        Path root = index.writeStaticIndex(dir.resolve("static"));
        try (IndexClient client = IndexClient.create(settings().indexUrl(root.toUri().toString()).build(), listener)) {
            ProjectPage page = client.page(name("foo"));
            assertThat(page.files()).hasSize(3);
            DistMetadata meta = client.metadata(page.files().get(0));
            assertThat(meta.source()).isEqualTo(MetadataSource.LOCAL_FILE);
            assertThat(meta.text()).isEqualTo(fooWheel.metadata());
            assertThat(client.page(name("nope")).exists()).isFalse();
        }
        assertThat(index.requests()).isEmpty();
    }

    @Test
    void findLinksDirectoriesAndNoIndex() {
        Path wheels = dir.resolve("wheels");
        Dist other = WheelBuilder.of("Other_Pkg", "3.0").build();
        other.writeTo(wheels);
        fooWheel.writeTo(wheels);
        SdistBuilder.of("other-pkg-extra", "1.0").build().writeTo(wheels); // a different project with a longer name
        try (IndexClient client = IndexClient.create(settings().noIndex(true).findLink("wheels").build(), listener)) {
            ProjectPage page = client.page(name("other.pkg"));
            assertThat(page.files()).extracting(DistFile::filename).containsExactly(other.filename());
            assertThat(page.files().get(0).isLocal()).isTrue();
            assertThat(client.metadata(page.files()).text()).isEqualTo(other.metadata());
            assertThat(client.download(page.files().get(0))).isEqualTo(wheels.resolve(other.filename()));
        }
        assertThat(index.requests()).isEmpty();
    }

    @Test
    void findLinksAndIndexesAreCombined() {
        Path wheels = dir.resolve("wheels");
        Dist local = WheelBuilder.of("foo", "2.0").build();
        local.writeTo(wheels);
        try (IndexClient client = IndexClient.create(settings().findLink(wheels.toString()).build(), listener)) {
            assertThat(client.page(name("foo")).files()).extracting(DistFile::filename).contains(local.filename(), fooWheel.filename());
        }
    }

    @Test
    void findLinksPagesOverHttpAreFilteredByProject() throws Exception {
        index.add(WheelBuilder.of("bar", "2.0").build());
        Path html = Files.writeString(dir.resolve("links.html"), "<a href=\"" + index.fileUrl(fooWheel.filename()) + "\">x</a>"
                + "<a href=\"" + index.fileUrl("bar-2.0-py3-none-any.whl") + "\">y</a>");
        try (IndexClient client = IndexClient.create(settings().noIndex(true).findLink(html.toString()).build(), listener)) {
            assertThat(client.page(name("bar")).files()).extracting(DistFile::filename).containsExactly("bar-2.0-py3-none-any.whl");
            assertThat(client.page(name("foo")).files()).extracting(DistFile::filename).containsExactly(fooWheel.filename());
        }
    }

    @Test
    void plainHttpToAnotherHostIsSkippedUnlessTrusted() {
        try (IndexClient client = IndexClient.create(settings().indexUrl("http://insecure.example/simple").build(), listener)) {
            assertThat(client.page(name("foo")).exists()).isFalse();
        }
        assertThat(log).anySatisfy(l -> assertThat(l).contains("is not a trusted or secure host"));
    }

    @Test
    void concurrentRequestsForOneProjectShareOneFetch() {
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            var futures = List.of(client.pageAsync(name("foo")), client.pageAsync(name("FOO")), client.pageAsync(name("foo")));
            futures.forEach(f -> assertThat(f.join().files()).hasSize(3));
        }
        assertThat(index.requestCount("/simple/")).isEqualTo(1);
    }

    @Test
    void filenamesMatchTheirProjectLikePip() {
        assertThat(IndexClient.matches("Foo_Bar-1.0-py3-none-any.whl", name("foo.bar"))).isTrue();
        assertThat(IndexClient.matches("foo-bar-1.0.tar.gz", name("foo-bar"))).isTrue();
        assertThat(IndexClient.matches("foo-bar-1.0.tar.gz", name("foo"))).isTrue(); // pip cannot tell either: version "bar-1.0" is invalid later
        assertThat(IndexClient.matches("foobar-1.0.tar.gz", name("foo"))).isFalse();
        assertThat(IndexClient.matches("foo-1.0.exe", name("foo"))).isFalse();
        assertThat(IndexClient.matches("foo-.tar.gz", name("foo"))).isFalse();
        assertThat(Map.of()).isEmpty();
    }

    @Test
    void clientsSharingOneCacheDirectoryDoNotTripEachOtherUp() throws Exception {
        index.metadataFiles(false);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    try (IndexClient client = IndexClient.create(settings().build(), RequestListener.NONE)) {
                        ProjectPage page = client.page(name("foo"));
                        client.metadata(page.files().get(0));
                        return Files.readAllBytes(client.download(page.files().get(0)));
                    }
                }));
            }
            for (var r : results) {
                assertThat(r.get()).isEqualTo(fooWheel.content());
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.walk(dir.resolve("cache"))) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            assertThat(client.metadata(client.page(name("foo")).files().get(0)).source()).isEqualTo(MetadataSource.CACHE);
        }
    }

    @Test
    void theListenerHearsEveryRequestAndCacheHit() {
        index.maxAge(Duration.ofMinutes(10));
        List<String> events = new CopyOnWriteArrayList<>();
        RequestListener recorder = new RequestListener() {
            @Override
            public void requestFinished(Request request, int status, long bytes, Duration elapsed) {
                events.add(status + " " + request.url().replaceAll("127.0.0.1:\\d+", "HOST"));
            }

            @Override
            public void cacheHit(String url) {
                events.add("cached " + url.replaceAll("127.0.0.1:\\d+", "HOST"));
            }

            @Override
            public void metadataFetched(String filename, MetadataSource how) {
                events.add("metadata " + filename + " " + how);
            }
        };
        for (int run = 0; run < 2; run++) {
            try (IndexClient client = IndexClient.create(settings().build(), recorder)) {
                client.metadata(client.page(name("foo")).files().get(0));
            }
        }
        assertThat(events).containsExactly(
                "200 http://HOST/simple/foo/",
                "200 http://HOST/files/foo-1.0-py3-none-any.whl.metadata",
                "metadata foo-1.0-py3-none-any.whl METADATA_FILE",
                "cached http://HOST/simple/foo/",
                "cached http://HOST/files/foo-1.0-py3-none-any.whl.metadata",
                "metadata foo-1.0-py3-none-any.whl CACHE");
    }

    @Test
    void aSmallWheelReadByRangesIsKeptForItsDownload() {
        index.metadataFiles(false);
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            DistFile wheel = client.page(name("foo")).files().get(0);
            assertThat(client.metadata(wheel).source()).isEqualTo(MetadataSource.RANGE_READ);
            assertThat(client.download(wheel)).hasBinaryContent(fooWheel.content());
        }
        // JSON pages give sizes: a small wheel is not probed; one suffix request read it whole
        assertThat(index.requests()).filteredOn(r -> r.path().startsWith("/files/")).singleElement()
                .satisfies(r -> assertThat(r.header("Range")).isEqualTo("bytes=-" + ZipMetadataReader.SUFFIX));
    }

    @Test
    void bodiesThatStopFlowingAreRetriedThenReported() {
        index.stallBodies(Duration.ofSeconds(3));
        try (IndexClient client = IndexClient.create(settings().timeout(Duration.ofMillis(300)).attempts(2).build(), listener)) {
            assertThatThrownBy(() -> client.page(name("foo")))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("cannot reach http://127.0.0.1:")
                    .hasMessageContaining("stalled: no data for 300 ms (2 attempts)");
        }
    }

    @Test
    void projectNamesComeFromTheIndexRoot() {
        index.add(WheelBuilder.of("Bar_Baz", "1.0").build());
        try (IndexClient client = IndexClient.create(settings().build(), listener)) {
            assertThat(client.projectNames()).containsExactly("bar-baz", "foo");
        }
        Path root = index.writeStaticIndex(dir.resolve("static"));
        try (IndexClient client = IndexClient.create(settings().indexUrl(root.toUri().toString()).build(), listener)) {
            assertThat(client.projectNames()).containsExactly("bar-baz", "foo");
        }
    }
}
