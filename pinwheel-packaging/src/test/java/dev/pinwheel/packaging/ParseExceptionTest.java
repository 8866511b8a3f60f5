package dev.pinwheel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParseExceptionTest {

    @Test
    void rendersReasonLineAndCaret() {
        ParseException e = new ParseException("fastapi ==", 10, 1, "expected a version after '=='");
        assertThat(e.getMessage()).isEqualTo("expected a version after '=='\n  fastapi ==\n            ^");
        assertThat(e.category()).isEqualTo(PinwheelException.Category.BAD_INPUT);
    }

    @Test
    void withSourcePrefixesFileLineAndColumn() {
        ParseException e = new ParseException("fastapi ==", 10, 1, "expected a version after '=='")
                .withSource("requirements/base.in", 3);
        assertThat(e.getMessage()).isEqualTo(
                "requirements/base.in:3:11: expected a version after '=='\n  fastapi ==\n            ^");
        assertThat(e.file()).contains("requirements/base.in");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(11);
        assertThat(e.input()).isEqualTo("fastapi ==");
        assertThat(e.offset()).isEqualTo(10);
        assertThat(e.length()).isEqualTo(0);
        assertThat(e.reason()).isEqualTo("expected a version after '=='");
    }

    @Test
    void caretSpansTheProblemAndKeepsTabs() {
        ParseException e = new ParseException("a\tbcd efg", 2, 3, "bad");
        assertThat(e.getMessage()).isEqualTo("bad\n  a\tbcd efg\n   \t^^^");
    }

    @Test
    void multiLineInputShowsOnlyTheProblemLine() {
        ParseException e = new ParseException("one\ntwo three\nfour", 8, 5, "bad").withSource("f", 10);
        assertThat(e.getMessage()).isEqualTo("f:11:5: bad\n  two three\n      ^^^^^");
    }

    @Test
    void offsetsOutsideTheInputAreClamped() {
        ParseException e = new ParseException("abc", 99, 5, "bad");
        assertThat(e.offset()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("bad\n  abc\n     ^");
    }
}
