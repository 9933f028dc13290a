package io.turnpike.aggregates.configs;

import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.References;
import io.turnpike.events.config.ConfigValidationException;
import io.turnpike.events.config.ParsedConfig;
import io.turnpike.events.config.RoutingConfigDocument;

/**
 * Checks a routing config document with the shared config language ({@link RoutingConfigDocument}) against the
 * registered providers and the guardrails in force, and reports problems under the admin field
 * {@code configs.document} (e.g. {@code configs.document.targets[0].provider},
 * {@code configs.document.targets[0].input_guardrails[1]}). The document itself is stored untouched.
 */
public final class ConfigDocument {
    static final String FIELD = "configs.document";

    private ConfigDocument() {
    }

    /** The parsed document, whose warnings the admin API passes on; throws {@link ValidationException}. */
    public static ParsedConfig validate(String document, References references) {
        try {
            return RoutingConfigDocument.parse(document, references::providerExists, references::guardrailExists);
        } catch (ConfigValidationException e) {
            throw new ValidationException(e.path().isEmpty() ? FIELD : FIELD + "." + e.path(), e.reason());
        }
    }
}
