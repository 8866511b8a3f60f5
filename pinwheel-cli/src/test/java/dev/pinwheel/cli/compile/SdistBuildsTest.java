package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.index.DistMetadata;
import dev.pinwheel.index.IndexClient;
import dev.pinwheel.index.IndexSettings;
import dev.pinwheel.index.RequestListener;
import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.testkit.SdistBuilder;
import dev.pinwheel.testkit.TestIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdistBuildsTest {

    @TempDir
    Path dir;

    private TestIndex index;

    /** Stands in for a PEP 517 backend: answers with metadata naming who built it, and counts builds. */
    private static final class FakeBuilder implements SdistBuilds.MetadataBuilder {
        final String who;
        final List<Path> builds = new ArrayList<>();

        FakeBuilder(String who) {
            this.who = who;
        }

        @Override
        public String builtBy() {
            return who;
        }

        @Override
        public String prepareMetadata(Path sdist) {
            builds.add(sdist);
            return "Metadata-Version: 2.1\nName: legacy\nVersion: 1.0\nRequires-Dist: built-by-" + who + "\n";
        }
    }

    @BeforeEach
    void start() {
        index = TestIndex.start();
        index.add(SdistBuilder.of("legacy", "1.0").metadataVersion("2.1").requiresDist("from-pkg-info").build());
        index.add(SdistBuilder.of("modern", "1.0").metadataVersion("2.2").requiresDist("trusted").build());
    }

    @AfterEach
    void stop() {
        index.close();
    }

    private String metadataOf(String project, FakeBuilder builder, Path cache) {
        IndexSettings settings = IndexSettings.builder(dir.resolve("index-cache"), dir).indexUrl(index.url().toString()).build();
        try (IndexClient client = IndexClient.create(settings, RequestListener.NONE)) {
            DistMetadata sdist = client.metadata(client.page(ProjectName.parse(project)).files());
            return new SdistBuilds(client, builder, CompileListener.NONE, cache).metadata(sdist);
        }
    }

    @Test
    void trustworthyPkgInfoIsUsedWithoutABuild() {
        FakeBuilder builder = new FakeBuilder("cpython-3.11.7-linux-x86_64");
        assertThat(metadataOf("modern", builder, dir.resolve("cache"))).contains("Requires-Dist: trusted");
        assertThat(builder.builds).isEmpty();
    }

    @Test
    void aBuiltMetadataIsCachedBySdistHashAndReusedByTheNextRun() {
        FakeBuilder first = new FakeBuilder("cpython-3.11.7-linux-x86_64");
        assertThat(metadataOf("legacy", first, dir.resolve("cache"))).contains("built-by-cpython-3.11.7-linux-x86_64");
        assertThat(first.builds).hasSize(1);
        FakeBuilder second = new FakeBuilder("cpython-3.11.7-linux-x86_64");
        assertThat(metadataOf("legacy", second, dir.resolve("cache"))).contains("built-by-cpython-3.11.7-linux-x86_64");
        assertThat(second.builds).isEmpty();
    }

    @Test
    void anotherInterpreterBuildsAgain() {
        metadataOf("legacy", new FakeBuilder("cpython-3.11.7-linux-x86_64"), dir.resolve("cache"));
        FakeBuilder other = new FakeBuilder("cpython-3.12.1-linux-x86_64");
        assertThat(metadataOf("legacy", other, dir.resolve("cache"))).contains("built-by-cpython-3.12.1");
        assertThat(other.builds).hasSize(1);
    }

    @Test
    void aDamagedEntryIsBuiltAgainAndRepaired() throws IOException {
        metadataOf("legacy", new FakeBuilder("py"), dir.resolve("cache"));
        Path entry;
        try (Stream<Path> files = Files.list(dir.resolve("cache").resolve("built-metadata-v1"))) {
            entry = files.filter(p -> p.toString().endsWith(".metadata")).findFirst().orElseThrow();
        }
        Files.writeString(entry, "pinwheel-built-metadata-v1\n<html>garbage");
        FakeBuilder again = new FakeBuilder("py");
        assertThat(metadataOf("legacy", again, dir.resolve("cache"))).startsWith("Metadata-Version: 2.1");
        assertThat(again.builds).hasSize(1);
        assertThat(Files.readString(entry)).contains("Requires-Dist: built-by-py");
    }

    @Test
    void withoutACacheEveryRunBuilds() {
        FakeBuilder first = new FakeBuilder("py");
        metadataOf("legacy", first, null);
        FakeBuilder second = new FakeBuilder("py");
        metadataOf("legacy", second, null);
        assertThat(first.builds).hasSize(1);
        assertThat(second.builds).hasSize(1);
    }
}
