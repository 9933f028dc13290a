package io.turnpike.events.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configs shaped like the examples in Portkey's public documentation (fallback, load balancing, conditional routing,
 * retries, caching, timeouts and their nestings), with Portkey's provider slugs written as Turnpike provider ids.
 * Every one must parse: teams migrate by pasting theirs.
 */
class PortkeyConfigCorpusTest {
    private static final Predicate<String> REGISTERED = Set.of("anthropic-prod", "openai-main", "azure-openai-eu",
            "bedrock-us", "vertex-us")::contains;

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(PortkeyConfigCorpusTest.class.getResource("/portkey-configs")).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    private static ParsedConfig parse(String name) throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(PortkeyConfigCorpusTest.class.getResource("/portkey-configs")).toURI());
        return RoutingConfigDocument.parse(Files.readString(dir.resolve(name), StandardCharsets.UTF_8), REGISTERED);
    }

    @Test
    void corpusHoldsADozenExamples() throws Exception {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyExampleParses(Path file) throws IOException {
        ParsedConfig config = RoutingConfigDocument.parse(Files.readString(file, StandardCharsets.UTF_8), REGISTERED);

        assertThat(config.root().providerTargets()).isNotEmpty()
                .allSatisfy(t -> assertThat(REGISTERED.test(t.providerId())).isTrue());
    }

    @Test
    void portkeyOnlyKeysAreKeptAsWarnings() throws Exception {
        assertThat(parse("04-retry-and-cache-top-level.json").warningMessages()).containsExactly(
                "targets[0].virtual_key: unknown key; kept in the document but ignored by Turnpike",
                "targets[1].virtual_key: unknown key; kept in the document but ignored by Turnpike");
        assertThat(parse("13-url-pathname-and-guardrails.json").warningMessages()).containsExactlyInAnyOrder(
                "targets[1].custom_host: unknown key; kept in the document but ignored by Turnpike",
                "targets[1].forward_headers: unknown key; kept in the document but ignored by Turnpike");
        assertThat(parse("08-conditional-to-loadbalance.json").warnings()).isEmpty();
    }

    @Test
    void inputGuardrailsByIdReachEveryTarget() throws Exception {
        Target root = parse("13-url-pathname-and-guardrails.json").root();

        assertThat(root.providerTargets()).allSatisfy(t -> assertThat(t.inputGuardrails())
                .containsExactly(GuardrailRef.byId("pg-pii-detector", "input_guardrails[0]")));
    }

    @Test
    void topLevelRetryAndCacheReachEveryTarget() throws Exception {
        Target root = parse("04-retry-and-cache-top-level.json").root();

        assertThat(root.providerTargets()).allSatisfy(t -> {
            assertThat(t.retry()).isEqualTo(new RetryPolicy(5, List.of(429, 529), false));
            assertThat(t.cache()).isEqualTo(new CachePolicy("simple", 3600L));
        });
    }

    @Test
    void nestedConditionalRoutesToALoadBalancedGroup() throws Exception {
        Target root = parse("08-conditional-to-loadbalance.json").root();
        Condition first = root.strategy().conditions().get(0);

        assertThat(first.query().matches(new RequestFacts(Map.of(),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("model", "claude-sonnet"),
                "/v1/messages"))).isTrue();
        Target group = root.child(first.then()).orElseThrow();
        assertThat(group.path()).isEqualTo("config.targets[0]");
        assertThat(group.strategy().mode()).isEqualTo(StrategyMode.LOADBALANCE);
        assertThat(group.children()).extracting(Target::providerId)
                .containsExactly("anthropic-prod", "vertex-us", "bedrock-us");
    }

    @Test
    void retryAfterHeadersIsAcceptedInEitherSpelling() throws Exception {
        Target first = parse("10-loadbalance-of-fallbacks-with-retry.json").root().providerTargets().get(0);

        assertThat(first.retry().useRetryAfterHeader()).isTrue();
        assertThat(first.retry().attempts()).isEqualTo(3);
    }

    @Test
    void requestTimeoutOfTheTargetWinsOverTheTopLevel() throws Exception {
        List<Target> targets = parse("11-request-timeout-levels.json").root().providerTargets();

        assertThat(targets).extracting(Target::requestTimeoutMs).containsExactly(2000L, 10000L);
    }
}
