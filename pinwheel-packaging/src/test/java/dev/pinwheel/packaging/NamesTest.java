package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Foo_Bar.baz,foo-bar-baz", "requests,requests", "Django,django", "a,a", "A1,a1",
        "zope.interface,zope-interface", "foo---bar,foo-bar", "foo._-bar,foo-bar", "PyYAML,pyyaml",
        "ruamel.yaml.clib,ruamel-yaml-clib", "9x,9x"})
    void projectNamesNormalizeLikePep503(String input, String normalized) {
        assertThat(ProjectName.parse(input)).hasToString(normalized);
        assertThat(ProjectName.of(input)).isEqualTo(ProjectName.parse(normalized));
        assertThat(ProjectName.parse(input).hashCode()).isEqualTo(ProjectName.parse(normalized).hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-foo", "foo-", "foo.", "_foo", "foo bar", "foö", "foo!", " foo", "foo@1"})
    void rejectsInvalidNames(String input) {
        assertThatThrownBy(() -> ProjectName.parse(input)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> ExtraName.parse(input)).isInstanceOf(ParseException.class);
    }

    @Test
    void extraNamesNormalizeLikePep685() {
        assertThat(ExtraName.parse("Dev_Tools")).isEqualTo(ExtraName.parse("dev.tools")).hasToString("dev-tools");
    }

    @Test
    void namesOrderByNormalizedForm() {
        assertThat(ProjectName.parse("B")).isGreaterThan(ProjectName.parse("a"));
    }

    @Test
    void nameErrorPointsAtTheBadCharacter() {
        assertThatThrownBy(() -> ProjectName.parse("foo bar"))
                .hasMessage("invalid character in a project name\n  foo bar\n     ^");
    }
}
