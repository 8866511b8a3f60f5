package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.scan.Gitignore.Match;
import org.junit.jupiter.api.Test;

class GitignoreTest {

    private static Match m(String rules, String path, boolean dir) {
        return Gitignore.parse(rules).match(path, dir);
    }

    @Test
    void nameWithoutSlashMatchesAtAnyDepth() {
        assertThat(m("build\n", "build", true)).isEqualTo(Match.IGNORED);
        assertThat(m("build\n", "a/b/build", true)).isEqualTo(Match.IGNORED);
        assertThat(m("*.pyc\n", "a/x.pyc", false)).isEqualTo(Match.IGNORED);
        assertThat(m("*.pyc\n", "a/x.py", false)).isEqualTo(Match.NONE);
    }

    @Test
    void leadingOrMiddleSlashAnchors() {
        assertThat(m("/out\n", "out", true)).isEqualTo(Match.IGNORED);
        assertThat(m("/out\n", "a/out", true)).isEqualTo(Match.NONE);
        assertThat(m("doc/frotz\n", "doc/frotz", true)).isEqualTo(Match.IGNORED);
        assertThat(m("doc/frotz\n", "a/doc/frotz", true)).isEqualTo(Match.NONE);
    }

    @Test
    void trailingSlashMatchesOnlyDirectories() {
        assertThat(m("logs/\n", "logs", true)).isEqualTo(Match.IGNORED);
        assertThat(m("logs/\n", "logs", false)).isEqualTo(Match.NONE);
    }

    @Test
    void negationReincludesAndTheLastMatchWins() {
        String rules = "*.py\n!keep.py\n";
        assertThat(m(rules, "x.py", false)).isEqualTo(Match.IGNORED);
        assertThat(m(rules, "keep.py", false)).isEqualTo(Match.NOT_IGNORED);
        assertThat(m("!keep.py\n*.py\n", "keep.py", false)).isEqualTo(Match.IGNORED);
    }

    @Test
    void doubleStarForms() {
        assertThat(m("**/foo\n", "foo", true)).isEqualTo(Match.IGNORED);
        assertThat(m("**/foo\n", "a/b/foo", true)).isEqualTo(Match.IGNORED);
        assertThat(m("abc/**\n", "abc/x/y", false)).isEqualTo(Match.IGNORED);
        assertThat(m("abc/**\n", "abc", true)).isEqualTo(Match.NONE);
        assertThat(m("a/**/b\n", "a/b", true)).isEqualTo(Match.IGNORED);
        assertThat(m("a/**/b\n", "a/x/y/b", true)).isEqualTo(Match.IGNORED);
        assertThat(m("a/**/b\n", "c/a/x/b", true)).isEqualTo(Match.NONE);
    }

    @Test
    void starAndQuestionMarkDoNotCrossSlashes() {
        assertThat(m("a/*.py\n", "a/x.py", false)).isEqualTo(Match.IGNORED);
        assertThat(m("a/*.py\n", "a/b/x.py", false)).isEqualTo(Match.NONE);
        assertThat(m("a?c\n", "abc", false)).isEqualTo(Match.IGNORED);
        assertThat(m("a/?\n", "a//", false)).isEqualTo(Match.NONE);
    }

    @Test
    void characterClasses() {
        assertThat(m("file[0-9].py\n", "file3.py", false)).isEqualTo(Match.IGNORED);
        assertThat(m("file[!0-9].py\n", "file3.py", false)).isEqualTo(Match.NONE);
        assertThat(m("file[!0-9].py\n", "filex.py", false)).isEqualTo(Match.IGNORED);
    }

    @Test
    void commentsBlanksEscapesAndTrailingSpaces() {
        assertThat(Gitignore.parse("# comment\n\n   \n").isEmpty()).isTrue(); // trailing spaces trimmed: nothing left
        assertThat(m("\\#file\n", "#file", false)).isEqualTo(Match.IGNORED);
        assertThat(m("\\!important\n", "!important", false)).isEqualTo(Match.IGNORED);
        assertThat(m("name   \n", "name", false)).isEqualTo(Match.IGNORED);
        assertThat(m("name\\ \n", "name ", false)).isEqualTo(Match.IGNORED);
        assertThat(m("a.(b)+\n", "a.(b)+", false)).isEqualTo(Match.IGNORED);
    }
}
