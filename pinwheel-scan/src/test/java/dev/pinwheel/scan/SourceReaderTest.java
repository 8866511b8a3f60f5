package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /** Bytes near the edges of UTF-8: ASCII, continuation bytes, every kind of lead, surrogates, overlongs. */
    @Provide
    Arbitrary<byte[]> nearlyUtf8() {
        Arbitrary<Integer> interesting = Arbitraries.of(0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED,
                0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 255);
        return Arbitraries.oneOf(interesting, any, Arbitraries.just(0x41)).list().ofMaxSize(12).map(list -> {
            byte[] b = new byte[list.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) list.get(i);
            }
            return b;
        });
    }

    @Property(tries = 2000)
    void utf8CheckAgreesWithTheJdkDecoder(@ForAll("nearlyUtf8") byte[] bytes) {
        boolean jdk;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            jdk = true;
        } catch (CharacterCodingException e) {
            jdk = false;
        }
        assertThat(SourceReader.validUtf8(bytes, bytes.length, false)).isEqualTo(jdk);
    }

    @Test
    void validUtf8IsReadInPlaceAndOtherEncodingsAreTranscoded() throws Exception {
        byte[] utf8 = "x = 'caf\u00e9'\n".getBytes(StandardCharsets.UTF_8);
        assertThat(SourceReader.toUtf8(utf8, utf8.length, Optional.empty())).isSameAs(utf8);
        byte[] latin1 = "# coding: latin-1\nx = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(SourceReader.toUtf8(latin1, latin1.length, Optional.empty()), StandardCharsets.UTF_8))
                .isEqualTo("# coding: latin-1\nx = 'caf\u00e9'\n");
        byte[] ascii = "# coding: ascii\nx = 'caf\u00e9'\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SourceReader.toUtf8(ascii, ascii.length, Optional.empty())).hasMessageContaining("US-ASCII");
    }
}
