package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.index.CachePolicy;
import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.IndexSettings;
import dev.pinwheel.index.RequestListener;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.testkit.TestIndex;
import dev.pinwheel.testkit.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The third step of import-to-distribution mapping, against a local index: asked once per unmapped name, cached. */
class ReqsIndexLookupTest {

    @TempDir
    Path project;

    @TempDir
    Path cache;

    private TestIndex index;

    @BeforeEach
    void startIndex() throws IOException {
        index = TestIndex.start();
        index.add(WheelBuilder.of("tomlkit", "0.13.2").build());
        index.add(WheelBuilder.of("Some_Lib", "1.0").build());
        Files.writeString(project.resolve("app.py"), """
                import tomlkit                 # unmapped, on the index
                import some_lib.sub            # unmapped, on the index under another spelling
                import yaml                    # mapped: PyYAML, the index is not asked
                import vendored_thing          # unmapped, on no index
                from vendored_thing import x
                """);
    }

    @AfterEach
    void stopIndex() {
        index.close();
    }

    private ReqsResult scan(ProjectIndex projects) {
        return ReqsScanner.scan(new ReqsRequest(project, List.of(), Optional.empty(), Optional.empty(), projects),
                ReqsScanner.Listener.NONE);
    }

    private IndexClient client(CachePolicy policy) {
        IndexSettings settings = IndexSettings.builder(cache, project).indexUrl(index.url().toString())
                .cachePolicy(policy).timeout(Duration.ofSeconds(10)).build();
        return IndexClient.create(settings, RequestListener.NONE);
    }

    private static List<String> names(ReqsResult r) {
        return r.runtime().stream().map(n -> n.name().toString()).toList();
    }

    private static List<String> notes(ReqsResult r, String name) {
        return r.runtime().stream().filter(n -> n.name().equals(ProjectName.parse(name))).findFirst().orElseThrow().notes();
    }

    @Test
    void unmappedImportsAreConfirmedOrLeftOutByTheIndex() {
        ReqsResult r;
        try (IndexClient client = client(CachePolicy.NORMAL)) {
            r = scan(ProjectIndex.of(client));
        }
        assertThat(names(r)).containsExactly("pyyaml", "some-lib", "tomlkit");
        assertThat(notes(r, "tomlkit")).containsExactly("on the index under its import name");
        assertThat(notes(r, "pyyaml")).isEmpty();
        assertThat(r.warnings()).singleElement().asString()
                .startsWith("app.py:4: 'vendored_thing' is not installed, not in the bundled mapping and no project "
                        + "'vendored-thing' is on the index; left out");
        // Only the three unmapped names were asked about, each once; yaml never.
        assertThat(index.requests()).extracting(TestIndex.Request::path)
                .allMatch(p -> p.startsWith("/simple/tomlkit/") || p.startsWith("/simple/some-lib/")
                        || p.startsWith("/simple/vendored-thing/"))
                .hasSize(3);
    }

    @Test
    void aSecondRunRevalidatesTheCachedPages() {
        try (IndexClient client = client(CachePolicy.NORMAL)) {
            scan(ProjectIndex.of(client));
        }
        index.clearRequests();
        ReqsResult again;
        try (IndexClient client = client(CachePolicy.NORMAL)) {
            again = scan(ProjectIndex.of(client));
        }
        assertThat(names(again)).containsExactly("pyyaml", "some-lib", "tomlkit");
        // Pages found are cached and only revalidated; the client keeps no record of a missing project.
        assertThat(index.requests()).filteredOn(req -> req.status() != 404).hasSize(2).allMatch(TestIndex.Request::conditional);
    }

    @Test
    void withoutAnIndexTheNamesAreAssumedAndNoted() {
        ReqsResult r = scan(ProjectIndex.NONE);
        assertThat(names(r)).containsExactly("pyyaml", "some-lib", "tomlkit", "vendored-thing");
        assertThat(notes(r, "vendored-thing")).containsExactly("name assumed from the import");
        assertThat(index.requestCount()).isZero();
    }

    @Test
    void anUnreachableIndexLeavesTheGuessesAndSaysSo() {
        index.failNext(100, 503);
        ReqsResult r;
        IndexSettings settings = IndexSettings.builder(cache, project).indexUrl(index.url().toString())
                .cachePolicy(CachePolicy.NORMAL).attempts(1).timeout(Duration.ofSeconds(5)).build();
        try (IndexClient client = IndexClient.create(settings, RequestListener.NONE)) {
            r = scan(ProjectIndex.of(client));
        }
        assertThat(names(r)).containsExactly("pyyaml", "some-lib", "tomlkit", "vendored-thing");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("the package index could not be asked about 3 unmapped import(s) ("));
    }
}
