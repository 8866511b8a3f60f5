package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.IndexSettings;
import dev.pinwheel.index.RequestListener;
import dev.pinwheel.index.SdistMetadata;
import dev.pinwheel.packaging.ExtraName;
import dev.pinwheel.packaging.MarkerEnvironment;
import dev.pinwheel.packaging.Platform;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.packaging.SupportedTags;
import dev.pinwheel.packaging.TargetPython;
import dev.pinwheel.packaging.Version;
import dev.pinwheel.testkit.SdistBuilder;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

    @TempDir
    Path dir;

    private TestIndex index;
    private final List<String> builds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        index = TestIndex.start();
        index.add(WheelBuilder.of("pkg", "2.0").build());
        index.add(SdistBuilder.of("pkg", "1.1").metadataVersion("2.2").requiresDist("trusted").build());
        index.add(SdistBuilder.of("pkg", "1.0").metadataVersion("2.1").requiresDist("needs-a-build").build());
    }

    @AfterEach
    void stop() {
        index.close();
    }

    private Catalog catalog(IndexClient client) {
        Catalog.Policy policy = new Catalog.Policy(
                SupportedTags.of(TargetPython.cpython(3, 11, Platform.manylinux(2, 17, "x86_64"))), Version.parse("3.11.7"),
                MarkerEnvironment.forTarget("3.11.7", "linux"), Set.of(), Set.of(), Optional.empty(), false, Map.of());
        // like SdistBuilds: a trustworthy PKG-INFO as it is, anything else "built"
        return new Catalog(client, policy, sdist -> {
            if (SdistMetadata.isTrustworthy(sdist.text())) {
                return sdist.text();
            }
            builds.add(sdist.file().filename());
            return "Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\nRequires-Dist: built\n";
        }, CompileListener.NONE);
    }

    private IndexClient client() {
        return IndexClient.create(IndexSettings.builder(dir.resolve("cache"), dir).indexUrl(index.url().toString()).build(),
                RequestListener.NONE);
    }

    @Test
    void anSdistsMetadataIsBuiltOnlyWhenItsPkgInfoCannotBeTrusted() {
        ProjectName pkg = ProjectName.parse("pkg");
        try (IndexClient client = client()) {
            Catalog catalog = catalog(client);
            assertThat(catalog.prefetchMetadata(pkg, Version.parse("1.0")).join().requiresDist())
                    .extracting(r -> r.name().toString()).containsExactly("built");
            assertThat(catalog.prefetchMetadata(pkg, Version.parse("1.1")).join().requiresDist())
                    .extracting(r -> r.name().toString()).containsExactly("trusted");
            catalog.prefetchMetadata(pkg, Version.parse("1.0")).join();
        }
        assertThat(builds).containsExactly("pkg-1.0.tar.gz");
    }

    @Test
    void theDependenciesOfAskedMetadataAreBuiltAheadButNotThoseOfGuesses() throws InterruptedException {
        // asked: app -> lib (sdist only); guessed two steps away: app -> mid (wheel) -> leaf (sdist only)
        index.add(WheelBuilder.of("app", "1.0").requiresDist("lib", "mid").build());
        index.add(SdistBuilder.of("lib", "1.0").metadataVersion("2.1").build());
        index.add(WheelBuilder.of("mid", "1.0").requiresDist("leaf").build());
        index.add(SdistBuilder.of("leaf", "1.0").metadataVersion("2.1").build());
        try (IndexClient client = client()) {
            Catalog catalog = catalog(client);
            catalog.prefetchMetadata(ProjectName.parse("app"), Version.parse("1.0")).join();
            // lib's build runs in the background, started by app's metadata
            for (int i = 0; i < 500 && !builds.contains("lib-1.0.tar.gz"); i++) {
                Thread.sleep(10);
            }
            assertThat(builds).containsExactly("lib-1.0.tar.gz");
            // mid's metadata (a guess) was fetched, and with it leaf's page: nothing more
            for (int i = 0; i < 500 && index.requestCount("/simple/leaf/") == 0; i++) {
                Thread.sleep(10);
            }
            assertThat(index.requestCount("/simple/leaf/")).isPositive();
            Thread.sleep(200);
            assertThat(builds).containsExactly("lib-1.0.tar.gz");
            assertThat(index.requestCount("/files/leaf-1.0.tar.gz")).isZero();
            // asked for later: lib's is the one built ahead, leaf's is built now
            catalog.prefetchMetadata(ProjectName.parse("lib"), Version.parse("1.0")).join();
            catalog.prefetchMetadata(ProjectName.parse("leaf"), Version.parse("1.0")).join();
        }
        assertThat(builds).containsExactly("lib-1.0.tar.gz", "leaf-1.0.tar.gz");
    }

    private void awaitPage(String project) throws InterruptedException {
        for (int i = 0; i < 500 && index.requestCount("/simple/" + project + "/") == 0; i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void theDependenciesOfAWantedExtraAreFetchedAheadAndThoseOfOtherExtrasAreNot() throws InterruptedException {
        index.add(WheelBuilder.of("web", "1.0").requiresDist("core", "fast; extra == \"speed\"", "docs; extra == \"doc\"").build());
        index.add(WheelBuilder.of("core", "1.0").build());
        index.add(WheelBuilder.of("fast", "1.0").build());
        index.add(WheelBuilder.of("docs", "1.0").build());
        try (IndexClient client = client()) {
            Catalog catalog = catalog(client);
            catalog.wantExtras(ProjectName.parse("web"), Set.of(ExtraName.of("speed")));
            catalog.prefetchMetadata(ProjectName.parse("web"), Version.parse("1.0")).join();
            awaitPage("fast");
            awaitPage("core");
            assertThat(index.requestCount("/simple/fast/")).isPositive();
            Thread.sleep(200);
            assertThat(index.requestCount("/simple/docs/")).isZero();
        }
    }

    @Test
    void anExtraWantedAfterTheMetadataArrivedStillHasItsDependenciesFetched() throws InterruptedException {
        index.add(WheelBuilder.of("web", "1.0").requiresDist("fast[max]; extra == \"speed\"").build());
        index.add(WheelBuilder.of("fast", "1.0").requiresDist("turbo; extra == \"max\"").build());
        index.add(WheelBuilder.of("turbo", "1.0").build());
        try (IndexClient client = client()) {
            Catalog catalog = catalog(client);
            catalog.prefetchMetadata(ProjectName.parse("web"), Version.parse("1.0")).join();
            Thread.sleep(200);
            assertThat(index.requestCount("/simple/fast/")).isZero();
            // web[speed] names fast[max]: both extras' dependencies are fetched
            catalog.wantExtras(ProjectName.parse("web"), Set.of(ExtraName.of("speed")));
            awaitPage("fast");
            awaitPage("turbo");
            assertThat(index.requestCount("/simple/turbo/")).isPositive();
        }
    }

    @Test
    void aVersionTheResolverMayTryNextIsFetchedFromItsWheelButNeverBuilt() throws InterruptedException {
        ProjectName pkg = ProjectName.parse("pkg");
        try (IndexClient client = client()) {
            Catalog catalog = catalog(client);
            // 2.0 has a wheel: its metadata is read now; 1.0 has only an sdist that needs a build
            catalog.prefetchFromWheel(pkg, Version.parse("2.0"));
            catalog.prefetchFromWheel(pkg, Version.parse("1.0"));
            for (int i = 0; i < 500 && index.requestCount("/files/pkg-2.0-py3-none-any.whl") == 0; i++) {
                Thread.sleep(10);
            }
            assertThat(index.requestCount("/files/pkg-2.0-py3-none-any.whl")).isPositive();
            Thread.sleep(200);
            assertThat(index.requestCount("/files/pkg-1.0.tar.gz")).isZero();
            assertThat(builds).isEmpty();
            // when the resolver does ask, the sdist is built as before
            assertThat(catalog.prefetchMetadata(pkg, Version.parse("1.0")).join().requiresDist())
                    .extracting(r -> r.name().toString()).containsExactly("built");
        }
    }
}
