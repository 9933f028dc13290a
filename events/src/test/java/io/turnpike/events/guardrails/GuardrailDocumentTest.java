package io.turnpike.events.guardrails;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardrailDocumentTest {
    private static final String PII = "{\"id\":\"no-pii\",\"name\":\"No PII\",\"checks\":[{\"type\":\"pii\","
            + "\"params\":{\"categories\":[\"email\",\"credit_card\"],\"redact\":true}}],\"action\":\"redact\","
            + "\"applies_to\":\"both\"}";

    @Test
    void parsesADocumentAndSpellsOutItsDefaults() {
        GuardrailDocument document = GuardrailDocument.parse(PII);

        assertThat(document.id()).isEqualTo("no-pii");
        assertThat(document.action()).isEqualTo(GuardrailDocument.Action.REDACT);
        assertThat(document.appliesTo()).isEqualTo(GuardrailDocument.AppliesTo.BOTH);
        assertThat(document.onError()).isEqualTo(GuardrailDocument.OnError.FAIL_CLOSED);
        assertThat(document.streamMode()).isEqualTo(GuardrailDocument.StreamMode.INCREMENTAL);
        assertThat(document.checks()).singleElement().satisfies(check -> {
            assertThat(check.type()).isEqualTo("pii");
            assertThat(check.not()).isFalse();
            assertThat(check.params().get("categories")).hasSize(2);
        });
        assertThat(document.toJson().get("on_error").asText()).isEqualTo("fail_closed");
    }

    @Test
    void theNormalisedFormReadsBackEqual() {
        GuardrailDocument document = GuardrailDocument.parse(PII);

        assertThat(GuardrailDocument.parse(document.toJson().toString())).isEqualTo(document);
    }

    @Test
    void minimalDocumentDeniesInputAndFailsClosed() {
        GuardrailDocument document = GuardrailDocument.parse(
                "{\"id\":\"short\",\"checks\":[{\"type\":\"wordCount\",\"params\":{\"max\":100}}]}");

        assertThat(document.name()).isEqualTo("short");
        assertThat(document.action()).isEqualTo(GuardrailDocument.Action.DENY);
        assertThat(document.appliesTo()).isEqualTo(GuardrailDocument.AppliesTo.INPUT);
        assertThat(document.onError()).isEqualTo(GuardrailDocument.OnError.FAIL_CLOSED);
        assertThat(document.streamMode()).isNull();
        assertThat(document.toJson().has("stream_mode")).isFalse();
    }

    @Test
    void warnGuardrailsFailOpenUnlessToldOtherwise() {
        String warn = "{\"id\":\"w\",\"action\":\"warn\",\"checks\":[{\"type\":\"promptInjection\"}]}";
        assertThat(GuardrailDocument.parse(warn).onError()).isEqualTo(GuardrailDocument.OnError.FAIL_OPEN);
        assertThat(GuardrailDocument.parse(warn.replace("}]}", "}],\"on_error\":\"fail_closed\"}")).onError())
                .isEqualTo(GuardrailDocument.OnError.FAIL_CLOSED);
    }

    @Test
    void paramsHandedOutAreACopy() {
        GuardrailCheck check = GuardrailDocument.parse(PII).checks().get(0);
        check.params().put("redact", false);

        assertThat(check.params().get("redact").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown type|{\"type\":\"foo\"}|checks[0].type|unknown check type \"foo\"",
            "regex without pattern|{\"type\":\"regexMatch\",\"params\":{}}|checks[0].params.pattern|required",
            "regex that does not compile|{\"type\":\"regexMatch\",\"params\":{\"pattern\":\"(\"}}|checks[0].params.pattern|not a valid regular expression",
            "empty word list|{\"type\":\"wordList\",\"params\":{\"words\":[]}}|checks[0].params.words|non-empty array",
            "blank word|{\"type\":\"wordList\",\"params\":{\"words\":[\"ok\",\"\"]}}|checks[0].params.words[1]|non-empty string",
            "unknown word-list mode|{\"type\":\"wordList\",\"params\":{\"words\":[\"x\"],\"mode\":\"some\"}}|checks[0].params.mode|any, all, none",
            "min above max|{\"type\":\"characterCount\",\"params\":{\"min\":10,\"max\":5}}|checks[0].params.min|≤ max",
            "count without bounds|{\"type\":\"sentenceCount\",\"params\":{}}|checks[0].params.min|set min, max or both",
            "negative count|{\"type\":\"wordCount\",\"params\":{\"max\":-1}}|checks[0].params.max|≥ 0",
            "unknown pii category|{\"type\":\"pii\",\"params\":{\"categories\":[\"email\",\"dna\"]}}|checks[0].params.categories[1]|unknown value \"dna\"",
            "pii with no categories|{\"type\":\"pii\",\"params\":{\"categories\":[]}}|checks[0].params.categories|non-empty array",
            "unknown parameter|{\"type\":\"wordCount\",\"params\":{\"maxWord\":3}}|checks[0].params.maxWord|unknown parameter",
            "two spellings of one parameter|{\"type\":\"regexMatch\",\"params\":{\"pattern\":\"a\",\"rule\":\"b\"}}|checks[0].params.rule|the same parameter as \"pattern\"",
            "alias reported as written|{\"type\":\"wordList\",\"params\":{\"words\":[\"a\"],\"case_insensitive\":1}}|checks[0].params.case_insensitive|true or false",
            "unknown regex flag|{\"type\":\"regexMatch\",\"params\":{\"pattern\":\"a\",\"flags\":\"q\"}}|checks[0].params.flags|unknown flag 'q'",
            "unknown request type|{\"type\":\"allowedRequestTypes\",\"params\":{\"types\":[\"text\"]}}|checks[0].params.types[0]|unknown value \"text\"",
            "unknown injection rule|{\"type\":\"promptInjection\",\"params\":{\"rules\":[\"magic\"]}}|checks[0].params.rules[0]|unknown value",
            "not in params no boolean|{\"type\":\"promptInjection\",\"params\":{\"not\":1}}|checks[0].params.not|true or false",
            "webhook header with a line break|{\"type\":\"webhook\",\"params\":{\"url\":\"https://x.test/v\",\"headers\":{\"x-key\":\"a\\nb\"}}}|checks[0].params.headers.x-key|without line breaks",
            "webhook reserved header|{\"type\":\"webhook\",\"params\":{\"url\":\"https://x.test/v\",\"headers\":{\"Host\":\"a\"}}}|checks[0].params.headers.Host|set by the gateway",
            "webhook header name|{\"type\":\"webhook\",\"params\":{\"url\":\"https://x.test/v\",\"headers\":{\"x key\":\"a\"}}}|checks[0].params.headers.x key|not a valid header name",
            "schema not an object|{\"type\":\"jsonSchema\",\"params\":{\"schema\":true}}|checks[0].params.schema|JSON Schema object",
            "schema dialect unknown|{\"type\":\"jsonSchema\",\"params\":{\"schema\":{\"$schema\":\"https://x.test/s\"}}}|checks[0].params.schema.$schema|must be one of",
            "schema remote ref|{\"type\":\"jsonSchema\",\"params\":{\"schema\":{\"properties\":{\"a\":{\"$ref\":\"https://x.test/a.json\"}}}}}|checks[0].params.schema.properties.a.$ref|never fetched",
            "rules empty|{\"type\":\"metadataModelRules\",\"params\":{\"rules\":[]}}|checks[0].params.rules|non-empty array",
            "rule without models|{\"type\":\"metadataModelRules\",\"params\":{\"rules\":[{\"when\":{\"team\":\"a\"}}]}}|checks[0].params.rules[0].models|required",
            "rule when value a number|{\"type\":\"metadataModelRules\",\"params\":{\"rules\":[{\"when\":{\"team\":1},\"models\":[\"m\"]}]}}|checks[0].params.rules[0].when.team|string",
            "rule unknown member|{\"type\":\"metadataModelRules\",\"params\":{\"rules\":[{\"when\":{},\"models\":[\"m\"],\"then\":1}]}}|checks[0].params.rules[0].then|unknown member",
            "webhook with ftp url|{\"type\":\"webhook\",\"params\":{\"url\":\"ftp://x\",\"timeout_ms\":100}}|checks[0].params.url|http(s) URL",
            "webhook timeout too long|{\"type\":\"webhook\",\"params\":{\"url\":\"https://x.test/v\",\"timeout_ms\":10001}}|checks[0].params.timeout_ms|1 to 10000",
            "webhook without url|{\"type\":\"webhook\",\"params\":{\"timeout_ms\":100}}|checks[0].params.url|required",
            "not that is no boolean|{\"type\":\"promptInjection\",\"not\":\"yes\"}|checks[0].not|true or false",
            "unknown check member|{\"type\":\"promptInjection\",\"when\":1}|checks[0].when|unknown member",
            "params not an object|{\"type\":\"promptInjection\",\"params\":[]}|checks[0].params|must be an object"})
    void refusesABadCheckNamingTheField(String what, String check, String field, String reason) {
        String document = "{\"id\":\"g\",\"checks\":[" + check + "]}";

        assertThatThrownBy(() -> GuardrailDocument.parse(document))
                .isInstanceOfSatisfying(GuardrailDocumentException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no checks|{\"id\":\"g\",\"checks\":[]}|checks",
            "no id|{\"checks\":[{\"type\":\"promptInjection\"}]}|id",
            "id with capitals|{\"id\":\"NoPii\",\"checks\":[{\"type\":\"promptInjection\"}]}|id",
            "unknown action|{\"id\":\"g\",\"action\":\"block\",\"checks\":[{\"type\":\"promptInjection\"}]}|action",
            "unknown member|{\"id\":\"g\",\"severity\":1,\"checks\":[{\"type\":\"promptInjection\"}]}|severity",
            "stream mode on input|{\"id\":\"g\",\"stream_mode\":\"hold\",\"checks\":[{\"type\":\"promptInjection\"}]}|stream_mode",
            "redact with a count|{\"id\":\"g\",\"action\":\"redact\",\"checks\":[{\"type\":\"wordCount\",\"params\":{\"max\":3}}]}|checks[0].type",
            "redact inverted|{\"id\":\"g\",\"action\":\"redact\",\"checks\":[{\"type\":\"regexMatch\",\"params\":{\"pattern\":\"x\"},\"not\":true}]}|checks[0].not",
            "duplicate key|{\"id\":\"g\",\"id\":\"h\",\"checks\":[{\"type\":\"promptInjection\"}]}|guardrail",
            "not json|{\"id\":|guardrail"})
    void refusesABadDocumentNamingTheField(String what, String document, String field) {
        assertThatThrownBy(() -> GuardrailDocument.parse(document))
                .isInstanceOfSatisfying(GuardrailDocumentException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void everyKnownTypeHasRulesAndAcceptsValidParams() {
        String[] checks = {
                "{\"type\":\"regexMatch\",\"params\":{\"pattern\":\"\\\\d{4}\"}}",
                "{\"type\":\"wordList\",\"params\":{\"words\":[\"secret\"],\"mode\":\"none\",\"case_insensitive\":true}}",
                "{\"type\":\"characterCount\",\"params\":{\"min\":1,\"max\":1}}",
                "{\"type\":\"wordCount\",\"params\":{\"min\":0}}",
                "{\"type\":\"sentenceCount\",\"params\":{\"max\":3}}",
                "{\"type\":\"modelAllowList\",\"params\":{\"models\":[\"claude-haiku-4-5\"]}}",
                "{\"type\":\"metadataModelRules\",\"params\":{\"rules\":[{\"when\":{\"team\":[\"a\",\"b\"]},"
                        + "\"models\":[\"claude-opus-4-*\"]},{\"when\":{},\"models\":[\"claude-haiku-4-5\"]}]}}",
                "{\"type\":\"requiredMetadataKeys\",\"params\":{\"keys\":[\"team\"]}}",
                "{\"type\":\"allowedRequestTypes\",\"params\":{\"types\":[\"images\"]}}",
                "{\"type\":\"jsonKeys\",\"params\":{\"keys\":[\"answer\"],\"mode\":\"all\"}}",
                "{\"type\":\"jsonSchema\",\"params\":{\"schema\":{\"type\":\"object\",\"required\":[\"a\"]}}}",
                "{\"type\":\"pii\",\"params\":{\"categories\":[\"private_key\"]}}",
                "{\"type\":\"promptInjection\",\"not\":true}",
                "{\"type\":\"webhook\",\"params\":{\"url\":\"http://127.0.0.1:9/verdict\",\"timeout_ms\":10000}}"};
        assertThat(checks).hasSameSizeAs(GuardrailCheck.TYPES);
        for (int i = 0; i < checks.length; i++) {
            String document = "{\"id\":\"g\",\"checks\":[" + checks[i] + "]}";
            assertThat(GuardrailDocument.parse(document).checks().get(0).type()).isEqualTo(GuardrailCheck.TYPES.get(i));
        }
    }

    @Test
    void aliasesAreStoredUnderTheirCanonicalNames() {
        GuardrailCheck check = GuardrailDocument.parse("{\"id\":\"g\",\"checks\":[{\"type\":\"default.contains\","
                + "\"params\":{\"words\":[\"x\"],\"operator\":\"none\",\"case_insensitive\":false,\"not\":true}}]}")
                .checks().get(0);

        assertThat(check.type()).isEqualTo(GuardrailCheck.WORD_LIST);
        assertThat(check.not()).isTrue();
        assertThat(check.params().toString())
                .isEqualTo("{\"words\":[\"x\"],\"mode\":\"none\",\"caseInsensitive\":false}");
    }

    @Test
    void olderPiiCategoryNamesAreStoredAsTheWireNames() {
        GuardrailCheck check = GuardrailDocument.parse("{\"id\":\"g\",\"checks\":[{\"type\":\"pii\","
                + "\"params\":{\"categories\":[\"aws_access_key\",\"aws_secret_key\",\"email\"]}}]}").checks().get(0);

        assertThat(check.params().get("categories").toString())
                .isEqualTo("[\"aws_access_key_id\",\"aws_secret_access_key\",\"email\"]");
    }

    @Test
    void webhookTakesPortkeysNamesAndDefaultsItsTimeout() {
        GuardrailCheck check = GuardrailDocument.parse("{\"id\":\"g\",\"checks\":[{\"type\":\"webhook\",\"params\":"
                + "{\"webhookURL\":\"https://x.test/v\",\"timeout\":500,\"headers\":{\"Authorization\":\"Bearer t\"}}}]}")
                .checks().get(0);

        assertThat(check.params().fieldNames()).toIterable().containsExactly("url", "timeoutMs", "headers");
    }

    @Test
    void everyTypeHasAParameterTable() {
        assertThat(GuardrailCheck.TYPES).allSatisfy(type -> assertThat(CheckParameters.of(type)).isNotNull());
        assertThat(CheckParameters.canonicalType("default.modelWhitelist")).isEqualTo(GuardrailCheck.MODEL_ALLOW_LIST);
        assertThat(CheckParameters.canonicalType("default.validUrls")).isNull();
    }
}
