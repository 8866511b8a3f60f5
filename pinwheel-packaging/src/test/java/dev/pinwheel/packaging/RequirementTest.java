package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequirementTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "requests|requests",
        "  Foo_Bar  |foo-bar",
        "Foo_Bar[Baz,qux]>=1.0,<2|foo-bar[baz,qux]<2,>=1.0",
        "foo [ b , a ] ( == 1.* )|foo[a,b]==1.*",
        "foo (>=1.0)|foo>=1.0",
        "foo()|foo",
        "foo[]|foo",
        "foo\t>=1|foo>=1",
        "foo >= 1.0 , < 2.0|foo<2.0,>=1.0",
        "foo==1.0+local|foo==1.0+local",
        "foo===bar|foo===bar",
        "foo>=1.0;python_version>='3.8'|foo>=1.0; python_version >= \"3.8\"",
        "foo(>=1.0, <2) ; python_version<'3'|foo<2,>=1.0; python_version < \"3\"",
        "foo ; extra=='x'|foo; extra == \"x\"",
        "foo @ https://x.org/a.whl|foo @ https://x.org/a.whl",
        "foo[bar]@https://a.b/c|foo[bar] @ https://a.b/c",
        "foo@ https://x/a.whl ; os_name=='nt'|foo @ https://x/a.whl ; os_name == \"nt\"",
        // without whitespace the ';' belongs to the URL, as in pip
        "foo @ https://x/a.whl;os_name=='nt'|foo @ https://x/a.whl;os_name=='nt'",
        "foo @ https://a;b ; os_name=='a'|foo @ https://a;b ; os_name == \"a\"",
    })
    void parsesAndNormalizesPep508(String text, String normalized) {
        Requirement r = Requirement.parse(text);
        assertThat(r).hasToString(normalized);
        assertThat(Requirement.parse(r.toString())).isEqualTo(r);
    }

    @Test
    void exposesTheParts() {
        Requirement r = Requirement.parse("Uvicorn[Standard] >=0.30,<1 ; python_version >= '3.9'");
        assertThat(r.name()).isEqualTo(ProjectName.parse("uvicorn"));
        assertThat(r.extras()).containsExactly(ExtraName.parse("standard"));
        assertThat(r.specifier()).isEqualTo(SpecifierSet.parse(">=0.30,<1"));
        assertThat(r.url()).isEmpty();
        assertThat(r.marker()).contains(Marker.parse("python_version >= '3.9'"));
        Requirement u = Requirement.parse("pkg @ file:///tmp/pkg-1.0.tar.gz");
        assertThat(u.url()).contains("file:///tmp/pkg-1.0.tar.gz");
        assertThat(u.specifier().isEmpty()).isTrue();
        assertThat(u.marker()).isEmpty();
    }

    @Test
    void appliesToEvaluatesTheMarkerWithExtras() {
        MarkerEnvironment env = MarkerEnvironment.forTarget("3.11", "linux");
        Requirement r = Requirement.parse("pytest ; extra == 'test' and python_version >= '3.8'");
        assertThat(r.appliesTo(env, Set.of())).isFalse();
        assertThat(r.appliesTo(env, Set.of(ExtraName.parse("Test")))).isTrue();
        assertThat(Requirement.parse("pytest").appliesTo(env, Set.of())).isTrue();
    }

    @Test
    void withersReplaceOnePart() {
        Requirement r = Requirement.parse("foo[a]>=1; os_name == 'nt'");
        assertThat(r.withMarker(null)).hasToString("foo[a]>=1");
        assertThat(r.withSpecifier(SpecifierSet.parse("==2"))).hasToString("foo[a]==2; os_name == \"nt\"");
        assertThat(r.withExtras(Set.of())).hasToString("foo>=1; os_name == \"nt\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "foo[a,]", "foo>=", "foo bar", "foo[a b]", "foo>1.0 ;", "foo-", "-foo", "foo.",
        "foo==1.0 and", "foo (>=1.0", "foo>=1.0)", "foo @", "foo @ url extra", "foo;", "foo>=1,,<2", "foo~=1",
        "foo @ file:///tmp/x y", "foo;os_name notin 'x'", "foo; ()", "foo[a", "foo (>=1,,<2)", "[a]foo", "foo>=1 bar"})
    void rejectsMalformedRequirements(String text) {
        assertThatThrownBy(() -> Requirement.parse(text)).isInstanceOf(ParseException.class);
    }

    @Test
    void errorRendersTheCaretUnderTheProblem() {
        assertThatThrownBy(() -> Requirement.parse("fastapi =="))
                .hasMessage("expected a version after '=='\n  fastapi ==\n            ^");
        assertThatThrownBy(() -> Requirement.parse("django>=4,<5 ; python_versoin < '3.12'"))
                .hasMessage("unknown marker variable 'python_versoin'\n"
                        + "  django>=4,<5 ; python_versoin < '3.12'\n"
                        + "                 ^^^^^^^^^^^^^^");
        assertThatThrownBy(() -> Requirement.parse("flask bar"))
                .hasMessage("expected '[', a version specifier, '@ URL', ';' or the end after the name\n"
                        + "  flask bar\n        ^^^");
    }

    @Test
    void errorFromAFileLineNamesFileLineAndColumn() {
        ParseException e = org.assertj.core.api.Assertions.catchThrowableOfType(ParseException.class,
                () -> Requirement.parse("fastapi =="));
        assertThat(e.withSource("requirements/base.in", 3).getMessage())
                .isEqualTo("requirements/base.in:3:11: expected a version after '=='\n  fastapi ==\n            ^");
    }

    @Test
    void clauseErrorsPointIntoTheWholeRequirement() {
        assertThatThrownBy(() -> Requirement.parse("foo (>=1.0, <2.0.x)"))
                .hasMessage("unexpected text after version '2.0'\n  foo (>=1.0, <2.0.x)\n                  ^^");
    }

    @Test
    void misspelledOperatorsAreNamed() {
        assertThatThrownBy(() -> Requirement.parse("flask=2.0"))
                .hasMessage("unknown operator '='; use '==' for an exact version or '!=' to exclude one\n"
                        + "  flask=2.0\n       ^");
        assertThatThrownBy(() -> Requirement.parse("flask=>2.0")).hasMessageStartingWith("unknown operator '=>'; use '>='");
        assertThatThrownBy(() -> Requirement.parse("flask>=1,=<2.0")).hasMessageStartingWith("unknown operator '=<'; use '<='");
    }
}
