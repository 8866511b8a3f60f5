package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceReaderTest {

    @Test
    void utf8ByDefaultAndInvalidBytesAreReportedWithTheirOffset() {
        byte[] bad = "x = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SourceReader.decode(bad, Optional.empty()))
                .hasMessage("not valid UTF-8 (at byte 8)");
    }

    @Test
    void codingDeclarationInTheFirstTwoLinesWins() throws Exception {
        byte[] b = "#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nx = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(SourceReader.decode(b, Optional.empty())).contains("caf\u00e9");
        byte[] third = "#\n#\n# coding: latin-1\nx = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SourceReader.decode(third, Optional.empty())).hasMessageContaining("UTF-8");
        byte[] afterCode = "import x\n# coding: latin-1\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(SourceReader.declared(afterCode)).isEmpty();
    }

    @Test
    void pythonCodecNames() {
        assertThat(SourceReader.pythonCodec("utf_8")).contains(StandardCharsets.UTF_8);
        assertThat(SourceReader.pythonCodec("utf-8-sig")).contains(StandardCharsets.UTF_8);
        assertThat(SourceReader.pythonCodec("Latin_1")).contains(StandardCharsets.ISO_8859_1);
        assertThat(SourceReader.pythonCodec("cp1252")).isPresent();
        assertThat(SourceReader.pythonCodec("gbk")).isPresent();
        assertThat(SourceReader.pythonCodec("no-such-codec")).isEmpty();
    }

    @Test
    void notebookCodeCellsWithMagicsBlanked() throws Exception {
        String nb = "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": [\"%load_ext autoreload\\n\", \"  !ls\\n\", \"import a\\n\"]},"
                + "{\"cell_type\": \"raw\", \"source\": \"import no\"}, {\"source\": \"import b\", \"cell_type\": \"code\"}]}";
        List<SourceReader.Cell> cells = SourceReader.notebookCells(nb.getBytes(StandardCharsets.UTF_8));
        assertThat(cells).containsExactly(new SourceReader.Cell(1, "\n\nimport a\n\n"), new SourceReader.Cell(3, "import b\n"));
    }

    @Test
    void nbformat3Worksheets() throws Exception {
        String nb = "{\"worksheets\": [{\"cells\": [{\"cell_type\": \"code\", \"input\": [\"import old\\n\"]}]}], \"nbformat\": 3}";
        assertThat(SourceReader.notebookCells(nb.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new SourceReader.Cell(1, "import old\n\n"));
    }

    @Test
    void foreignCellMagicsSkipTheCell() {
        assertThat(SourceReader.withoutMagics("%%bash\nimport x\n")).isNull();
        assertThat(SourceReader.withoutMagics("%%timeit\nimport x\n")).isEqualTo("\nimport x\n\n");
    }
}
