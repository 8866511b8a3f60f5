package dev.pinwheel.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;

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
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("fastpi", "fastapi")).isEqualTo(1);
        assertThat(Suggestions.distance("reqeusts", "requests")).isEqualTo(2);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
