package io.turnpike.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One way of serving the same kind of request. Each scenario is compared with the baseline of its own shape
 * (JSON requests with {@link #PROXY}, streams with {@link #PROXY_STREAM}), so a ratio isolates one cost: the proxy
 * itself against {@code direct}, guardrails against the bare proxy.
 */
enum Scenario {
    DIRECT("direct", "client → fake upstream, no proxy; ~10 KB prompt, JSON reply", false, false, null),
    PROXY("proxy", "through the proxy, no guardrails; ~10 KB prompt, JSON reply", true, false, DIRECT),
    INPUT_GUARDRAILS("input-guardrails",
            "pii (all categories) + promptInjection + regexMatch, deny, on a ~10 KB prompt that passes", true, false,
            PROXY),
    INPUT_REDACT("input-redact", "pii email, redact, on a ~10 KB prompt with emails", true, false, PROXY),
    DIRECT_STREAM("direct-stream", "client → fake upstream, no proxy; SSE stream of 60 text deltas (~1.5 KB)", false,
            true, null),
    PROXY_STREAM("proxy-stream", "through the proxy, no guardrails; SSE stream of 60 text deltas", true, true,
            DIRECT_STREAM),
    OUTPUT_INCREMENTAL("output-incremental", "output guardrail pii + regexMatch, stream_mode incremental; SSE stream",
            true, true, PROXY_STREAM),
    OUTPUT_HOLD("output-hold", "output guardrail pii + regexMatch, stream_mode hold; SSE stream", true, true,
            PROXY_STREAM);

    private final String wireName;
    private final String description;
    private final boolean viaProxy;
    private final boolean streaming;
    private final Scenario baseline;

    Scenario(String wireName, String description, boolean viaProxy, boolean streaming, Scenario baseline) {
        this.wireName = wireName;
        this.description = description;
        this.viaProxy = viaProxy;
        this.streaming = streaming;
        this.baseline = baseline;
    }

    String wireName() {
        return wireName;
    }

    String description() {
        return description;
    }

    boolean viaProxy() {
        return viaProxy;
    }

    boolean streaming() {
        return streaming;
    }

    /** What this scenario's overhead is measured against; empty for the direct scenarios. */
    Optional<Scenario> baseline() {
        return Optional.ofNullable(baseline);
    }

    /** The API key the proxy knows this scenario's requests by (one key, one config per scenario). */
    String apiKey() {
        return "tp-bench-" + wireName;
    }

    static Scenario fromWireName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name.trim()
                        + "'; expected one of " + allWireNames()));
    }

    static String allWireNames() {
        return Arrays.stream(values()).map(Scenario::wireName).collect(Collectors.joining(", "));
    }
}
