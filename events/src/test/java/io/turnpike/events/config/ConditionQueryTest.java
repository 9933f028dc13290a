package io.turnpike.events.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static boolean matches(String query, Map<String, String> metadata, String params) {
        return ConditionQuery.parse(json(query), "query")
                .matches(new RequestFacts(metadata, params == null ? null : json(params), "/v1/messages"));
    }

    @Test
    void siblingKeysAreAndedWithOr() {
        String query = "{'metadata.env':{'$eq':'prod'},'$or':[{'metadata.team':'eng'},{'metadata.team':'support'}]}";

        assertThat(matches(query, Map.of("env", "prod", "team", "eng"), null)).isTrue();
        assertThat(matches(query, Map.of("env", "prod", "team", "support"), null)).isTrue();
        assertThat(matches(query, Map.of("env", "dev", "team", "eng"), null))
                .as("the sibling env clause still applies next to $or").isFalse();
        assertThat(matches(query, Map.of("env", "prod", "team", "sales"), null)).isFalse();
    }

    @Test
    void siblingKeysAreAndedWithAnd() {
        String query = "{'$and':[{'metadata.tier':'paid'}],'params.model':{'$regex':'^claude-opus'}}";

        assertThat(matches(query, Map.of("tier", "paid"), "{'model':'claude-opus-4-1'}")).isTrue();
        assertThat(matches(query, Map.of("tier", "paid"), "{'model':'claude-haiku-4-5'}")).isFalse();
        assertThat(matches(query, Map.of("tier", "free"), "{'model':'claude-opus-4-1'}")).isFalse();
    }

    @Test
    void comparesNumbersNumericallyAndStringsLexically() {
        assertThat(matches("{'params.temperature':{'$gt':0.7}}", Map.of(), "{'temperature':1}")).isTrue();
        assertThat(matches("{'params.max_tokens':{'$lte':1000}}", Map.of(), "{'max_tokens':1000.0}")).isTrue();
        assertThat(matches("{'params.max_tokens':{'$eq':1000}}", Map.of(), "{'max_tokens':1e3}")).isTrue();
        assertThat(matches("{'params.max_tokens':{'$lt':9}}", Map.of(), "{'max_tokens':10}"))
                .as("10 > 9 numerically though '10' < '9' lexically").isFalse();
        assertThat(matches("{'metadata.version':{'$lt':'9'}}", Map.of("version", "10"), null))
                .as("strings compare lexically").isTrue();
    }

    @Test
    void mismatchedTypesNeverMatchExceptNegations() {
        assertThat(matches("{'metadata.priority':{'$gt':5}}", Map.of("priority", "7"), null))
                .as("metadata values are strings").isFalse();
        assertThat(matches("{'metadata.priority':{'$eq':7}}", Map.of("priority", "7"), null)).isFalse();
        assertThat(matches("{'metadata.priority':{'$ne':7}}", Map.of("priority", "7"), null)).isTrue();
        assertThat(matches("{'params.stream':{'$eq':true}}", Map.of(), "{'stream':true}")).isTrue();
        assertThat(matches("{'params.stream':{'$gt':0}}", Map.of(), "{'stream':true}")).isFalse();
    }

    @Test
    void missingFieldsMatchOnlyNegations() {
        Map<String, String> none = Map.of();
        assertThat(matches("{'metadata.env':{'$ne':'prod'}}", none, null)).isTrue();
        assertThat(matches("{'metadata.env':{'$nin':['prod']}}", none, null)).isTrue();
        assertThat(matches("{'metadata.env':{'$eq':'prod'}}", none, null)).isFalse();
        assertThat(matches("{'metadata.env':{'$in':['prod']}}", none, null)).isFalse();
        assertThat(matches("{'metadata.env':{'$regex':'.*'}}", none, null)).isFalse();
        assertThat(matches("{'params.temperature':{'$lt':1}}", none, "{'temperature':null}"))
                .as("JSON null counts as missing").isFalse();
    }

    @Test
    void readsNestedParamsAndTheUrlPath() {
        assertThat(matches("{'params.metadata.user_id':'u-1'}", Map.of(), "{'metadata':{'user_id':'u-1'}}"))
                .isTrue();
        assertThat(matches("{'params.messages.0.role':'user'}", Map.of(), "{'messages':[{'role':'user'}]}"))
                .isTrue();
        assertThat(matches("{'url.pathname':{'$regex':'count_tokens$'}}", Map.of(), null)).isFalse();
        assertThat(matches("{'url.pathname':{'$in':['/v1/messages','/v1/complete']}}", Map.of(), null)).isTrue();
    }

    @Test
    void metadataKeysMayContainDots() {
        assertThat(matches("{'metadata.app.version':'2'}", Map.of("app.version", "2"), null)).isTrue();
    }

    @Test
    void severalOperatorsOnOneFieldAreAnded() {
        String query = "{'params.max_tokens':{'$gte':100,'$lt':200}}";
        assertThat(matches(query, Map.of(), "{'max_tokens':150}")).isTrue();
        assertThat(matches(query, Map.of(), "{'max_tokens':200}")).isFalse();
    }

    @Test
    void regexFindsAPartialMatch() {
        assertThat(matches("{'metadata.user':{'$regex':'@acme\\\\.com'}}", Map.of("user", "a@acme.com"), null))
                .isTrue();
        assertThat(matches("{'metadata.user':{'$regex':'@acme\\\\.com'}}", Map.of("user", "a@acmexcom"), null))
                .isFalse();
    }

    @Test
    void rejectsMalformedQueriesWithTheirPath() {
        assertThatThrownBy(() -> ConditionQuery.parse(json("{'$or':[]}"), "q"))
                .hasMessage("q.$or: must be a non-empty array of query objects");
        assertThatThrownBy(() -> ConditionQuery.parse(json("{'$not':{}}"), "q"))
                .hasMessageStartingWith("q.$not: unknown logical operator");
        assertThatThrownBy(() -> ConditionQuery.parse(json("{'metadata.a':{'$in':'x'}}"), "q"))
                .hasMessageStartingWith("q.metadata.a.$in: must be an array");
        assertThatThrownBy(() -> ConditionQuery.parse(json("{'metadata.a':{'$gt':true}}"), "q"))
                .hasMessage("q.metadata.a.$gt: must be a number or a string");
        assertThatThrownBy(() -> ConditionQuery.parse(json("{}"), "q")).hasMessage("q: must not be empty");
        assertThatThrownBy(() -> ConditionQuery.parse(json("{'params.a..b':1}"), "q"))
                .hasMessageStartingWith("q.params.a..b: has an empty segment");
        assertThatThrownBy(() -> ConditionQuery.parse(json("{'$and':[{'metadata.a':1},{'metadata.b':{'$regex':'['}}]}"),
                "q")).hasMessageStartingWith("q.$and[1].metadata.b.$regex: is not a valid regular expression");
    }

    @Test
    void readsParamsOnlyWhenAClauseLooksAtTheBody() {
        assertThat(ConditionQuery.parse(json("{'metadata.team':'eng','url.pathname':'/v1/messages'}"), "q")
                .readsParams()).isFalse();
        assertThat(ConditionQuery.parse(json("{'params.model':'claude-haiku-4-5'}"), "q").readsParams()).isTrue();
        assertThat(ConditionQuery.parse(json("{'metadata.a':'1','$or':[{'metadata.b':'2'},{'$and':[{'params.x':1}]}]}"),
                "q").readsParams()).as("nested inside $or/$and").isTrue();
    }
}
