package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void variantsCoverTheUsualSpellings() {
        assertThat(Suggestions.variants("dotenv")).contains("python-dotenv", "pydotenv");
        assertThat(Suggestions.variants("python-jose")).contains("jose");
        assertThat(Suggestions.variants("jwt")).contains("pyjwt");
        assertThat(Suggestions.variants("psycopg2binary")).contains("psycopg2-binary");
        assertThat(Suggestions.variants("slack-sdk")).contains("slacksdk");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(Suggestions.distance("fastpi", "fastapi")).isEqualTo(1);
        assertThat(Suggestions.distance("reqeusts", "requests")).isEqualTo(1);
        assertThat(Suggestions.distance("flsak", "flask")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }

    @Test
    void theNearestNameWinsAndTiesGoToTheFirstCandidate() {
        List<String> names = List.of("requests", "requests-oauthlib", "Django", "djangorestframework", "psycopg2-binary",
                "psycopg2", "flask", "flake8");
        assertThat(Suggestions.nearest("reqeusts", names)).contains("requests");
        assertThat(Suggestions.nearest("djnago", names)).contains("django");
        assertThat(Suggestions.nearest("djangorestframwork", names)).contains("djangorestframework");
        assertThat(Suggestions.nearest("psycopg2binary", names)).contains("psycopg2-binary");
        assertThat(Suggestions.nearest("Psycopg2_Binary", List.of("psycopg2", "psycopg2-binary"))).isEmpty(); // the same name
        assertThat(Suggestions.nearest("flaske", names)).contains("flask");
        assertThat(Suggestions.nearest("abc", List.of("abd", "abe"))).contains("abd");
    }

    @Test
    void namesTooFarAwayAreNotSuggested() {
        assertThat(Suggestions.nearest("numpy", List.of("scipy", "pandas", "sympy"))).isEmpty();
        assertThat(Suggestions.nearest("zz", List.of("requests"))).isEmpty();
        assertThat(Suggestions.nearest("requests", List.of("not a name!", ""))).isEmpty();
    }
}
