package io.turnpike.events.config;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingConfigDocumentTest {
    private static final Predicate<String> KNOWN = Set.of("anthropic", "bedrock", "vertex", "mock")::contains;

    private static ParsedConfig parse(String json) {
        return RoutingConfigDocument.parse(json.replace('\'', '"'), KNOWN);
    }

    private static void assertRejected(String json, String path, String reasonFragment) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.reason()).contains(reasonFragment);
                });
    }

    @Test
    void parsesASingleProviderConfigWithDefaults() {
        ParsedConfig config = parse("{'targets':[{'provider':'@anthropic'}]}");

        Target root = config.root();
        assertThat(root.path()).isEqualTo("config");
        assertThat(root.isProvider()).isFalse();
        assertThat(root.strategy()).isEqualTo(Strategy.SINGLE);
        Target only = root.children().get(0);
        assertThat(only.path()).isEqualTo("config.targets[0]");
        assertThat(only.providerId()).isEqualTo("anthropic");
        assertThat(only.weight()).isEqualTo(1.0);
        assertThat(only.retry()).isEqualTo(RetryPolicy.NONE);
        assertThat(only.cache()).isNull();
        assertThat(only.requestTimeoutMs()).isNull();
        assertThat(only.overrideParams()).isEmpty();
        assertThat(config.allowedModels()).isNull();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void parsesNestedStrategiesWithPathsInHeaderForm() {
        ParsedConfig config = parse("{'strategy':{'mode':'fallback','on_status_codes':[429,529]},'targets':["
                + "{'strategy':{'mode':'loadbalance'},'targets':[{'provider':'@anthropic','weight':0.7},"
                + "{'provider':'@bedrock','weight':0.3}]},"
                + "{'provider':'@vertex'}]}");

        Target root = config.root();
        assertThat(root.strategy().mode()).isEqualTo(StrategyMode.FALLBACK);
        assertThat(root.strategy().onStatusCodes()).containsExactly(429, 529);
        Target balanced = root.children().get(0);
        assertThat(balanced.strategy().mode()).isEqualTo(StrategyMode.LOADBALANCE);
        assertThat(balanced.children()).extracting(Target::path)
                .containsExactly("config.targets[0].targets[0]", "config.targets[0].targets[1]");
        assertThat(balanced.children()).extracting(Target::weight).containsExactly(0.7, 0.3);
        assertThat(root.providerTargets()).extracting(Target::providerId)
                .containsExactly("anthropic", "bedrock", "vertex");
    }

    @Test
    void inheritsSettingsDownTheTreeWithTheChildWinning() {
        ParsedConfig config = parse("{'override_params':{'model':'claude-sonnet-4-5','max_tokens':1024},"
                + "'retry':{'attempts':2},'request_timeout':30000,'cache':{'mode':'simple','max_age':60},"
                + "'targets':[{'override_params':{'max_tokens':2048,'temperature':0},"
                + "'targets':[{'provider':'@anthropic','retry':{'attempts':5,'on_status_codes':[429],"
                + "'use_retry_after_header':true},'request_timeout':5000},"
                + "{'provider':'@bedrock','override_params':{'model':'anthropic.claude-sonnet-4-5'},"
                + "'cache':{'mode':'simple','max_age':600}}]}]}");

        Target group = config.root().children().get(0);
        Target anthropic = group.children().get(0);
        Target bedrock = group.children().get(1);
        assertThat(anthropic.overrideParams()).containsEntry("model", TextNode.valueOf("claude-sonnet-4-5"))
                .containsEntry("max_tokens", IntNode.valueOf(2048)).containsKey("temperature");
        assertThat(anthropic.retry()).isEqualTo(new RetryPolicy(5, java.util.List.of(429), true));
        assertThat(anthropic.requestTimeoutMs()).isEqualTo(5000L);
        assertThat(anthropic.cache()).isEqualTo(new CachePolicy("simple", 60L));
        assertThat(bedrock.overrideParams()).containsEntry("model", TextNode.valueOf("anthropic.claude-sonnet-4-5"))
                .containsEntry("max_tokens", IntNode.valueOf(2048));
        assertThat(bedrock.retry()).isEqualTo(new RetryPolicy(2, RetryPolicy.DEFAULT_STATUS_CODES, false));
        assertThat(bedrock.requestTimeoutMs()).isEqualTo(30000L);
        assertThat(bedrock.cache()).isEqualTo(new CachePolicy("simple", 600L));
        assertThat(bedrock.overrideParamsNode().toString())
                .isEqualTo("{\"model\":\"anthropic.claude-sonnet-4-5\",\"max_tokens\":2048,\"temperature\":0}");
    }

    @Test
    void overrideParamsNodeIsACopyThatCannotChangeTheModel() {
        Target target = parse("{'targets':[{'provider':'@mock','override_params':{'metadata':{'a':1}}}]}")
                .root().children().get(0);

        ((com.fasterxml.jackson.databind.node.ObjectNode) target.overrideParamsNode().get("metadata")).put("a", 2);

        assertThat(target.overrideParams().get("metadata").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void parsesConditionalStrategyWithNamesAndDefault() {
        ParsedConfig config = parse("{'strategy':{'mode':'conditional','conditions':["
                + "{'query':{'metadata.env':{'$eq':'prod'}},'then':'prod'}],'default':'dev'},"
                + "'targets':[{'name':'prod','provider':'@anthropic'},{'name':'dev','provider':'@mock'}]}");

        Strategy strategy = config.root().strategy();
        assertThat(strategy.mode()).isEqualTo(StrategyMode.CONDITIONAL);
        assertThat(strategy.defaultTarget()).isEqualTo("dev");
        Condition condition = strategy.conditions().get(0);
        assertThat(condition.then()).isEqualTo("prod");
        assertThat(condition.path()).isEqualTo("strategy.conditions[0]");
        assertThat(condition.query().matches(new RequestFacts(java.util.Map.of("env", "prod"), null, "/v1/messages")))
                .isTrue();
        assertThat(config.root().child("dev")).get().extracting(Target::providerId).isEqualTo("mock");
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void keepsAllowedModels() {
        assertThat(parse("{'allowed_models':['claude-sonnet-4-5'],'targets':[{'provider':'@mock'}]}")
                .allowedModels()).containsExactly("claude-sonnet-4-5");
    }

    @Test
    void reportsUnknownKeysAsWarningsWithTheirPaths() {
        ParsedConfig config = parse("{'cache_key':'x','strategy':{'mode':'fallback','sticky':true},"
                + "'targets':[{'provider':'@anthropic','virtual_key':'vk-1','retry':{'attempts':1,'backoff':'x'}},"
                + "{'targets':[{'provider':'@mock','custom_host':'h'}]}]}");

        assertThat(config.warningMessages()).containsExactlyInAnyOrder(
                "cache_key: unknown key; kept in the document but ignored by Turnpike",
                "strategy.sticky: unknown key; kept in the document but ignored by Turnpike",
                "targets[0].virtual_key: unknown key; kept in the document but ignored by Turnpike",
                "targets[0].retry.backoff: unknown key; kept in the document but ignored by Turnpike",
                "targets[1].targets[0].custom_host: unknown key; kept in the document but ignored by Turnpike");
    }

    @Test
    void warnsAboutTargetsThatCanNeverBeChosen() {
        assertThat(parse("{'targets':[{'provider':'@anthropic'},{'provider':'@mock'}]}").warningMessages())
                .containsExactly("targets: mode 'single' uses only the first of 2 targets");
        assertThat(parse("{'strategy':{'mode':'conditional','conditions':[{'query':{'url.pathname':'/v1/messages'},"
                + "'then':'a'}]},'targets':[{'name':'a','provider':'@mock'},{'name':'b','provider':'@mock'}]}")
                .warningMessages())
                .containsExactly("targets[1]: no condition or default names this target, so it is never used");
        assertThat(parse("{'strategy':{'mode':'fallback','default':'a'},'targets':[{'provider':'@mock'}]}")
                .warningMessages())
                .containsExactly("strategy.default: only used by the conditional mode; ignored");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                 | {'targets':[                                             | ''                 | not valid JSON",
            "not an object            | [1]                                                      | ''                 | JSON object",
            "duplicate JSON key       | {'targets':[{'provider':'@mock'}],'targets':[]}          | ''                 | not valid JSON",
            "no targets               | {'strategy':{'mode':'single'}}                           | targets            | required",
            "empty targets            | {'targets':[]}                                           | targets            | non-empty",
            "provider at top level    | {'provider':'@mock'}                                     | provider           | wrap the provider",
            "target not an object     | {'targets':['@mock']}                                    | targets[0]         | object",
            "neither provider nor targets | {'targets':[{'weight':1}]}                           | targets[0]         | needs a \"provider\"",
            "provider and targets     | {'targets':[{'provider':'@mock','targets':[]}]}          | targets[0]         | either a provider or a group",
            "provider without @       | {'targets':[{'provider':'mock'}]}                        | targets[0].provider | @<provider id>",
            "unknown provider         | {'targets':[{'provider':'@mock'},{'targets':[{'provider':'@ghost'}]}]} | targets[1].targets[0].provider | 'ghost' is not registered",
            "nested empty targets     | {'targets':[{'targets':[]}]}                             | targets[0].targets | non-empty",
            "negative weight          | {'targets':[{'provider':'@mock'},{'targets':[{'provider':'@mock','weight':-1}]}]} | targets[1].targets[0].weight | must be ≥ 0",
            "weight not a number      | {'targets':[{'provider':'@mock','weight':'1'}]}          | targets[0].weight  | must be a number",
            "all weights zero         | {'strategy':{'mode':'loadbalance'},'targets':[{'provider':'@mock','weight':0},{'provider':'@anthropic','weight':0}]} | targets | at least one positive weight",
            "unknown mode             | {'strategy':{'mode':'roundrobin'},'targets':[{'provider':'@mock'}]} | strategy.mode | must be one of",
            "fallback on a leaf       | {'targets':[{'provider':'@mock','strategy':{'mode':'fallback'}}]} | targets[0].strategy.mode | needs \"targets\"",
            "status code not numeric  | {'strategy':{'mode':'fallback','on_status_codes':[429,'500']},'targets':[{'provider':'@mock'}]} | strategy.on_status_codes[1] | HTTP status code",
            "status code out of range | {'strategy':{'mode':'fallback','on_status_codes':[42]},'targets':[{'provider':'@mock'}]} | strategy.on_status_codes[0] | HTTP status code",
            "conditional without conditions | {'strategy':{'mode':'conditional','default':'a'},'targets':[{'name':'a','provider':'@mock'}]} | strategy.conditions | non-empty array",
            "condition without then   | {'strategy':{'mode':'conditional','conditions':[{'query':{'metadata.env':'prod'}}]},'targets':[{'name':'a','provider':'@mock'}]} | strategy.conditions[0].then | required",
            "condition without query  | {'strategy':{'mode':'conditional','conditions':[{'then':'a'}]},'targets':[{'name':'a','provider':'@mock'}]} | strategy.conditions[0].query | required",
            "unknown target in then   | {'strategy':{'mode':'conditional','conditions':[{'query':{'metadata.env':'prod'},'then':'b'}]},'targets':[{'name':'a','provider':'@mock'}]} | strategy.conditions[0].then | no target named 'b'",
            "unknown default          | {'strategy':{'mode':'conditional','conditions':[{'query':{'metadata.env':'prod'},'then':'a'}],'default':'z'},'targets':[{'name':'a','provider':'@mock'}]} | strategy.default | no target named 'z'",
            "then names its own group | {'targets':[{'name':'g','strategy':{'mode':'conditional','conditions':[{'query':{'metadata.env':'prod'},'then':'g'}]},'targets':[{'name':'a','provider':'@mock'}]}]} | targets[0].strategy.conditions[0].then | cycle",
            "then names an ancestor   | {'targets':[{'name':'outer','targets':[{'name':'inner','strategy':{'mode':'conditional','conditions':[{'query':{'metadata.env':'prod'},'then':'outer'}]},'targets':[{'name':'a','provider':'@mock'}]}]}]} | targets[0].targets[0].strategy.conditions[0].then | cycle",
            "invalid regex            | {'strategy':{'mode':'conditional','conditions':[{'query':{'metadata.user':{'$regex':'(unclosed'}},'then':'a'}]},'targets':[{'name':'a','provider':'@mock'}]} | strategy.conditions[0].query.metadata.user.$regex | not a valid regular expression",
            "unknown operator         | {'strategy':{'mode':'conditional','conditions':[{'query':{'params.model':{'$like':'x'}},'then':'a'}]},'targets':[{'name':'a','provider':'@mock'}]} | strategy.conditions[0].query.params.model.$like | unknown operator",
            "unknown field            | {'strategy':{'mode':'conditional','conditions':[{'query':{'headers.x':'1'},'then':'a'}]},'targets':[{'name':'a','provider':'@mock'}]} | strategy.conditions[0].query.headers.x | unknown field",
            "duplicate sibling names  | {'targets':[{'name':'a','provider':'@mock'},{'name':'a','provider':'@anthropic'}]} | targets[1].name | duplicate target name 'a' (also targets[0])",
            "blank name               | {'targets':[{'name':' ','provider':'@mock'}]}            | targets[0].name    | non-empty string",
            "retry attempts too many  | {'targets':[{'provider':'@mock','retry':{'attempts':11}}]} | targets[0].retry.attempts | from 0 to 10",
            "retry without attempts   | {'retry':{'on_status_codes':[429]},'targets':[{'provider':'@mock'}]} | retry.attempts | required",
            "retry status not numeric | {'targets':[{'provider':'@mock','retry':{'attempts':1,'on_status_codes':['429']}}]} | targets[0].retry.on_status_codes[0] | HTTP status code",
            "retry-after not boolean  | {'targets':[{'provider':'@mock','retry':{'attempts':1,'use_retry_after_header':'yes'}}]} | targets[0].retry.use_retry_after_header | true or false",
            "zero timeout             | {'targets':[{'provider':'@mock','request_timeout':0}]}   | targets[0].request_timeout | > 0",
            "fractional timeout       | {'request_timeout':1.5,'targets':[{'provider':'@mock'}]} | request_timeout    | whole number",
            "semantic cache           | {'cache':{'mode':'semantic'},'targets':[{'provider':'@mock'}]} | cache.mode | \"simple\"",
            "cache max_age negative   | {'targets':[{'provider':'@mock','cache':{'mode':'simple','max_age':-5}}]} | targets[0].cache.max_age | > 0",
            "override_params not object | {'targets':[{'provider':'@mock','override_params':'x'}]} | targets[0].override_params | object",
            "empty allowed_models     | {'allowed_models':[],'targets':[{'provider':'@mock'}]}   | allowed_models     | non-empty array",
            "allowed model not string | {'allowed_models':['a',7],'targets':[{'provider':'@mock'}]} | allowed_models[1] | non-empty model id",
    })
    void rejectsWithThePathOfTheProblem(String description, String json, String path, String reason) {
        assertRejected(json, path, reason);
    }

    @Test
    void rejectsEmptyDocument() {
        assertRejected(" ", "", "must not be empty");
    }

    @Test
    void rejectsTreesNestedTooDeeply() {
        String json = "{'provider':'@mock'}";
        for (int i = 0; i <= RoutingConfigDocument.MAX_DEPTH + 1; i++) {
            json = "{'targets':[" + json + "]}";
        }
        String deep = json;
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("nested more than " + RoutingConfigDocument.MAX_DEPTH);
    }

    @Test
    void exceptionMessageCarriesThePath() {
        assertThatThrownBy(() -> parse("{'targets':[{'provider':'@mock','weight':-2}]}"))
                .hasMessage("targets[0].weight: must be ≥ 0");
    }
}
