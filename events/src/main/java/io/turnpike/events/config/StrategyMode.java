package io.turnpike.events.config;

import java.util.Locale;

/** How a group of targets is used; the JSON spelling is the lower-case name ({@code "loadbalance"}). */
public enum StrategyMode {
    /** Only the first target. */
    SINGLE,
    /** Targets in order; the next one on a status in {@code on_status_codes} or a connection failure/timeout. */
    FALLBACK,
    /** One target picked at random, in proportion to the targets' weights. */
    LOADBALANCE,
    /** The target named by the first matching condition, else {@code default}. */
    CONDITIONAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode spelled {@code wire}, or null when there is none. */
    static StrategyMode fromWire(String wire) {
        for (StrategyMode mode : values()) {
            if (mode.wireName().equals(wire)) {
                return mode;
            }
        }
        return null;
    }
}
