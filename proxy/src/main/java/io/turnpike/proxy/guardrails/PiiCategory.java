package io.turnpike.proxy.guardrails;

import java.util.Locale;

/**
 * What the PII detectors find. The declaration order is also the priority when two detections overlap (a PEM key
 * beats the base64 inside it, a card number beats the phone number it resembles).
 */
public enum PiiCategory {
    PRIVATE_KEY,
    ANTHROPIC_API_KEY,
    GCP_API_KEY,
    AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY,
    IBAN,
    CREDIT_CARD,
    EMAIL,
    US_SSN,
    IP_ADDRESS,
    PHONE;

    /** {@code private_key}, {@code credit_card}, …: the name in configurations, matches and events. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Also accepts {@code aws_access_key} and {@code aws_secret_key}, the names the admin document
     * ({@code io.turnpike.events.guardrails}) validates today.
     */
    public static PiiCategory parse(String wireName) {
        if ("aws_access_key".equals(wireName)) {
            return AWS_ACCESS_KEY_ID;
        }
        if ("aws_secret_key".equals(wireName)) {
            return AWS_SECRET_ACCESS_KEY;
        }
        for (PiiCategory category : values()) {
            if (category.wireName().equals(wireName)) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown PII category \"" + wireName + "\"");
    }
}
