package dev.pinwheel.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.ProjectName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real PyPI (network): page negotiation, a PEP 658 metadata file, a range read, the warm cache. */
class PypiLiveIT {

    @TempDir
    Path dir;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final RequestListener listener = new RequestListener() {
        @Override
        public void requestFinished(Request request, int status, long bytes, Duration elapsed) {
            requests.add(status + " " + request.url() + (request.range() == null ? "" : " " + request.range()) + " " + bytes);
        }
    };

    private IndexSettings settings() {
        return IndexSettings.builder(dir.resolve("cache"), dir).timeout(Duration.ofSeconds(30)).build();
    }

    private IndexSettings withoutProbing() {
        return settings().toBuilder().probeMetadataFiles(false).build();
    }

    @Test
    void sixFromPypi() {
        DistFile wheel;
        try (IndexClient client = IndexClient.create(settings(), listener)) {
            ProjectPage page = client.page(ProjectName.parse("six"));
            assertThat(page.exists()).isTrue();
            assertThat(page.versions()).contains("1.16.0"); // PEP 700: a JSON page
            wheel = page.files().stream().filter(f -> f.filename().equals("six-1.16.0-py2.py3-none-any.whl")).findFirst().orElseThrow();
            assertThat(wheel.uploadTime()).isPresent();
            assertThat(wheel.sha256()).isPresent();
            // PyPI lists metadata files; this machine's mirror strips the attribute (a small wheel is then read
            // with one range request) but serves many of the files: ask for it as PyPI would list it
            DistMetadata natural = client.metadata(wheel);
            assertThat(natural.source()).isIn(MetadataSource.METADATA_FILE, MetadataSource.RANGE_READ);
            assertThat(natural.text()).contains("Name: six").contains("Version: 1.16.0");
        }
        try (IndexClient client = IndexClient.create(settings().toBuilder().cacheDir(dir.resolve("other-cache")).build(), listener)) {
            DistFile listed = new DistFile(wheel.filename(), wheel.url(), wheel.hashes(), wheel.requiresPython(),
                    wheel.yanked(), wheel.uploadTime(), wheel.size(), Optional.of(java.util.Map.of()), wheel.source());
            DistMetadata meta = client.metadata(listed);
            assertThat(meta.source()).isEqualTo(MetadataSource.METADATA_FILE);
            assertThat(meta.text()).contains("Name: six").contains("Version: 1.16.0");
        }
        try (IndexClient client = IndexClient.create(withoutProbing().toBuilder().cacheDir(dir.resolve("third-cache")).build(), listener)) {
            // the same wheel read by range requests into its zip directory
            DistFile noMetadataFile = new DistFile(wheel.filename(), wheel.url(), java.util.Map.of(), wheel.requiresPython(),
                    wheel.yanked(), wheel.uploadTime(), wheel.size(), Optional.empty(), wheel.source());
            DistMetadata ranged = client.metadata(noMetadataFile);
            assertThat(ranged.source()).isEqualTo(MetadataSource.RANGE_READ);
            assertThat(ranged.text()).contains("Name: six").contains("Version: 1.16.0");
            assertThat(requests).anySatisfy(r -> assertThat(r).startsWith("206 ").contains("bytes=-"));
        }
        requests.clear();
        try (IndexClient client = IndexClient.create(settings(), listener)) {
            ProjectPage page = client.page(ProjectName.parse("six"));
            assertThat(client.metadata(page.files().stream().filter(f -> f.filename().equals(wheel.filename())).toList()).source())
                    .isEqualTo(MetadataSource.CACHE);
        }
        // PyPI sends Cache-Control: max-age=600 (the mirror here sends none: heuristic freshness), so the warm run asks nothing
        assertThat(requests).isEmpty();
    }

    @Test
    void unknownProjectOnPypi() {
        try (IndexClient client = IndexClient.create(settings(), listener)) {
            assertThat(client.page(ProjectName.parse("this-project-does-not-exist-pinwheel-7c1f")).exists()).isFalse();
        }
    }
}
