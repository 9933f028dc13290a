package io.turnpike.proxy.pricing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ModelIdsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "claude-sonnet-4-5, claude-sonnet-4-5",
            "claude-sonnet-4-5-20250929, claude-sonnet-4-5",
            "claude-opus-4-1-20250805, claude-opus-4-1",
            "claude-3-7-sonnet-latest, claude-3-7-sonnet",
            "claude-3-5-haiku@20241022, claude-3-5-haiku",
            "claude-opus-4-1@20250805, claude-opus-4-1",
            "anthropic.claude-3-7-sonnet-20250219-v1:0, claude-3-7-sonnet",
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0, claude-sonnet-4-5",
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0, claude-haiku-4-5",
            "apac.anthropic.claude-sonnet-4-20250514-v1:0, claude-sonnet-4",
            "global.anthropic.claude-opus-4-5-20251101-v1:0, claude-opus-4-5",
            "' Claude-Opus-4-1 ', claude-opus-4-1",
            "jp.anthropic.claude-sonnet-4-5-20250929-v1:0, claude-sonnet-4-5",
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0, claude-sonnet-4-5",
            "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0, claude-haiku-4-5",
    })
    void normalisesProviderSpellingsToOneId(String raw, String normalised) {
        assertThat(ModelIds.normalise(raw)).isEqualTo(normalised);
    }
}
