package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.guardrails.CheckParameters;
import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.events.guardrails.GuardrailDocumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin document validator (events) and the check builder (here) must agree on every definition: what one
 * accepts the other builds, what one refuses the other refuses, for the same parameter. Each case runs through both
 * {@link GuardrailDocument#parse} and {@link GuardrailChecks#fromJson}; each also states the expected outcome, so the
 * two cannot agree by both being wrong.
 */
class CheckDefinitionConsistencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A valid definition of every type, setting every parameter the type takes. */
    private static final Map<String, String> VALID = Map.ofEntries(
            Map.entry("regexMatch", "{'pattern':'se(c)ret','flags':'i','timeoutMs':20}"),
            Map.entry("wordList", "{'words':['alpha'],'mode':'none','caseInsensitive':false,'wholeWord':true}"),
            Map.entry("characterCount", "{'min':1,'max':10}"),
            Map.entry("wordCount", "{'min':1,'max':10}"),
            Map.entry("sentenceCount", "{'min':1,'max':10}"),
            Map.entry("modelAllowList", "{'models':['claude-sonnet-4*']}"),
            Map.entry("metadataModelRules", "{'rules':[{'when':{'team':'research','env':['prod','staging']},"
                    + "'models':['claude-opus-4-*','claude-sonnet-4-5']},{'when':{},'models':['claude-haiku-4-5']}]}"),
            Map.entry("requiredMetadataKeys", "{'keys':['team'],'mode':'all'}"),
            Map.entry("allowedRequestTypes", "{'allowed':['images'],'blocked':['documents']}"),
            Map.entry("jsonKeys", "{'keys':['answer'],'mode':'any'}"),
            Map.entry("jsonSchema", "{'schema':{'$schema':'http://json-schema.org/draft-07/schema#','type':'object',"
                    + "'properties':{'a':{'$ref':'#/definitions/a'}},'definitions':{'a':{'type':'string'}}}}"),
            Map.entry("pii", "{'categories':['email','aws_access_key_id'],'redact':true}"),
            Map.entry("promptInjection", "{'rules':['role_override']}"),
            Map.entry("webhook", "{'url':'https://detector.test/v1','headers':{'Authorization':'Bearer t'},"
                    + "'timeoutMs':500}"));

    private record Case(String name, String type, String params, boolean valid) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        VALID.forEach((type, params) -> cases.add(new Case(type + " valid", type, params, true)));
        cases.addAll(everySpellingOfEveryParameter());
        cases.addAll(List.of(
                // Types as Portkey writes them, and not at all.
                valid("default.regexMatch", "{'rule':'x','not':true}"),
                valid("contains", "{'words':['a'],'operator':'all'}"),
                valid("default.modelWhitelist", "{'models':['m']}"),
                invalid("validUrls", "{}"),
                // Shapes every type shares.
                invalid("regexMatch", "[1]"),
                invalid("regexMatch", "{'pattern':'a','not':'yes'}"),
                invalid("wordCount", "{'maxWord':3}"),
                invalid("regexMatch", "{'pattern':'a','rule':'b'}"),
                invalid("wordList", "{'words':['a'],'mode':'all','operator':'any'}"),
                valid("promptInjection", "null"),
                valid("wordCount", "{'min':null,'max':3}"),
                // Per type.
                invalid("regexMatch", "{}"),
                invalid("regexMatch", "{'pattern':''}"),
                invalid("regexMatch", "{'pattern':'('}"),
                invalid("regexMatch", "{'pattern':'a','flags':'q'}"),
                invalid("regexMatch", "{'pattern':'a','flags':1}"),
                invalid("regexMatch", "{'pattern':'a','timeoutMs':0}"),
                invalid("regexMatch", "{'pattern':'a','timeout_ms':1001}"),
                valid("regexMatch", "{'pattern':'a # (','flags':'x'}"),
                invalid("wordList", "{'mode':'any'}"),
                invalid("wordList", "{'words':[]}"),
                invalid("wordList", "{'words':['a','']}"),
                invalid("wordList", "{'words':'a'}"),
                invalid("wordList", "{'words':['a'],'mode':'some'}"),
                invalid("wordList", "{'words':['a'],'wholeWord':'yes'}"),
                invalid("characterCount", "{}"),
                invalid("wordCount", "{'min':5,'max':3}"),
                invalid("sentenceCount", "{'maxSentences':-1}"),
                invalid("wordCount", "{'min':1.5}"),
                valid("characterCount", "{'min':0}"),
                invalid("modelAllowList", "{'models':[]}"),
                invalid("modelAllowList", "{}"),
                invalid("requiredMetadataKeys", "{'metadataKeys':[1]}"),
                invalid("allowedRequestTypes", "{}"),
                invalid("allowedRequestTypes", "{'allowed':[]}"),
                invalid("allowedRequestTypes", "{'types':['text']}"),
                invalid("allowedRequestTypes", "{'blocked':['video']}"),
                valid("allowedRequestTypes", "{'blockedTypes':['tool_use']}"),
                invalid("jsonKeys", "{}"),
                invalid("requiredMetadataKeys", "{'mode':'any'}"),
                invalid("jsonKeys", "{'keys':['a'],'operator':'most'}"),
                valid("pii", "{}"),
                valid("pii", "{'categories':['aws_access_key','aws_secret_key','phone']}"),
                invalid("pii", "{'categories':[]}"),
                invalid("pii", "{'categories':['email','passport']}"),
                invalid("pii", "{'redact':'yes'}"),
                valid("promptInjection", "{}"),
                invalid("promptInjection", "{'rules':[]}"),
                invalid("promptInjection", "{'rules':['magic']}"),
                invalid("webhook", "{}"),
                invalid("webhook", "{'url':'ftp://x.test/v'}"),
                invalid("webhook", "{'url':'/relative'}"),
                invalid("webhook", "{'url':'https://x.test','timeout':0}"),
                invalid("webhook", "{'url':'https://x.test','timeoutMs':10001}"),
                invalid("webhook", "{'url':'https://x.test','headers':['a']}"),
                invalid("webhook", "{'url':'https://x.test','headers':{'x-key':1}}"),
                invalid("webhook", "{'url':'https://x.test','headers':{'x key':'v'}}"),
                invalid("webhook", "{'url':'https://x.test','headers':{'Host':'v'}}"),
                invalid("webhook", "{'url':'https://x.test','headers':{'x-key':'a\\nb'}}"),
                valid("webhook", "{'url':'http://127.0.0.1:9/v','timeout_ms':10000}"),
                invalid("jsonSchema", "{}"),
                invalid("jsonSchema", "{'schema':'{}'}"),
                invalid("jsonSchema", "{'schema':{'$schema':'https://x.test/dialect'}}"),
                invalid("jsonSchema", "{'schema':{'$schema':3}}"),
                invalid("jsonSchema", "{'schema':{'items':[{'$ref':'other.json#/a'}]}}"),
                invalid("jsonSchema", "{'schema':{'description':'" + "x".repeat(33 * 1024) + "'}}"),
                valid("jsonSchema", "{'schema':{}}"),
                invalid("metadataModelRules", "{}"),
                invalid("metadataModelRules", "{'rules':[]}"),
                invalid("metadataModelRules", "{'rules':['x']}"),
                invalid("metadataModelRules", "{'rules':[{'models':['m']}]}"),
                invalid("metadataModelRules", "{'rules':[{'when':[],'models':['m']}]}"),
                invalid("metadataModelRules", "{'rules':[{'when':{'team':1},'models':['m']}]}"),
                invalid("metadataModelRules", "{'rules':[{'when':{'team':[]},'models':['m']}]}"),
                invalid("metadataModelRules", "{'rules':[{'when':{'team':['a',2]},'models':['m']}]}"),
                invalid("metadataModelRules", "{'rules':[{'when':{},'models':[]}]}"),
                invalid("metadataModelRules", "{'rules':[{'when':{},'models':['']}]}"),
                invalid("metadataModelRules", "{'rules':[{'when':{},'models':['m'],'unless':{}}]}")));
        return cases.stream().map(Arguments::of);
    }

    /** For each parameter, the valid definition rewritten with each spelling of it: all must be accepted. */
    private static List<Case> everySpellingOfEveryParameter() {
        List<Case> cases = new ArrayList<>();
        for (String type : io.turnpike.events.guardrails.GuardrailCheck.TYPES) {
            ObjectNode base = (ObjectNode) json(VALID.get(type));
            for (CheckParameters.Parameter parameter : CheckParameters.of(type)) {
                JsonNode value = base.get(parameter.name());
                assertThat(value).as("the valid %s definition sets %s", type, parameter.name()).isNotNull();
                for (String spelling : parameter.spellings()) {
                    ObjectNode params = base.deepCopy();
                    params.remove(parameter.name());
                    params.set(spelling, value);
                    cases.add(new Case(type + " spelled " + spelling, type, params.toString(), true));
                }
            }
        }
        return cases;
    }

    private static Case valid(String type, String params) {
        return new Case(type + " " + params, type, params, true);
    }

    private static Case invalid(String type, String params) {
        String shown = params.length() > 90 ? params.substring(0, 90) + "…" : params;
        return new Case(type + " " + shown + " refused", type, params, false);
    }

    private static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void documentValidatorAndCheckBuilderAgree(Case c) {
        JsonNode params = json(c.params());
        ObjectNode document = JSON.createObjectNode().put("id", "g");
        ObjectNode check = document.putArray("checks").addObject().put("type", c.type());
        check.set("params", params);

        String documentRefusal = null;
        try {
            GuardrailDocument.parse(document.toString());
        } catch (GuardrailDocumentException e) {
            documentRefusal = e.field();
        }
        String builderRefusal = null;
        try {
            GuardrailChecks.fromJson(c.type(), params);
        } catch (GuardrailDefinitionException e) {
            builderRefusal = e.getMessage();
        }

        assertThat(documentRefusal).as("document validator refusal").matches(r -> (r == null) == c.valid());
        assertThat(builderRefusal).as("check builder refusal").matches(r -> (r == null) == c.valid());
        if (!c.valid() && !documentRefusal.endsWith(".type")) {
            assertThat(parameterPath(builderRefusal)).as("the parameter both name")
                    .isEqualTo(documentRefusal.replaceFirst("^checks\\[0]\\.params\\.?", ""));
        }
    }

    /** {@code wordList.words[1]: …} → {@code words[1]}; {@code regexMatch: …} → the empty path. */
    private static String parameterPath(String message) {
        String location = message.substring(0, message.indexOf(": "));
        int dot = location.indexOf('.');
        return dot < 0 ? "" : location.substring(dot + 1);
    }

    @Test
    void aSchemaThatDoesNotCompileIsTheOneDocumentedDifference() {
        // The events module has no schema library: it checks the shape; the proxy compiles.
        String params = "{\"schema\":{\"type\":5}}";
        JsonNode node = json(params);
        assertThat(GuardrailDocument.parse("{\"id\":\"g\",\"checks\":[{\"type\":\"jsonSchema\",\"params\":" + params
                + "}]}").checks()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GuardrailChecks.fromJson("jsonSchema", node))
                .isInstanceOf(GuardrailDefinitionException.class).hasMessageStartingWith("jsonSchema.schema: ");
    }

    @Test
    void theNormalisedDocumentBuildsTheSameCheck() throws Exception {
        for (Map.Entry<String, String> valid : VALID.entrySet()) {
            var stored = GuardrailDocument.parse("{\"id\":\"g\",\"checks\":[{\"type\":\"" + valid.getKey()
                    + "\",\"params\":" + json(valid.getValue()) + "}]}").checks().get(0);
            assertThat(GuardrailChecks.fromJson(stored.type(), stored.params()).type()).isEqualTo(valid.getKey());
        }
    }

    @Test
    void bothSidesNameTheSameTypesCategoriesRequestTypesAndRules() {
        assertThat(GuardrailChecks.TYPES).isEqualTo(io.turnpike.events.guardrails.GuardrailCheck.TYPES);
        assertThat(GuardrailDocument.piiCategories())
                .containsExactlyElementsOf(Arrays.stream(PiiCategory.values()).map(PiiCategory::wireName).toList());
        assertThat(GuardrailDocument.requestTypes())
                .containsExactlyElementsOf(Arrays.stream(RequestType.values()).map(RequestType::wireName).toList());
        assertThat(GuardrailDocument.promptInjectionRules()).containsExactlyElementsOf(
                Arrays.stream(PromptInjectionRule.values()).map(PromptInjectionRule::id).toList());
        assertThat(PiiCategory.parse("aws_access_key")).isEqualTo(PiiCategory.AWS_ACCESS_KEY_ID);
        assertThat(PiiCategory.parse("aws_secret_key")).isEqualTo(PiiCategory.AWS_SECRET_ACCESS_KEY);
    }
}
