package io.turnpike.proxy.guardrails;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code allowedRequestTypes}: passes when every non-text kind of content in the request is allowed. {@code allowed}
 * empty means "anything not blocked"; {@code blocked} always wins.
 */
public record AllowedRequestTypesCheck(Set<RequestType> allowed, Set<RequestType> blocked) implements GuardrailCheck {
    public static final String TYPE = "allowedRequestTypes";

    public AllowedRequestTypesCheck {
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
        blocked = Set.copyOf(blocked);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        List<RequestType> refused = input.requestTypes().stream()
                .filter(type -> blocked.contains(type) || (!allowed.isEmpty() && !allowed.contains(type)))
                .sorted()
                .toList();
        return CheckResult.of(refused.isEmpty(), "allowed_request_types", List.of(), start,
                refused.isEmpty() ? "request types allowed"
                        : "not allowed: " + refused.stream().map(RequestType::wireName).collect(Collectors.joining(", ")));
    }
}
