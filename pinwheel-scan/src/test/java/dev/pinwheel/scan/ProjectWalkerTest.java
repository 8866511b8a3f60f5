package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectWalkerTest {

    @TempDir
    Path root;

    private void write(String rel) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "import x\n");
    }

    private List<String> walk() {
        return new ProjectWalker(root, List.of()).walk().stream().map(ProjectWalker.ProjectFile::relative).toList();
    }

    @Test
    void directoriesWithDotsOrSourceLikeNamesAreStillWalked() throws IOException {
        // The walk skips stat calls for entries it does not read once every subdirectory is found;
        // directories named like data files or like sources must still be found.
        write("app/translations/en.json");
        write("app/translations/de.json");
        write("app/v1.2/handler.py");
        write("app/odd.py/inner.py");
        write("app/main.py");
        write("app/static/logo.svg");
        write("data.d/loader.py");
        assertThat(walk()).containsExactly("app/main.py", "app/odd.py/inner.py", "app/v1.2/handler.py", "data.d/loader.py");
    }

    @Test
    void symbolicLinksAreNotFollowed() throws IOException {
        write("real/mod.py");
        Files.createSymbolicLink(root.resolve("linked"), root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias.py"), root.resolve("real/mod.py"));
        Files.createSymbolicLink(root.resolve("dangling.py"), root.resolve("nowhere.py"));
        assertThat(walk()).containsExactly("real/mod.py");
    }

    @Test
    void environmentsAndIgnoredDirectoriesAreSkippedWhereverTheyAre() throws IOException {
        write("src/pkg/__init__.py");
        write("src/pkg/venv/pyvenv.cfg");
        write("src/pkg/venv/lib/site.py");
        write("conda/conda-meta/history.py");
        write("conda/lib/x.py");
        write("gen/out.py");
        write("node_modules/a/b.py");
        Files.writeString(root.resolve(".gitignore"), "gen/\n");
        assertThat(walk()).containsExactly("src/pkg/__init__.py");
    }
}
