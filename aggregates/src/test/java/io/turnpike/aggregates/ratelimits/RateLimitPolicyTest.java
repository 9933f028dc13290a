package io.turnpike.aggregates.ratelimits;

import io.turnpike.aggregates.NotFoundException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.events.policy.RateLimitPolicyDefined;
import io.turnpike.events.policy.RateLimitPolicyRemoved;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitPolicyTest {
    private AggregateTestFixture<RateLimitPolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RateLimitPolicy.class);
    }

    private DefineRateLimitCommand define(Long perMinute, String actor) {
        return new DefineRateLimitCommand("eng-rpm", "team", Map.of("team", "eng"), perMinute, null, null, 50_000L,
                actor);
    }

    private RateLimitPolicyDefined defined(Long perMinute, String actor) {
        return new RateLimitPolicyDefined("eng-rpm", "team", Map.of("team", "eng"), perMinute, null, null, 50_000L,
                actor, fixture.currentTime());
    }

    @Test
    void definesAPolicy() {
        fixture.givenNoPriorActivity()
                .when(define(60L, "alice"))
                .expectEvents(defined(60L, "alice"));
    }

    @Test
    void redefiningWithOtherLimitsReplacesIt() {
        fixture.given(defined(60L, "alice"))
                .when(define(120L, "bob"))
                .expectEvents(defined(120L, "bob"));
    }

    @Test
    void anIdenticalDefinitionIsNoEvent() {
        fixture.given(defined(60L, "alice"))
                .when(define(60L, "bob"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removesADefinedPolicy() {
        fixture.given(defined(60L, "alice"))
                .when(new RemoveRateLimitCommand("eng-rpm", "bob"))
                .expectEvents(new RateLimitPolicyRemoved("eng-rpm", "bob", fixture.currentTime()));
    }

    @Test
    void removingARemovedPolicyIsNotFound() {
        fixture.given(defined(60L, "alice"), new RateLimitPolicyRemoved("eng-rpm", "bob", fixture.currentTime()))
                .when(new RemoveRateLimitCommand("eng-rpm", "bob"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void definesAgainAfterARemoval() {
        fixture.given(defined(60L, "alice"), new RateLimitPolicyRemoved("eng-rpm", "bob", fixture.currentTime()))
                .when(define(60L, "carol"))
                .expectEvents(defined(60L, "carol"));
    }

    @Test
    void rejectsAnUnknownScopeNamingTheField() {
        fixture.givenNoPriorActivity()
                .when(new DefineRateLimitCommand("x", "org", Map.of(), 1L, null, null, null, "alice"))
                .expectException(ValidationException.class)
                .expectNoEvents();
    }

    @Test
    void validationNamesEachField() {
        assertThat(field(new DefineRateLimitCommand("Bad Id", "team", null, 1L, null, null, null, "a"))).isEqualTo("id");
        assertThat(field(new DefineRateLimitCommand("x", null, null, 1L, null, null, null, "a"))).isEqualTo("scope");
        assertThat(field(new DefineRateLimitCommand("x", "team", Map.of("team", ""), 1L, null, null, null, "a")))
                .isEqualTo("match.team");
        assertThat(field(new DefineRateLimitCommand("x", "team", null, 0L, null, null, null, "a")))
                .isEqualTo("requests_per_minute");
        assertThat(field(new DefineRateLimitCommand("x", "team", null, null, -1L, null, null, "a")))
                .isEqualTo("requests_per_hour");
        assertThat(field(new DefineRateLimitCommand("x", "team", null, null, null, 2_000_000_000L, null, "a")))
                .isEqualTo("requests_per_day");
        assertThat(field(new DefineRateLimitCommand("x", "team", null, null, null, null, 0L, "a")))
                .isEqualTo("tokens_per_minute");
        assertThat(field(new DefineRateLimitCommand("x", "team", null, null, null, null, null, "a")))
                .isEqualTo("requests_per_minute");
        assertThat(field(new DefineRateLimitCommand("x", "team", null, 1L, null, null, null, " "))).isEqualTo("actor");
    }

    private static String field(DefineRateLimitCommand command) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> RateLimitPolicy.validate(command));
        assertThat(thrown).isInstanceOf(ValidationException.class);
        return ((ValidationException) thrown).field();
    }
}
