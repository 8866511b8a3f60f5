package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoreMetadataTest {

    private static final String FASTAPI = """
            Metadata-Version: 2.1
            Name: fastapi
            Version: 0.110.0
            Summary: FastAPI framework, high performance
            Requires-Python: >=3.8
            Requires-Dist: starlette<0.37.0,>=0.36.3
            Requires-Dist: pydantic!=1.8,!=1.8.1,!=2.0.0,!=2.0.1,!=2.1.0,<3.0.0,>=1.7.4
            Requires-Dist: typing-extensions>=4.8.0
            Requires-Dist: email-validator>=2.0.0; extra == 'all'
            Provides-Extra: all
            Description-Content-Type: text/markdown

            # FastAPI
            <p>Body text: Name: not a header</p>
            """;

    @Test
    void readsTheFieldsResolversNeed() {
        CoreMetadata m = CoreMetadata.parse(FASTAPI);
        assertThat(m.metadataVersion()).isEqualTo("2.1");
        assertThat(m.name()).isEqualTo(ProjectName.parse("fastapi"));
        assertThat(m.version()).isEqualTo(Version.parse("0.110.0"));
        assertThat(m.requiresPython()).isEqualTo(SpecifierSet.parse(">=3.8"));
        assertThat(m.requiresDist()).hasSize(4);
        assertThat(m.requiresDist().get(3).toString()).startsWith("email-validator>=2.0.0");
        assertThat(m.providesExtra()).containsExactly(ExtraName.parse("all"));
        assertThat(m.problems()).isEmpty();
    }

    @Test
    void bodyAfterTheBlankLineIsTheDescriptionNotHeaders() {
        CoreMetadata m = CoreMetadata.parse(FASTAPI);
        assertThat(m.body()).startsWith("# FastAPI\n").contains("Name: not a header");
        assertThat(m.get("name")).containsExactly("fastapi");
    }

    @Test
    void fieldNamesAreCaseInsensitive() {
        CoreMetadata m = CoreMetadata.parse("metadata-version: 2.1\nNAME: Foo_Bar\nversion: 1.0\nrequires-DIST: six\n");
        assertThat(m.name().toString()).isEqualTo("foo-bar");
        assertThat(m.requiresDist()).extracting(Requirement::toString).containsExactly("six");
        assertThat(m.first("Requires-Dist")).contains("six");
    }

    @Test
    void foldedContinuationLinesJoinTheirField() {
        CoreMetadata m = CoreMetadata.parse("Metadata-Version: 1.2\nName: foo\nVersion: 1.0\n"
                + "Requires-Dist: bar>=1.0;\n\tpython_version < \"3.8\"\nLicense: MIT\n  and more\n");
        assertThat(m.requiresDist()).extracting(Requirement::toString).containsExactly("bar>=1.0; python_version < \"3.8\"");
        assertThat(m.first("license")).contains("MIT\n  and more");
    }

    @Test
    void crlfLineEndingsAndByteOrderMarkAreAccepted() {
        CoreMetadata m = CoreMetadata.parse("\uFEFFMetadata-Version: 2.1\r\nName: foo\r\nVersion: 1.0\r\n\r\nbody\r\n");
        assertThat(m.name().toString()).isEqualTo("foo");
        assertThat(m.body()).isEqualTo("body\r\n");
    }

    @Test
    void repeatedFieldsAccumulateAndSingleFieldsKeepTheFirst() {
        CoreMetadata m = CoreMetadata.parse("Metadata-Version: 2.1\nName: foo\nName: bar\nVersion: 1.0\n"
                + "Provides-Extra: a\nProvides-Extra: B_C\n");
        assertThat(m.name().toString()).isEqualTo("foo");
        assertThat(m.providesExtra()).extracting(ExtraName::toString).containsExactly("a", "b-c");
        assertThat(m.problems()).extracting(CoreMetadata.Problem::reason).containsExactly("repeated field; the first value is used");
    }

    @Test
    void unparsableRequiresDistIsReportedAndSkipped() {
        CoreMetadata m = CoreMetadata.parse("Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n"
                + "Requires-Dist: good\nRequires-Dist: bad ==\nRequires-Dist: also-good>1\n");
        assertThat(m.requiresDist()).extracting(Requirement::toString).containsExactly("good", "also-good>1");
        assertThat(m.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("Requires-Dist");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.value()).isEqualTo("bad ==");
        });
    }

    @Test
    void requiresPythonWithStrayCommasIsRepaired() {
        CoreMetadata m = CoreMetadata.parse("Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nRequires-Python: >=3.6, \n");
        assertThat(m.requiresPython()).isEqualTo(SpecifierSet.parse(">=3.6"));
        CoreMetadata star = CoreMetadata.parse("Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nRequires-Python: =>2.7.*,,!=3.0.*\n");
        assertThat(star.requiresPython()).isEqualTo(SpecifierSet.parse(">=2.7,!=3.0.*"));
        assertThat(star.problems()).singleElement().extracting(CoreMetadata.Problem::reason).asString()
                .isEqualTo("repaired to '!=3.0.*,>=2.7'");
    }

    @Test
    void hopelessRequiresPythonMeansNoConstraint() {
        CoreMetadata m = CoreMetadata.parse("Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nRequires-Python: python3 only\n");
        assertThat(m.requiresPython().isEmpty()).isTrue();
        assertThat(m.problems()).singleElement().extracting(CoreMetadata.Problem::reason).asString().startsWith("not a version specifier");
    }

    @Test
    void dynamicFieldsAreLowerCasedAndNameCannotBeDynamic() {
        CoreMetadata m = CoreMetadata.parse("Metadata-Version: 2.2\nName: foo\nVersion: 1.0\nDynamic: Requires-Dist\nDynamic: Name\n");
        assertThat(m.dynamic()).containsExactly("requires-dist", "name");
        assertThat(m.isDynamic("REQUIRES-DIST")).isTrue();
        assertThat(m.problems()).extracting(CoreMetadata.Problem::reason).containsExactly("this field cannot be dynamic (PEP 643)");
    }

    @Test
    void everyMetadataVersionFromOneToTwoFourIsRead() {
        for (String v : List.of("1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4")) {
            assertThat(CoreMetadata.parse("Metadata-Version: " + v + "\nName: x\nVersion: 1\n").problems()).isEmpty();
        }
        assertThat(CoreMetadata.parse("Metadata-Version: 2.5\nName: x\nVersion: 1\n").problems())
                .extracting(CoreMetadata.Problem::reason).containsExactly("unknown Metadata-Version; read as 2.x");
    }

    @Test
    void majorMetadataVersionThreeIsRefused() {
        for (String v : List.of("3.0", "10.1", "003.0", "99999999999999999999.0")) {
            assertThatThrownBy(() -> CoreMetadata.parse("Metadata-Version: " + v + "\nName: x\nVersion: 1\n")).as(v)
                    .isInstanceOf(ParseException.class).hasMessageContaining("newer than the 2.x");
        }
        assertThat(CoreMetadata.parse("Metadata-Version: 002.1\nName: x\nVersion: 1\n").problems())
                .extracting(CoreMetadata.Problem::reason).containsExactly("unknown Metadata-Version; read as 2.x");
    }

    @Test
    void metadataVersionMustBeMajorDotMinor() {
        for (String v : List.of("2", "2.", ".1", "2.1.0", "2.x", "v2.1", "２.1")) {
            assertThatThrownBy(() -> CoreMetadata.parse("Metadata-Version: " + v + "\nName: x\nVersion: 1\n")).as(v)
                    .isInstanceOf(ParseException.class).hasMessageContaining("must be MAJOR.MINOR");
        }
    }

    @Test
    void missingNameIsFatal() {
        assertThatThrownBy(() -> CoreMetadata.parse("Metadata-Version: 2.1\nVersion: 1\n"))
                .isInstanceOf(ParseException.class).hasMessageStartingWith("missing required field 'Name'");
    }

    @Test
    void invalidVersionIsFatalAndPointsIntoTheText() {
        assertThatThrownBy(() -> CoreMetadata.parse("Metadata-Version: 2.1\nName: x\nVersion: 1.0-foo\n"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    ParseException located = e.withSource("x-1.0.dist-info/METADATA", 1);
                    assertThat(located.line()).isEqualTo(3);
                    assertThat(located.getMessage()).startsWith("x-1.0.dist-info/METADATA:3:").contains("invalid Version");
                });
    }

    @Test
    void nonHeaderLineStartsTheBody() {
        CoreMetadata m = CoreMetadata.parse("Metadata-Version: 2.1\nName: x\nVersion: 1\nthis is prose\nRequires-Dist: y\n");
        assertThat(m.requiresDist()).isEmpty();
        assertThat(m.body()).isEqualTo("this is prose\nRequires-Dist: y\n");
        assertThat(m.problems()).extracting(CoreMetadata.Problem::line).containsExactly(4);
    }
}
