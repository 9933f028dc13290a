package io.turnpike.proxy.guardrails;

import java.util.Locale;

/** How many of a list must be present: {@code any} (at least one), {@code all}, or {@code none}. */
public enum MatchMode {
    ANY, ALL, NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MatchMode parse(String wireName) {
        for (MatchMode mode : values()) {
            if (mode.wireName().equals(wireName)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("must be one of any, all, none, not \"" + wireName + "\"");
    }

    boolean holds(int present, int listed) {
        return switch (this) {
            case ANY -> present > 0;
            case ALL -> present == listed;
            case NONE -> present == 0;
        };
    }
}
