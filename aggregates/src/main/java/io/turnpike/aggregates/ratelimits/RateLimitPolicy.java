package io.turnpike.aggregates.ratelimits;

import io.turnpike.aggregates.NotFoundException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.Rules;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.policy.RateLimitPolicyDefined;
import io.turnpike.events.policy.RateLimitPolicyRemoved;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One rate-limit policy: scope ({@code key}, {@code user}, {@code team}, {@code tenant}), an optional {@code match}
 * and up to four limits. The proxy enforces it (per node, in memory); this aggregate only keeps the definitions and
 * their audit trail. Defining it again replaces it; an identical definition is not an event.
 */
public class RateLimitPolicy {
    static final Set<String> SCOPES = Set.of("key", "user", "team", "tenant");
    /** Matches the proxy's bound, which keeps its fixed-point counters far from overflow. */
    static final long MAX_LIMIT = 1_000_000_000L;
    static final int MAX_MATCH_FIELDS = 16;

    @AggregateIdentifier
    private String aggregateId;
    private boolean defined;
    private RateLimitPolicyDefined current;

    RateLimitPolicy() {
        // Axon creates the empty aggregate, then replays or handles the creating command.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DefineRateLimitCommand command) {
        validate(command);
        RateLimitPolicyDefined next = new RateLimitPolicyDefined(command.policyId(), command.scope(),
                command.match(), command.requestsPerMinute(), command.requestsPerHour(), command.requestsPerDay(),
                command.tokensPerMinute(), command.actor(), GenericEventMessage.clock.instant());
        if (defined && sameDefinition(current, next)) {
            return;
        }
        apply(next);
    }

    @CommandHandler
    void handle(RemoveRateLimitCommand command) {
        Rules.requireActor(command.actor());
        if (!defined) {
            throw new NotFoundException("rate limit '" + command.policyId() + "' not found");
        }
        apply(new RateLimitPolicyRemoved(command.policyId(), command.actor(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(RateLimitPolicyDefined event) {
        aggregateId = StreamIds.rateLimit(event.policyId());
        defined = true;
        current = event;
    }

    @EventSourcingHandler
    void on(RateLimitPolicyRemoved event) {
        defined = false;
        current = null;
    }

    public static void validate(DefineRateLimitCommand command) {
        Rules.requireId("id", command.policyId());
        if (command.scope() == null || !SCOPES.contains(command.scope())) {
            throw new ValidationException("scope", "must be one of key, user, team, tenant");
        }
        Map<String, String> match = command.match();
        if (match != null) {
            if (match.size() > MAX_MATCH_FIELDS) {
                throw new ValidationException("match", "must have at most " + MAX_MATCH_FIELDS + " fields");
            }
            Rules.requireStringMap("match", match, Rules.MAX_TEXT);
            match.forEach((field, value) -> {
                if (value.isEmpty()) {
                    throw new ValidationException("match." + field, "must not be empty");
                }
            });
        }
        limit("requests_per_minute", command.requestsPerMinute());
        limit("requests_per_hour", command.requestsPerHour());
        limit("requests_per_day", command.requestsPerDay());
        limit("tokens_per_minute", command.tokensPerMinute());
        if (command.requestsPerMinute() == null && command.requestsPerHour() == null
                && command.requestsPerDay() == null && command.tokensPerMinute() == null) {
            throw new ValidationException("requests_per_minute",
                    "set at least one of requests_per_minute, requests_per_hour, requests_per_day, tokens_per_minute");
        }
        Rules.requireActor(command.actor());
    }

    private static void limit(String field, Long value) {
        if (value != null && (value < 1 || value > MAX_LIMIT)) {
            throw new ValidationException(field, "must be between 1 and " + MAX_LIMIT);
        }
    }

    private static boolean sameDefinition(RateLimitPolicyDefined a, RateLimitPolicyDefined b) {
        return a.scope().equals(b.scope()) && a.match().equals(b.match())
                && java.util.Objects.equals(a.requestsPerMinute(), b.requestsPerMinute())
                && java.util.Objects.equals(a.requestsPerHour(), b.requestsPerHour())
                && java.util.Objects.equals(a.requestsPerDay(), b.requestsPerDay())
                && java.util.Objects.equals(a.tokensPerMinute(), b.tokensPerMinute());
    }
}
