package io.turnpike.proxy.routing;

import io.turnpike.events.config.RoutingConfigDocument;
import io.turnpike.events.config.Target;
import io.turnpike.proxy.exchange.ProxyCall;
import io.turnpike.proxy.health.CircuitBreakerKey;
import io.turnpike.proxy.health.TargetHealth;
import io.turnpike.proxy.health.TargetHealthSignal;
import io.turnpike.proxy.providers.AttemptFailure;
import io.turnpike.proxy.providers.AttemptOutcome;
import io.turnpike.proxy.wire.ProxyError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetSelectorTest {
    private static final byte[] BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":16,\"messages\":[]}".getBytes();
    private static final AttemptOutcome SERVER_ERROR = upstream(500);
    private static final AttemptOutcome CONNECTION_REFUSED = AttemptFailure.noAnswer(
            ProxyError.api("connection refused"), "ConnectException");

    /** Open breakers by provider id; everything else is available. */
    private final Set<String> openProviders = new HashSet<>();
    private final TargetHealth health = new TargetHealth() {
        @Override
        public boolean isAvailable(CircuitBreakerKey key) {
            return !openProviders.contains(key.providerId());
        }

        @Override
        public boolean allowRequest(CircuitBreakerKey key) {
            return isAvailable(key);
        }

        @Override
        public void record(CircuitBreakerKey key, TargetHealthSignal signal, String cause) {
        }
    };

    @Test
    void singleTakesTheFirstTargetAndNothingAfterIt() {
        TargetSelector selector = selector("{'strategy':{'mode':'single'},'targets':[{'provider':'@a'},{'provider':'@b'}]}");

        assertThat(selector.first().providerId()).isEqualTo("a");
        assertThat(selector.next(SERVER_ERROR)).isNull();
    }

    @Test
    void fallbackWalksTheTargetsInOrderThenLetsTheLastOutcomeStand() {
        TargetSelector selector = selector("{'strategy':{'mode':'fallback'},"
                + "'targets':[{'provider':'@a'},{'provider':'@b'},{'provider':'@c'}]}");

        assertThat(selector.first().path()).isEqualTo("config.targets[0]");
        assertThat(selector.next(SERVER_ERROR).path()).isEqualTo("config.targets[1]");
        assertThat(selector.next(CONNECTION_REFUSED).path()).as("no answer always moves on")
                .isEqualTo("config.targets[2]");
        assertThat(selector.next(SERVER_ERROR)).isNull();
    }

    @Test
    void fallbackMovesOnlyOnListedStatusesOrNoAnswer() {
        String config = "{'strategy':{'mode':'fallback','on_status_codes':[429,529]},"
                + "'targets':[{'provider':'@a'},{'provider':'@b'}]}";

        TargetSelector listed = selector(config);
        listed.first();
        assertThat(listed.next(upstream(529)).providerId()).isEqualTo("b");

        TargetSelector unlisted = selector(config);
        unlisted.first();
        assertThat(unlisted.next(upstream(500))).as("500 is not in on_status_codes").isNull();

        TargetSelector timedOut = selector(config);
        timedOut.first();
        assertThat(timedOut.next(CONNECTION_REFUSED).providerId()).isEqualTo("b");
    }

    @Test
    void fallbackNeverMovesPastASuccess() {
        TargetSelector selector = selector("{'strategy':{'mode':'fallback'},'targets':[{'provider':'@a'},{'provider':'@b'}]}");
        selector.first();

        assertThat(selector.next(upstream(200))).isNull();
    }

    @Test
    void nestedGroupsAreWalkedDepthFirstAndAnInnerGroupHandsItsOutcomeToItsParent() {
        // Inner fallback only on 429; the outer one on anything.
        TargetSelector selector = selector("{'strategy':{'mode':'fallback'},'targets':["
                + "{'strategy':{'mode':'fallback','on_status_codes':[429]},'targets':[{'provider':'@a'},{'provider':'@b'}]},"
                + "{'provider':'@c'}]}");

        assertThat(selector.first().path()).isEqualTo("config.targets[0].targets[0]");
        assertThat(selector.next(upstream(429)).path()).isEqualTo("config.targets[0].targets[1]");
        assertThat(selector.next(upstream(500)).path()).as("the inner group gives up on 500; the outer moves on")
                .isEqualTo("config.targets[1]");
        assertThat(selector.next(upstream(500))).isNull();
    }

    @Test
    void fallbackOverLoadBalancedGroupsDrawsOncePerGroupWhenItIsReached() {
        TargetSelector selector = selector("{'strategy':{'mode':'fallback'},'targets':["
                + "{'strategy':{'mode':'loadbalance'},'targets':[{'provider':'@a','weight':1},{'provider':'@b','weight':0}]},"
                + "{'strategy':{'mode':'loadbalance'},'targets':[{'provider':'@c','weight':0},{'provider':'@d','weight':5}]}]}");

        assertThat(selector.first().path()).isEqualTo("config.targets[0].targets[0]");
        assertThat(selector.next(SERVER_ERROR).path()).as("a load balancer does not move on; its parent does")
                .isEqualTo("config.targets[1].targets[1]");
        assertThat(selector.next(SERVER_ERROR)).isNull();
    }

    @Test
    void conditionalRoutesByMetadataParamsAndUrlInConditionOrder() {
        String config = "{'strategy':{'mode':'conditional','conditions':["
                + "{'query':{'metadata.team':'search'},'then':'search'},"
                + "{'query':{'params.model':{'$regex':'^claude-opus'}},'then':'big'},"
                + "{'query':{'url.pathname':'/v1/messages/count_tokens'},'then':'counting'}],"
                + "'default':'fallback'},'targets':[{'name':'search','provider':'@a'},{'name':'big','provider':'@b'},"
                + "{'name':'counting','provider':'@c'},{'name':'fallback','provider':'@d'}]}";

        assertThat(first(config, Map.of("team", "search"), "{\"model\":\"claude-opus-4-1\"}", "/v1/messages"))
                .as("the first matching condition wins").isEqualTo("a");
        assertThat(first(config, Map.of("team", "ads"), "{\"model\":\"claude-opus-4-1\"}", "/v1/messages"))
                .isEqualTo("b");
        assertThat(first(config, Map.of(), "{\"model\":\"claude-haiku-4-5\"}", "/v1/messages/count_tokens"))
                .isEqualTo("c");
        assertThat(first(config, Map.of(), "{\"model\":\"claude-haiku-4-5\"}", "/v1/messages")).isEqualTo("d");
    }

    @Test
    void conditionalWithoutMatchOrDefaultIsNoRoute() {
        TargetSelector selector = selector("{'strategy':{'mode':'conditional','conditions':["
                + "{'query':{'metadata.team':'search'},'then':'search'}]},'targets':[{'name':'search','provider':'@a'}]}");

        assertThatThrownBy(selector::first).isInstanceOf(TargetSelector.NoRouteMatched.class)
                .hasMessageContaining("no routing condition matched").hasMessageContaining("config");
    }

    @Test
    void aFallbackPassesOverAConditionalGroupThatMatchesNothing() {
        TargetSelector selector = selector("{'strategy':{'mode':'fallback'},'targets':["
                + "{'strategy':{'mode':'conditional','conditions':[{'query':{'metadata.team':'x'},'then':'x'}]},"
                + "'targets':[{'name':'x','provider':'@a'}]},{'provider':'@b'}]}");

        assertThat(selector.first().providerId()).isEqualTo("b");
    }

    @Test
    void conditionsOnMetadataAloneNeverParseTheBody() {
        String config = "{'strategy':{'mode':'conditional','conditions':[{'query':{'metadata.team':'x'},'then':'x'}],"
                + "'default':'x'},'targets':[{'name':'x','provider':'@a'}]}";
        byte[] notJson = "not json at all".getBytes();

        TargetSelector selector = TargetSelector.of(parse(config), new TargetSelector.Context(new Random(1),
                new RoutingFacts(Map.of("team", "x"), notJson, "/v1/messages"), health));

        assertThat(selector.first().providerId()).isEqualTo("a");
    }

    /**
     * 10,000 seeded draws with weights 1:2:7 against the expected 1,000 / 2,000 / 7,000: Pearson's chi-square must
     * stay below 13.82, the critical value for 2 degrees of freedom at p = 0.001. The seed fixes the draws, so the
     * test cannot flake; a wrong weighting (say, uniform) scores in the thousands.
     */
    @Test
    void loadBalanceDrawsInProportionToTheWeights() {
        String config = "{'strategy':{'mode':'loadbalance'},'targets':[{'provider':'@a','weight':1},"
                + "{'provider':'@b','weight':2},{'provider':'@c','weight':7},{'provider':'@z','weight':0}]}";
        Random random = new Random(20251125L);
        Map<String, Integer> counts = new HashMap<>();
        int draws = 10_000;

        for (int i = 0; i < draws; i++) {
            counts.merge(selector(config, random).first().providerId(), 1, Integer::sum);
        }

        assertThat(counts).doesNotContainKey("z");
        double chiSquare = 0;
        for (Map.Entry<String, Double> expected : Map.of("a", 0.1, "b", 0.2, "c", 0.7).entrySet()) {
            double e = expected.getValue() * draws;
            double observed = counts.getOrDefault(expected.getKey(), 0);
            chiSquare += (observed - e) * (observed - e) / e;
        }
        assertThat(chiSquare).as("chi-square of %s", counts).isLessThan(13.82);
    }

    @Test
    void aWeightOfZeroIsNeverDrawn() {
        String config = "{'strategy':{'mode':'loadbalance'},'targets':[{'provider':'@zero','weight':0},"
                + "{'provider':'@tiny','weight':0.001}]}";
        Random random = new Random(7);

        for (int i = 0; i < 2_000; i++) {
            assertThat(selector(config, random).first().providerId()).isEqualTo("tiny");
        }
    }

    @Test
    void theSameSeedDrawsTheSameTargets() {
        String config = "{'strategy':{'mode':'loadbalance'},'targets':[{'provider':'@a'},{'provider':'@b'},"
                + "{'provider':'@c'}]}";

        assertThat(drawSequence(config, 42)).isEqualTo(drawSequence(config, 42)).hasSize(50);
        assertThat(drawSequence(config, 42)).isNotEqualTo(drawSequence(config, 43));
    }

    @Test
    void openBreakersAreSkippedWhileAHealthyAlternativeExists() {
        openProviders.add("a");

        TargetSelector fallback = selector("{'strategy':{'mode':'fallback'},'targets':[{'provider':'@a'},{'provider':'@b'}]}");
        assertThat(fallback.first().providerId()).isEqualTo("b");

        String balanced = "{'strategy':{'mode':'loadbalance'},'targets':[{'provider':'@a','weight':99},{'provider':'@b'}]}";
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            assertThat(selector(balanced, random).first().providerId()).isEqualTo("b");
        }
    }

    @Test
    void whenEveryBreakerIsOpenTheTargetsAreTriedAnyway() {
        openProviders.addAll(List.of("a", "b"));

        TargetSelector fallback = selector("{'strategy':{'mode':'fallback'},'targets':[{'provider':'@a'},{'provider':'@b'}]}");

        assertThat(fallback.first().providerId()).isEqualTo("a");
        assertThat(fallback.chosenDespiteHealth()).as("so the attempt loop sends rather than skips").isTrue();
        assertThat(fallback.next(SERVER_ERROR).providerId()).isEqualTo("b");
        assertThat(fallback.chosenDespiteHealth()).isTrue();

        TargetSelector balanced = selector("{'strategy':{'mode':'loadbalance'},'targets':[{'provider':'@a'},{'provider':'@b'}]}");
        assertThat(balanced.first().providerId()).isIn("a", "b");
        assertThat(balanced.chosenDespiteHealth()).isTrue();
    }

    @Test
    void aTargetChosenAmongHealthyAlternativesOrWithoutRegardToHealthIsNotChosenDespiteHealth() {
        openProviders.add("a");

        TargetSelector fallback = selector("{'strategy':{'mode':'fallback'},'targets':[{'provider':'@a'},{'provider':'@b'}]}");
        assertThat(fallback.first().providerId()).isEqualTo("b");
        assertThat(fallback.chosenDespiteHealth()).isFalse();

        // A conditional never looks at health: its open pick may still be skipped for the parent's next child.
        TargetSelector nested = selector("{'strategy':{'mode':'fallback'},'targets':["
                + "{'strategy':{'mode':'conditional','conditions':[{'query':{'metadata.team':'search'},'then':'y'}],'default':'x'},'targets':["
                + "{'name':'x','provider':'@a'},{'name':'y','provider':'@c'}]},{'provider':'@b'}]}");
        assertThat(nested.first().providerId()).isEqualTo("a");
        assertThat(nested.chosenDespiteHealth()).isFalse();
        assertThat(nested.next(CONNECTION_REFUSED).providerId()).isEqualTo("b");
    }

    private List<String> drawSequence(String config, long seed) {
        Random random = new Random(seed);
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            drawn.add(selector(config, random).first().providerId());
        }
        return drawn;
    }

    private String first(String config, Map<String, String> metadata, String body, String url) {
        return TargetSelector.of(parse(config), new TargetSelector.Context(new Random(1),
                new RoutingFacts(metadata, body.getBytes(), url), health)).first().providerId();
    }

    private TargetSelector selector(String config) {
        return selector(config, new Random(1));
    }

    private TargetSelector selector(String config, Random random) {
        return TargetSelector.of(parse(config), new TargetSelector.Context(random,
                new RoutingFacts(Map.of(), BODY, "/v1/messages"), health));
    }

    private static Target parse(String config) {
        return RoutingConfigDocument.parse(config.replace('\'', '"'), id -> true).root();
    }

    private static AttemptOutcome upstream(int status) {
        return new AttemptOutcome() {
            @Override
            public int status() {
                return status;
            }

            @Override
            public Retryability retryability() {
                return Retryability.BY_STATUS;
            }

            @Override
            public String upstreamHeader(String name) {
                return null;
            }

            @Override
            public void commit(ProxyCall call) {
                throw new UnsupportedOperationException("selection never commits");
            }

            @Override
            public void discard() {
            }
        };
    }
}
