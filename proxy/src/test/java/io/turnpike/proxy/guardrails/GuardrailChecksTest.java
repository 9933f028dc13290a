package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardrailChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Nested quantifier plus a backreference: the JDK's loop memoisation cannot save it (seconds on 28 chars). */
    private static final String PATHOLOGICAL = "^(\\w+)+\\1$";

    private static GuardrailCheck check(String type, String params) throws Exception {
        return GuardrailChecks.fromJson(type, JSON.readTree(params));
    }

    private static Verdict verdict(GuardrailCheck check, String text) {
        return check.evaluate(GuardrailInput.ofText("messages[0].content[0]", text)).verdict();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void regexMatchPassesOnAMatchAndReportsOffsetsNotText() throws Exception {
        GuardrailCheck check = check("regexMatch", "{\"pattern\":\"secret-\\\\d+\",\"flags\":\"i\"}");
        CheckResult result = check.evaluate(GuardrailInput.ofText("system", "the SECRET-42 code"));
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.matches()).containsExactly(new SpanMatch("system", 4, 13, "regex_match"));
        assertThat(result.message()).doesNotContain("SECRET");
        assertThat(verdict(check, "nothing here")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void notInvertsPassAndFailButNotError() throws Exception {
        GuardrailCheck denyOnMatch = check("default.regexMatch", "{\"rule\":\"forbidden\",\"not\":true}");
        assertThat(verdict(denyOnMatch, "a forbidden word")).isEqualTo(Verdict.FAIL);
        assertThat(verdict(denyOnMatch, "all fine")).isEqualTo(Verdict.PASS);
        GuardrailCheck slow = RegexMatchCheck.compile(PATHOLOGICAL, "", java.time.Duration.ofMillis(5));
        assertThat(verdict(slow.negated(), "a".repeat(28) + "!")).isEqualTo(Verdict.ERROR);
        assertThat(slow.negated().negated()).isSameAs(slow);
    }

    @Test
    void catastrophicBacktrackingEndsAsAnErrorWithinTheTimeout() {
        GuardrailCheck check = RegexMatchCheck.compile(PATHOLOGICAL, "", java.time.Duration.ofMillis(20));
        long start = System.nanoTime();
        CheckResult result = check.evaluate(GuardrailInput.ofText("system", "a".repeat(28) + "!"));
        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    }

    @Test
    void wordListModesWholeWordsAndCase() throws Exception {
        assertThat(verdict(check("wordList", "{\"words\":[\"ass\"],\"mode\":\"none\"}"), "a class act"))
                .isEqualTo(Verdict.PASS);
        assertThat(verdict(check("wordList", "{\"words\":[\"ass\"],\"mode\":\"none\",\"wholeWord\":false}"),
                "a class act")).isEqualTo(Verdict.FAIL);
        assertThat(verdict(check("contains", "{\"words\":[\"Alpha\",\"beta gamma\"],\"operator\":\"all\"}"),
                "ALPHA then Beta Gamma")).isEqualTo(Verdict.PASS);
        assertThat(verdict(check("wordList", "{\"words\":[\"Alpha\"],\"caseInsensitive\":false}"), "ALPHA"))
                .isEqualTo(Verdict.FAIL);
        assertThat(verdict(check("wordList", "{\"words\":[\"x\",\"y\"],\"mode\":\"any\"}"), "just y"))
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void countsSumOverEverySpan() throws Exception {
        GuardrailInput input = new GuardrailInput(List.of(new TextSpan("system", "One two. Three!"),
                new TextSpan("messages[0].content[0]", "Four five six? Seven.")), null, Map.of(), Set.of());
        assertThat(check("wordCount", "{\"minWords\":7,\"maxWords\":7}").evaluate(input).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check("wordCount", "{\"max\":6}").evaluate(input).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check("sentenceCount", "{\"min\":4,\"max\":4}").evaluate(input).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check("characterCount", "{\"maxCharacters\":36}").evaluate(input).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check("characterCount", "{\"maxCharacters\":35}").evaluate(input).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(TextCountCheck.Unit.CHARACTERS.count("😀é")).isEqualTo(2);
        assertThat(TextCountCheck.words("don't re-run it")).isEqualTo(3);
    }

    @Test
    void modelAllowListWithPrefixEntries() throws Exception {
        GuardrailCheck check = check("modelWhitelist", "{\"models\":[\"claude-sonnet-4*\",\"claude-opus-4-1\"]}");
        assertThat(check.evaluate(withModel("claude-sonnet-4-5")).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check.evaluate(withModel("claude-opus-4-1")).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check.evaluate(withModel("claude-opus-4-1-x")).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check.evaluate(withModel(null)).verdict()).isEqualTo(Verdict.FAIL);
    }

    private static GuardrailInput withModel(String model) {
        return new GuardrailInput(List.of(), model, Map.of("team", "a", "user", " "), Set.of(RequestType.IMAGES));
    }

    @Test
    void requiredMetadataKeysTreatsBlankAsMissingAndNamesOnlyKeys() throws Exception {
        CheckResult result = check("requiredMetadataKeys", "{\"metadataKeys\":[\"team\",\"user\"]}")
                .evaluate(withModel("m"));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).isEqualTo("missing: user");
        assertThat(check("requiredMetadataKeys", "{\"keys\":[\"team\",\"user\"],\"mode\":\"any\"}")
                .evaluate(withModel("m")).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void allowedRequestTypes() throws Exception {
        assertThat(check("allowedRequestTypes", "{\"allowedTypes\":[\"tool_use\"]}").evaluate(withModel("m"))
                .verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check("allowedRequestTypes", "{\"allowed\":[\"images\",\"tool_use\"]}").evaluate(withModel("m"))
                .verdict()).isEqualTo(Verdict.PASS);
        assertThat(check("allowedRequestTypes", "{\"blocked\":[\"documents\"]}").evaluate(withModel("m"))
                .verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void jsonKeysFindsTheObjectInFencesAndProse() throws Exception {
        GuardrailCheck all = check("jsonKeys", "{\"keys\":[\"answer\",\"sources\"],\"operator\":\"all\"}");
        assertThat(verdict(all, "{\"answer\":1,\"sources\":[]}")).isEqualTo(Verdict.PASS);
        assertThat(verdict(all, "Here:\n```json\n{\"answer\":1,\"sources\":[]}\n```\nDone.")).isEqualTo(Verdict.PASS);
        assertThat(verdict(all, "Sure! {\"answer\":1} hope it helps")).isEqualTo(Verdict.FAIL);
        assertThat(verdict(all, "no json at all")).isEqualTo(Verdict.FAIL);
        assertThat(verdict(check("jsonKeys", "{\"keys\":[\"debug\"],\"mode\":\"none\"}"), "{\"answer\":1}"))
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void piiCheckReportsCategoriesAndRespectsTheSubset() throws Exception {
        String text = "mail jane.doe@example.com, card 4111 1111 1111 1111";
        CheckResult all = check("pii", "{\"redact\":true}").evaluate(GuardrailInput.ofText("m", text));
        assertThat(all.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(all.matches()).extracting(SpanMatch::category).containsExactly("email", "credit_card");
        assertThat(all.message()).isEqualTo("found credit_card x1, email x1").doesNotContain("jane");
        assertThat(((PiiCheck) check("pii", "{\"redact\":true}")).redact()).isTrue();
        assertThat(verdict(check("pii", "{\"categories\":[\"iban\",\"us_ssn\"]}"), text)).isEqualTo(Verdict.PASS);
    }

    @Test
    void acceptsTheParameterNamesTheAdminDocumentValidates() throws Exception {
        assertThat(verdict(check("wordList", "{\"words\":[\"Alpha\"],\"case_insensitive\":false}"), "ALPHA"))
                .isEqualTo(Verdict.FAIL);
        assertThat(check("allowedRequestTypes", "{\"types\":[\"images\"]}").evaluate(withModel("m")).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(((PiiCheck) check("pii", "{\"categories\":[\"aws_access_key\",\"aws_secret_key\"]}")).categories())
                .containsExactlyInAnyOrder(PiiCategory.AWS_ACCESS_KEY_ID, PiiCategory.AWS_SECRET_ACCESS_KEY);
    }

    @Test
    void definitionErrorsNameTheField() {
        assertThatThrownBy(() -> check("regexMatch", "{}")).hasMessage("regexMatch.pattern: is required");
        assertThatThrownBy(() -> check("regexMatch", "{\"pattern\":\"(\"}"))
                .isInstanceOf(GuardrailDefinitionException.class).hasMessageStartingWith("regexMatch.pattern: is not a valid");
        assertThatThrownBy(() -> check("regexMatch", "{\"pattern\":\"a\",\"flags\":\"q\"}"))
                .hasMessageStartingWith("regexMatch.flags: unknown flag 'q'");
        assertThatThrownBy(() -> check("wordCount", "{\"maxWord\":3}"))
                .hasMessageStartingWith("wordCount.maxWord: unknown parameter");
        assertThatThrownBy(() -> check("wordCount", "{\"min\":5,\"max\":3}")).hasMessage("wordCount.min: is above max");
        assertThatThrownBy(() -> check("wordCount", "{\"min\":-1}")).hasMessage("wordCount.min: must be a non-negative integer");
        assertThatThrownBy(() -> check("wordList", "{\"words\":[\"a\",3]}"))
                .hasMessage("wordList.words[1]: must be a non-empty string");
        assertThatThrownBy(() -> check("wordList", "{\"words\":[\"a\"],\"mode\":\"some\"}"))
                .hasMessage("wordList.mode: must be one of any, all, none, not \"some\"");
        assertThatThrownBy(() -> check("pii", "{\"categories\":[\"passport\"]}"))
                .hasMessage("pii.categories[0]: unknown PII category \"passport\"");
        assertThatThrownBy(() -> check("promptInjection", "{\"rules\":[\"magic\"]}"))
                .hasMessage("promptInjection.rules[0]: unknown prompt-injection rule \"magic\"");
        assertThatThrownBy(() -> check("allowedRequestTypes", "{\"allowed\":[\"video\"]}"))
                .hasMessageStartingWith("allowedRequestTypes.allowed[0]: request type must be one of");
        assertThatThrownBy(() -> check("regexMatch", "{\"pattern\":\"a\",\"not\":\"yes\"}"))
                .hasMessage("regexMatch.not: must be true or false");
        assertThatThrownBy(() -> GuardrailChecks.fromJson("regexMatch", json("[1]")))
                .hasMessage("regexMatch: must be an object");
        assertThatThrownBy(() -> check("webhookz", "{}")).hasMessageStartingWith("unknown check type \"webhookz\"");
    }

    @Test
    void everyListedTypeButTheWebhookIsBenchmarked() throws Exception {
        List<String> local = GuardrailChecks.TYPES.stream().filter(type -> !type.equals(WebhookCheck.TYPE)).toList();
        assertThat(GuardrailBench.benchmarkedChecks().values()).extracting(GuardrailCheck::type).containsAll(local);
    }

    @Test
    void jsonSchemaValidatesTheWholeTextFencedOrNot() throws Exception {
        GuardrailCheck check = check("jsonSchema", "{\"schema\":{\"type\":\"object\",\"required\":[\"answer\"],"
                + "\"properties\":{\"answer\":{\"type\":\"integer\",\"minimum\":3}}}}");
        assertThat(verdict(check, "  {\"answer\": 4}\n")).isEqualTo(Verdict.PASS);
        assertThat(verdict(check, "```json\n{\"answer\": 4}\n```")).isEqualTo(Verdict.PASS);
        assertThat(verdict(check, "Sure! {\"answer\": 4}")).isEqualTo(Verdict.FAIL);
        assertThat(verdict(check, "{\"answer\": 4} {}")).isEqualTo(Verdict.FAIL);
        assertThat(verdict(check, "")).isEqualTo(Verdict.FAIL);
        GuardrailInput split = new GuardrailInput(List.of(new TextSpan("content[0]", "{\"answer\""),
                new TextSpan("content[1]", ": 7}")), null, Map.of(), Set.of());
        assertThat(check.evaluate(split).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void jsonSchemaFailuresNamePathsAndKeywordsNeverValues() throws Exception {
        GuardrailCheck check = check("jsonSchema", "{\"schema\":{\"type\":\"object\",\"required\":[\"answer\",\"b\","
                + "\"c\",\"d\"],\"properties\":{\"answer\":{\"type\":\"integer\",\"minimum\":3}}}}");
        CheckResult result = check.evaluate(GuardrailInput.ofText("content[0]", "{\"answer\": 1}"));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.category()).isEqualTo("json_schema");
        assertThat(result.message()).startsWith("not valid against the schema: ").contains("/answer: minimum")
                .contains("/: required (b)").endsWith("(+1 more)").doesNotContain(": 1");
        CheckResult notJson = check.evaluate(GuardrailInput.ofText("content[0]", "my secret is {not json"));
        assertThat(notJson.message()).isEqualTo("the text is not JSON");
    }

    @Test
    void jsonSchemaFollowsTheDeclaredDialect() throws Exception {
        String tuple = "{\"type\":\"array\",\"items\":[{\"type\":\"string\"}],\"additionalItems\":false}";
        GuardrailCheck draft7 = check("jsonSchema", "{\"schema\":" + tuple.replace("{\"type\":\"array\"",
                "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"array\"") + "}");
        assertThat(verdict(draft7, "[\"a\"]")).isEqualTo(Verdict.PASS);
        assertThat(verdict(draft7, "[\"a\", \"b\"]")).isEqualTo(Verdict.FAIL);
        GuardrailCheck draft2020 = check("jsonSchema", "{\"schema\":{\"type\":\"array\",\"prefixItems\":"
                + "[{\"type\":\"string\"}],\"items\":false}}");
        assertThat(verdict(draft2020, "[\"a\", \"b\"]")).isEqualTo(Verdict.FAIL);
        assertThat(verdict(draft2020, "[\"a\"]")).isEqualTo(Verdict.PASS);
    }

    @Test
    void jsonSchemaThatIsNotAValidSchemaIsADefinitionErrorNamingTheSchema() {
        assertThatThrownBy(() -> check("jsonSchema", "{\"schema\":{\"type\":5}}"))
                .isInstanceOf(GuardrailDefinitionException.class)
                .hasMessageStartingWith("jsonSchema.schema: not a valid https://json-schema.org/draft/2020-12/schema "
                        + "schema: /type");
        assertThatThrownBy(() -> check("jsonSchema", "{\"schema\":{\"$ref\":\"#/$defs/missing\"}}"))
                .hasMessageStartingWith("jsonSchema.schema: does not compile");
        assertThatThrownBy(() -> check("jsonSchema", "{\"schema\":{\"$ref\":\"https://example.com/s.json\"}}"))
                .hasMessageStartingWith("jsonSchema.schema.$ref: only references within the schema");
        assertThatThrownBy(() -> check("jsonSchema", "{}")).hasMessageStartingWith("jsonSchema.schema: is required");
    }

    @Test
    void metadataModelRulesTheFirstMatchingRuleDecides() throws Exception {
        GuardrailCheck check = check("metadataModelRules", "{\"rules\":["
                + "{\"when\":{\"team\":\"research\",\"env\":\"prod\"},\"models\":[\"claude-opus-4-*\",\"claude-sonnet-4-5\"]},"
                + "{\"when\":{\"team\":[\"research\",\"support\"]},\"models\":[\"claude-haiku-4-5\"]}]}");
        Map<String, String> researchProd = Map.of("team", "research", "env", "prod");
        assertThat(rulesVerdict(check, "claude-opus-4-1", researchProd)).isEqualTo(Verdict.PASS);
        assertThat(rulesVerdict(check, "claude-sonnet-4-5", researchProd)).isEqualTo(Verdict.PASS);
        assertThat(rulesVerdict(check, "claude-haiku-4-5", researchProd)).isEqualTo(Verdict.FAIL);
        assertThat(rulesVerdict(check, "claude-haiku-4-5", Map.of("team", "research", "env", "dev")))
                .isEqualTo(Verdict.PASS);
        assertThat(rulesVerdict(check, "claude-opus-4-1", Map.of("team", "support"))).isEqualTo(Verdict.FAIL);
        assertThat(rulesVerdict(check, "claude-opus-4-1", Map.of("team", "sales"))).isEqualTo(Verdict.PASS);
        assertThat(rulesVerdict(check, null, researchProd)).isEqualTo(Verdict.ERROR);
        CheckResult result = check.evaluate(new GuardrailInput(List.of(), "claude-haiku-4-5", researchProd, Set.of()));
        assertThat(result.category()).isEqualTo("model_rules");
        assertThat(result.message()).isEqualTo("rule 0 applies: model not allowed").doesNotContain("research");
    }

    private static Verdict rulesVerdict(GuardrailCheck check, String model, Map<String, String> metadata) {
        return check.evaluate(new GuardrailInput(List.of(), model, metadata, Set.of())).verdict();
    }

    @Test
    void aParameterWrittenTwiceIsAnError() {
        assertThatThrownBy(() -> check("regexMatch", "{\"pattern\":\"a\",\"rule\":\"b\"}"))
                .hasMessage("regexMatch.rule: the same parameter as \"pattern\"; give only one of them");
    }

    @Test
    void theInputKindDefaultsToInputAndSurvivesRedaction() {
        GuardrailInput input = GuardrailInput.ofText("s", "text");
        assertThat(input.kind()).isEqualTo(GuardrailInput.Kind.INPUT);
        GuardrailInput output = GuardrailInput.output(List.of(new TextSpan("content[0]", "t")), "m", Map.of(), Set.of());
        assertThat(output.withSpans(List.of()).kind()).isEqualTo(GuardrailInput.Kind.OUTPUT);
    }

    @Test
    void evaluateSafelyTurnsACrashIntoAnErrorWithoutTheExceptionMessage() {
        GuardrailCheck crashing = new GuardrailCheck() {
            @Override
            public String type() {
                return "crashing";
            }

            @Override
            public CheckResult evaluate(GuardrailInput input) {
                throw new IllegalStateException("input was: secret text");
            }
        };
        CheckResult result = crashing.evaluateSafely(GuardrailInput.ofText("s", "secret text"));
        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.message()).isEqualTo("check failed: IllegalStateException");
    }
}
