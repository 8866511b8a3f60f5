package dev.pinwheel.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
