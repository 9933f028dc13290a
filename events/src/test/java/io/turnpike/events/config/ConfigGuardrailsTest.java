package io.turnpike.events.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.events.guardrails.GuardrailCheck;
import io.turnpike.events.guardrails.GuardrailDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code input_guardrails}/{@code output_guardrails}: ids, Portkey's inline shorthand, inheritance, errors. */
class ConfigGuardrailsTest {
    private static final Predicate<String> PROVIDERS = Set.of("anthropic", "bedrock")::contains;
    private static final Predicate<String> GUARDRAILS = Set.of("no-pii", "no-secrets", "json-only")::contains;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ParsedConfig parse(String json) {
        return RoutingConfigDocument.parse(json.replace('\'', '"'), PROVIDERS, GUARDRAILS);
    }

    private static void assertRejected(String json, String path, String reasonFragment) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.reason()).contains(reasonFragment);
                });
    }

    /** A one-target config whose top-level {@code input_guardrails} holds {@code items}. */
    private static String withInput(String items) {
        return "{'input_guardrails':[" + items + "],'targets':[{'provider':'@anthropic'}]}";
    }

    private static GuardrailDocument onlyInlineInput(String item) {
        ParsedConfig config = parse(withInput(item));
        assertThat(config.inputGuardrails()).hasSize(1);
        GuardrailRef ref = config.inputGuardrails().get(0);
        assertThat(ref.isInline()).isTrue();
        return ref.inline();
    }

    @Test
    void attachesGuardrailsByIdAtTheTopLevelAndOnTargets() {
        ParsedConfig config = parse("{'input_guardrails':['no-pii'],'output_guardrails':['json-only'],"
                + "'strategy':{'mode':'fallback'},"
                + "'targets':[{'provider':'@anthropic','input_guardrails':['no-secrets']},{'provider':'@bedrock'}]}");

        assertThat(config.inputGuardrails()).containsExactly(GuardrailRef.byId("no-pii", "input_guardrails[0]"));
        assertThat(config.outputGuardrails()).extracting(GuardrailRef::id).containsExactly("json-only");
        Target anthropic = config.root().children().get(0);
        assertThat(anthropic.inputGuardrails()).containsExactly(GuardrailRef.byId("no-pii", "input_guardrails[0]"),
                GuardrailRef.byId("no-secrets", "targets[0].input_guardrails[0]"));
        assertThat(anthropic.outputGuardrails()).extracting(GuardrailRef::id).containsExactly("json-only");
        assertThat(config.root().children().get(1).inputGuardrails()).extracting(GuardrailRef::id)
                .containsExactly("no-pii");
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void guardrailsAccumulateDownTheTreeAndAnIdNamedAgainCountsOnce() {
        ParsedConfig config = parse("{'input_guardrails':['no-pii'],'targets':[{'input_guardrails':['no-secrets'],"
                + "'targets':[{'provider':'@anthropic','input_guardrails':['no-pii',"
                + "{'default.wordCount':{'maxWords':500},'deny':true}]}]}]}");

        Target leaf = config.root().providerTargets().get(0);
        assertThat(leaf.inputGuardrails()).extracting(GuardrailRef::id).containsExactly("no-pii", "no-secrets",
                "inline-targets.0.targets.0.input_guardrails.1");
        assertThat(leaf.inputGuardrails().get(0).path()).isEqualTo("input_guardrails[0]");
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void anIdListedTwiceInOneListRunsOnceWithAWarning() {
        ParsedConfig config = parse(withInput("'no-pii','no-pii'"));

        assertThat(config.inputGuardrails()).extracting(GuardrailRef::id).containsExactly("no-pii");
        assertThat(config.warningMessages())
                .containsExactly("input_guardrails[1]: guardrail 'no-pii' is already listed here; it runs once");
    }

    @Test
    void unknownGuardrailIdIsRejectedWithItsPath() {
        assertRejected("{'targets':[{'provider':'@anthropic','input_guardrails':['no-pii','nope']}]}",
                "targets[0].input_guardrails[1]", "guardrail 'nope' is not defined");
        assertRejected("{'output_guardrails':['Not An Id'],'targets':[{'provider':'@anthropic'}]}",
                "output_guardrails[0]", "must be a guardrail id");
    }

    @Test
    void theTwoArgumentParseTakesEveryWellFormedIdAsDefined() {
        ParsedConfig config = RoutingConfigDocument.parse(
                "{\"input_guardrails\":[\"defined-elsewhere\"],\"targets\":[{\"provider\":\"@anthropic\"}]}",
                PROVIDERS);

        assertThat(config.inputGuardrails()).extracting(GuardrailRef::id).containsExactly("defined-elsewhere");
    }

    @Test
    void portkeyShorthandBecomesAnInlineGuardrail() {
        GuardrailDocument inline =
                onlyInlineInput("{'default.regexMatch':{'rule':'(?i)secret','not':true},'deny':true}");

        assertThat(inline.id()).isEqualTo("inline-input_guardrails.0");
        assertThat(inline.action()).isEqualTo(GuardrailDocument.Action.DENY);
        assertThat(inline.appliesTo()).isEqualTo(GuardrailDocument.AppliesTo.INPUT);
        assertThat(inline.onError()).isEqualTo(GuardrailDocument.OnError.FAIL_CLOSED);
        assertThat(inline.checks()).hasSize(1);
        GuardrailCheck check = inline.checks().get(0);
        assertThat(check.type()).isEqualTo(GuardrailCheck.REGEX_MATCH);
        assertThat(check.not()).isTrue();
        assertThat(check.params().toString()).isEqualTo("{\"pattern\":\"(?i)secret\"}");
    }

    @Test
    void withoutDenyAShorthandGuardrailWarnsAndInOutputGuardrailsItAppliesToOutput() {
        ParsedConfig config = parse("{'output_guardrails':[{'default.jsonKeys':{'keys':['a'],'operator':'all'}}],"
                + "'targets':[{'provider':'@anthropic'}]}");

        GuardrailDocument inline = config.outputGuardrails().get(0).inline();
        assertThat(inline.action()).isEqualTo(GuardrailDocument.Action.WARN);
        assertThat(inline.appliesTo()).isEqualTo(GuardrailDocument.AppliesTo.OUTPUT);
        assertThat(inline.id()).isEqualTo("inline-output_guardrails.0");
    }

    @Test
    void everyCheckOfAShorthandObjectBelongsToOneGuardrail() {
        GuardrailDocument inline = onlyInlineInput("{'default.wordCount':{'minWords':1},"
                + "'default.characterCount':{'maxCharacters':4000},'deny':true}");

        assertThat(inline.checks()).extracting(GuardrailCheck::type)
                .containsExactly(GuardrailCheck.WORD_COUNT, GuardrailCheck.CHARACTER_COUNT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "default.regexMatch | {'rule':'x+'} | regexMatch | {'pattern':'x+'}",
            "default.wordCount | {'minWords':2,'maxWords':9} | wordCount | {'min':2,'max':9}",
            "default.characterCount | {'minCharacters':1,'maxCharacters':80} | characterCount | {'min':1,'max':80}",
            "default.sentenceCount | {'maxSentences':3} | sentenceCount | {'max':3}",
            "default.jsonKeys | {'keys':['id'],'operator':'none'} | jsonKeys | {'keys':['id'],'mode':'none'}",
            "default.contains | {'words':['falcon'],'operator':'any'} | wordList | {'words':['falcon'],'mode':'any'}",
            "default.modelWhitelist | {'models':['claude-x']} | modelAllowList | {'models':['claude-x']}",
            "default.requiredMetadataKeys | {'metadataKeys':['team'],'operator':'all'} | requiredMetadataKeys"
                    + " | {'keys':['team'],'mode':'all'}",
            "wordCount | {'maxWords':9} | wordCount | {'max':9}",
            "pii | {'categories':['email']} | pii | {'categories':['email']}",
    })
    void mapsPortkeyChecksAndParameterNamesToTurnpikes(String key, String params, String type, String expected)
            throws Exception {
        GuardrailCheck check = onlyInlineInput("{'" + key + "':" + params + ",'deny':true}").checks().get(0);

        assertThat(check.type()).isEqualTo(type);
        assertThat(check.params()).isEqualTo(JSON.readTree(expected.replace('\'', '"')));
        assertThat(check.not()).isFalse();
    }

    @Test
    void asyncNeverBlocksSoItsDenyIsIgnoredWithAWarning() {
        ParsedConfig config = parse("{'input_guardrails':[{'default.wordCount':{'maxWords':9},'deny':true,"
                + "'async':true,'on_fail':{'feedback':{'value':-1}}}],'targets':[{'provider':'@anthropic'}]}");

        assertThat(config.inputGuardrails().get(0).inline().action()).isEqualTo(GuardrailDocument.Action.WARN);
        assertThat(config.warningMessages()).containsExactlyInAnyOrder(
                "input_guardrails[0].async: an async guardrail never blocks (as in Portkey); \"deny\" is ignored "
                        + "and the guardrail only warns",
                "input_guardrails[0].on_fail: Portkey hook option; kept in the document but ignored by Turnpike");
    }

    @Test
    void malformedShorthandIsRejectedWithThePathAsWritten() {
        assertRejected("{'targets':[{'provider':'@anthropic',"
                        + "'input_guardrails':[{'default.regexMatch':{},'deny':true}]}]}",
                "targets[0].input_guardrails[0].default.regexMatch.rule", "required");
        assertRejected(withInput("{'default.regexMatch':{'rule':'(unclosed'}}"),
                "input_guardrails[0].default.regexMatch.rule", "not a valid regular expression");
        assertRejected(withInput("{'default.wordCount':{'minWords':9,'maxWords':2}}"),
                "input_guardrails[0].default.wordCount.minWords", "must be ≤ max");
        assertRejected(withInput("{'default.contains':{'words':['a',''],'operator':'any'}}"),
                "input_guardrails[0].default.contains.words[1]", "non-empty string");
        assertRejected(withInput("{'default.regexMatch':{'rule':'x','not':'yes'}}"),
                "input_guardrails[0].default.regexMatch.not", "true or false");
        assertRejected(withInput("{'default.regexMatch':{'rule':'x'},'deny':'yes'}"),
                "input_guardrails[0].deny", "true or false");
        assertRejected(withInput("{'default.regexMatch':{'rule':'x','pattern':'y'}}"),
                "input_guardrails[0].default.regexMatch.pattern", "the same parameter as \"rule\"");
    }

    @Test
    void checksTurnpikeCannotRunOfflineAreRejected() {
        assertRejected(withInput("{'default.validUrls':{},'deny':true}"),
                "input_guardrails[0].default.validUrls", "unknown check");
        assertRejected(withInput("{'portkey.pii':{},'deny':true}"),
                "input_guardrails[0].portkey.pii", "only Portkey's default checks");
        assertRejected(withInput("{'deny':true}"),
                "input_guardrails[0]", "names no check");
    }

    @Test
    void listsAndItemsOfTheWrongShapeAreRejected() {
        assertRejected("{'input_guardrails':'no-pii','targets':[{'provider':'@anthropic'}]}",
                "input_guardrails", "must be an array");
        assertRejected("{'targets':[{'provider':'@anthropic','output_guardrails':[42]}]}",
                "targets[0].output_guardrails[0]", "must be a guardrail id or an inline guardrail");
        assertRejected(withInput("{'default.regexMatch':'x'}"),
                "input_guardrails[0].default.regexMatch", "must be an object");
    }

    @Test
    void inlineIdsOfDeepPathsStayValidAndDistinct() {
        String deep = "targets[0].targets[1].targets[2].targets[3].targets[4].targets[5].input_guardrails[0]";
        String other = deep.replace("targets[5]", "targets[6]");

        String id = PortkeyGuardrailShorthand.inlineId(deep);
        assertThat(id).startsWith(GuardrailRef.INLINE_PREFIX).matches(GuardrailDocument.ID);
        assertThat(PortkeyGuardrailShorthand.inlineId(other)).matches(GuardrailDocument.ID).isNotEqualTo(id);
    }

    @Test
    void guardrailKeysAreNoLongerReportedAsUnknown() {
        ParsedConfig config = parse("{'input_guardrails':[],'output_guardrails':[],"
                + "'targets':[{'provider':'@anthropic','input_guardrails':[]}]}");

        assertThat(config.warnings()).isEmpty();
        assertThat(config.inputGuardrails()).isEmpty();
    }
}
