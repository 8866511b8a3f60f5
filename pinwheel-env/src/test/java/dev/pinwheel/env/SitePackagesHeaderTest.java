package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitePackagesHeaderTest {

    @Test
    void readsTheFirstValueOfAFieldInTheHeaderBlockOnly() {
        String text = "Metadata-Version: 2.1\nname: Foo\nVersion: 1.0\nSummary: a: b\nName: Second\n\nName: in the body\n";
        assertThat(SitePackages.header(text, "Name")).isEqualTo("Foo");
        assertThat(SitePackages.header(text, "summary")).isEqualTo("a: b");
        assertThat(SitePackages.header("Metadata-Version: 2.1\n\nVersion: 9\n", "Version")).isNull();
    }

    @Test
    void crlfLinesAndContinuationLinesWithoutAColon() {
        String text = "Metadata-Version: 2.1\r\nLicense: MIT\r\n        and more\r\nVersion: 2.0 \r\n\r\nName: body\r\n";
        assertThat(SitePackages.header(text, "Version")).isEqualTo("2.0");
        assertThat(SitePackages.header(text, "Name")).isNull();
        assertThat(SitePackages.header("Name: last-line-without-newline", "Name")).isEqualTo("last-line-without-newline");
    }

    @Test
    void onlyTheHeaderBlockIsReadWhereverTheBlankLineFallsAgainstTheChunks(@TempDir Path tmp) throws Exception {
        String body = "Description line\n".repeat(5000);
        for (int pad : new int[] {0, 8170, 8172, 8173, 8174, 8190, 8191, 8192, 20000}) {
            for (String eol : new String[] {"\n", "\r\n"}) {
                String header = "Metadata-Version: 2.1" + eol + "Name: foo" + eol + "Summary: " + "x".repeat(pad) + eol;
                Path file = tmp.resolve("METADATA-" + pad + eol.length());
                Files.writeString(file, header + eol + body, StandardCharsets.UTF_8);
                byte[] read = SitePackages.headerBytes(file);
                String text = new String(read, 0, SitePackages.headerBlockEnd(read), StandardCharsets.UTF_8);
                assertThat(text).as("pad %d", pad).isEqualTo(header + eol);
                assertThat(read.length).as("pad %d", pad).isLessThan(header.length() + 8192 * 2 + 16);
            }
        }
        Path noBody = tmp.resolve("no-body");
        Files.writeString(noBody, "Name: foo\nVersion: 1");
        assertThat(new String(SitePackages.headerBytes(noBody), StandardCharsets.UTF_8)).isEqualTo("Name: foo\nVersion: 1");
    }
}
