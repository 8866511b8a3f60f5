package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TagTest {

    @Test
    void parsesOneTagIntoItsThreeParts() {
        Tag tag = Tag.parse("cp311-cp311-manylinux_2_17_x86_64");
        assertThat(tag).isEqualTo(new Tag("cp311", "cp311", "manylinux_2_17_x86_64"));
        assertThat(tag.toString()).isEqualTo("cp311-cp311-manylinux_2_17_x86_64");
    }

    @Test
    void tagsAreCaseInsensitive() {
        assertThat(Tag.parse("PY3-None-ANY")).isEqualTo(Tag.of("py3", "none", "any"));
    }

    @Test
    void compressedTagSetExpandsToEveryCombinationInOrder() {
        assertThat(Tag.parseSet("py2.py3-none-any")).containsExactly(Tag.of("py2", "none", "any"), Tag.of("py3", "none", "any"));
        assertThat(Tag.parseSet("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64")).containsExactly(
                Tag.of("cp311", "cp311", "manylinux_2_17_x86_64"), Tag.of("cp311", "cp311", "manylinux2014_x86_64"));
        assertThat(Tag.parseSet("a.b-c.d-e.f")).hasSize(8);
    }

    @Test
    void compressedTagSetCollapsesDuplicates() {
        assertThat(Tag.parseSet("py3.py3-none-any")).isEqualTo(Set.of(Tag.of("py3", "none", "any")));
    }

    @Test
    void singleTagParseRejectsCompressedSet() {
        assertThatThrownBy(() -> Tag.parse("py2.py3-none-any")).isInstanceOf(ParseException.class)
                .hasMessageContaining("compressed tag set");
    }

    @Test
    void tagNeedsExactlyThreeParts() {
        assertThatThrownBy(() -> Tag.parse("py3-none")).isInstanceOf(ParseException.class)
                .hasMessageContaining("exactly three parts");
        assertThatThrownBy(() -> Tag.parse("py3-none-any-x")).isInstanceOf(ParseException.class)
                .hasMessage("a tag has exactly three parts (interpreter-abi-platform)\n  py3-none-any-x\n              ^^");
    }

    @Test
    void emptyComponentIsAnErrorWithCaret() {
        assertThatThrownBy(() -> Tag.parseSet("py2.-none-any")).isInstanceOf(ParseException.class)
                .hasMessage("empty interpreter in tag\n  py2.-none-any\n      ^");
    }

    @Test
    void interpreterMustBeAnIdentifier() {
        assertThatThrownBy(() -> Tag.parse("3py-none-any")).isInstanceOf(ParseException.class)
                .hasMessageContaining("invalid character '3' in interpreter");
    }

    @Test
    void hugeCompressedSetIsRejected() {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            parts.append(i == 0 ? "" : ".").append("p").append(i);
        }
        String component = parts.toString();
        assertThatThrownBy(() -> Tag.parseSet(component + "-" + component + "-" + component))
                .isInstanceOf(ParseException.class).hasMessageContaining("8000 tags");
    }

    @Test
    void constructorRejectsInvalidParts() {
        assertThatThrownBy(() -> Tag.of("py3", "", "any")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tag.of("py3", "none", "any-thing")).isInstanceOf(IllegalArgumentException.class);
    }
}
