package dev.pinwheel.cli.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pinwheel.packaging.PinwheelException;
import dev.pinwheel.packaging.ProjectName;
import org.junit.jupiter.api.Test;

class IntentFileTest {

    private static final String GUIDE = """
            # requirements/base.in
            fastapi
            uvicorn[standard]
            sqlalchemy>=2
            asyncpg                 # 异步驱动（应用）
            psycopg2-binary         # 同步驱动（Alembic）
            --index-url https://pypi.org/simple
            """;

    @Test
    void appendingKeepsEveryCommentAndOption() {
        String text = IntentFile.parse(GUIDE).with("httpx>=0.27").text();
        assertThat(text).isEqualTo(GUIDE + "httpx>=0.27\n");
    }

    @Test
    void aNameInAnotherSpellingReplacesItsLineInPlaceKeepingTheAlignedComment() {
        String text = IntentFile.parse(GUIDE).with("AsyncPG>=0.29").text();
        assertThat(text).contains("\nAsyncPG>=0.29           # 异步驱动（应用）\n").doesNotContain("\nasyncpg ");
        assertThat(IntentFile.parse(GUIDE).with("psycopg2_binary==2.9.9  ").text())
                .contains("\npsycopg2_binary==2.9.9  # 同步驱动（Alembic）\n");
    }

    @Test
    void aLongerRequirementPushesTheCommentTwoSpacesAway() {
        assertThat(IntentFile.parse("asyncpg  # driver\n").with("asyncpg>=0.29,<1").text())
                .isEqualTo("asyncpg>=0.29,<1  # driver\n");
    }

    @Test
    void removingDropsOnlyThatNamesLines() {
        String text = IntentFile.parse(GUIDE + "SQLAlchemy[asyncio]\n").without(ProjectName.parse("sqlalchemy")).text();
        assertThat(text).doesNotContain("sqlalchemy").doesNotContain("SQLAlchemy").contains("# requirements/base.in\n")
                .contains("--index-url");
    }

    @Test
    void optionsCommentsAndPathsDeclareNothing() {
        IntentFile file = IntentFile.parse("-r base.in\n# fastapi\n./local\n-e .\nhttpx ; python_version >= '3.8'\n");
        assertThat(file.names()).containsExactly(ProjectName.parse("httpx"));
        assertThat(file.declares(ProjectName.parse("fastapi"))).isFalse();
    }

    @Test
    void crlfFilesStayCrlf() {
        assertThat(IntentFile.parse("fastapi\r\n").with("httpx").text()).isEqualTo("fastapi\r\nhttpx\r\n");
    }

    @Test
    void aMalformedRequirementIsAParseErrorWithACaret() {
        assertThatThrownBy(() -> IntentFile.parseRequirement("fastapi>>1")).isInstanceOf(PinwheelException.class)
                .hasMessageContaining("requirement:1:");
    }
}
