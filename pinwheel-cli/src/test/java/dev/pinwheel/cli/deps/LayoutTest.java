package dev.pinwheel.cli.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.packaging.PinwheelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutTest {

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void includesAndConstraintsOrderThePairsWhateverTheirNames() throws Exception {
        write("requirements/a-docs.in", "-c test.txt\nsphinx\n");
        write("requirements/test.in", "-r prod.in\npytest\n");
        write("requirements/prod.in", "fastapi\n");
        Layout layout = Layout.find(tmp.resolve("requirements"));
        assertThat(layout.root()).isEqualTo(tmp.toAbsolutePath().normalize());
        assertThat(layout.pairs()).extracting(Layout.Pair::name).containsExactly("prod", "test", "a-docs");
    }

    @Test
    void aChangedBaseReachesDevAndWhatDevConstrains() throws Exception {
        Path base = write("requirements/base.in", "fastapi\n");
        write("requirements/dev.in", "-r base.in\npytest\n");
        write("requirements/docs.in", "-c dev.txt\nsphinx\n");
        write("requirements/lint.in", "ruff\n");
        Layout layout = Layout.of(tmp, Map.of());
        assertThat(layout.affectedBy(Set.of(base.toAbsolutePath().normalize()))).extracting(Layout.Pair::name)
                .containsExactly("base", "dev", "docs");
        assertThat(layout.syncFiles()).extracting(p -> layout.show(p))
                .containsExactly("requirements/base.txt", "requirements/dev.txt");
    }

    @Test
    void stagedIntentsCountBeforeTheDisk() throws Exception {
        write("requirements/base.in", "fastapi\n");
        Path dev = write("requirements/dev.in", "pytest\n");
        Layout layout = Layout.of(tmp, Map.of(dev.toAbsolutePath().normalize(), "-r base.in\npytest\n"));
        assertThat(layout.pair("dev").orElseThrow().reads()).hasSize(2);
    }

    @Test
    void filesIncludingEachOtherAreRefused() throws Exception {
        write("requirements/a.in", "-r b.in\n");
        write("requirements/b.in", "-r a.in\n");
        assertThatThrownBy(() -> Layout.of(tmp, Map.of())).isInstanceOf(PinwheelException.class)
                .hasMessage("these files include each other: requirements/a.in, requirements/b.in");
    }

    @Test
    void withoutIntentsItSaysHowToStart() {
        assertThatThrownBy(() -> Layout.find(tmp)).isInstanceOf(PinwheelException.class)
                .hasMessageContaining("no requirements/*.in files in")
                .satisfies(e -> assertThat(((PinwheelException) e).hint()).contains(
                        "pinwheel init creates requirements/base.in and requirements/dev.in"));
    }
}
