package io.turnpike.query.admin;

import io.turnpike.events.guardrails.GuardrailDocument;

/**
 * Asks the data path whether it can run a guardrail before it is saved (a check that would not compile there
 * would refuse every request it guards). The launcher plugs in the proxy's check library; without it only the
 * document's shape is validated.
 */
@FunctionalInterface
public interface GuardrailVerifier {
    GuardrailVerifier SHAPE_ONLY = document -> {
    };

    /** @throws io.turnpike.events.guardrails.GuardrailDocumentException naming the field that cannot run */
    void verify(GuardrailDocument document);
}
