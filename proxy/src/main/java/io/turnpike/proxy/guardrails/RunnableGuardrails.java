package io.turnpike.proxy.guardrails;

import io.turnpike.events.guardrails.GuardrailCheck;
import io.turnpike.events.guardrails.GuardrailDocument;
import io.turnpike.events.guardrails.GuardrailDocumentException;

import java.util.List;

/**
 * Whether this gateway can run a guardrail: every check compiles here. The document validator (events) checks
 * shapes only — it has no regex engine quirks or JSON Schema meta-schemas — so the admin API asks this too before
 * saving; otherwise a guardrail that compiles nowhere would be saved and then refuse every request it guards.
 */
public final class RunnableGuardrails {
    private RunnableGuardrails() {
    }

    /** @throws GuardrailDocumentException naming {@code checks[i].params} and what does not compile */
    public static void verify(GuardrailDocument document) {
        List<GuardrailCheck> checks = document.checks();
        for (int i = 0; i < checks.size(); i++) {
            try {
                GuardrailChecks.fromJson(checks.get(i).type(), checks.get(i).params());
            } catch (GuardrailDefinitionException e) {
                throw new GuardrailDocumentException("checks[" + i + "].params", e.getMessage());
            }
        }
    }
}
