package io.turnpike.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.events.guardrails.GuardrailDocument;

import java.util.List;

/** The guardrail documents the scenarios attach, written as an admin would (validated by GuardrailDocument.parse). */
final class BenchGuardrails {
    static final String INPUT_DENY = "bench-input-deny";
    static final String INPUT_REDACT = "bench-input-redact";
    static final String OUTPUT_INCREMENTAL = "bench-output-incremental";
    static final String OUTPUT_HOLD = "bench-output-hold";
    /**
     * Phrases the prompts and the reply never contain. regexMatch passes on a match, so the bench inverts it
     * ({@code not}), as an admin denying these phrases would: it scans everything and lets the text through.
     */
    static final String REGEX = "(?i)\\b(confidential|internal use only|do not distribute)\\b";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchGuardrails() {
    }

    static List<String> documents() {
        return List.of(inputDeny(), inputRedact(), output(OUTPUT_INCREMENTAL, "incremental"), output(OUTPUT_HOLD, "hold"));
    }

    /** Every PII category, prompt injection and a regex, denying: the heaviest input set a tenant would attach. */
    private static String inputDeny() {
        ObjectNode root = guardrail(INPUT_DENY, "deny");
        ArrayNode checks = root.putArray("checks");
        checks.add(piiCheck(GuardrailDocument.piiCategories()));
        checks.addObject().put("type", "promptInjection");
        checks.add(regexCheck());
        return root.toString();
    }

    private static String inputRedact() {
        ObjectNode root = guardrail(INPUT_REDACT, "redact");
        root.putArray("checks").add(piiCheck(List.of("email")));
        return root.toString();
    }

    private static String output(String id, String streamMode) {
        ObjectNode root = guardrail(id, "deny");
        root.put("applies_to", "output");
        root.put("stream_mode", streamMode);
        ArrayNode checks = root.putArray("checks");
        checks.add(piiCheck(GuardrailDocument.piiCategories()));
        checks.add(regexCheck());
        return root.toString();
    }

    private static ObjectNode guardrail(String id, String action) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("action", action);
        return root;
    }

    private static ObjectNode piiCheck(List<String> categories) {
        ObjectNode check = JSON.createObjectNode().put("type", "pii");
        ArrayNode list = check.putObject("params").putArray("categories");
        categories.forEach(list::add);
        return check;
    }

    private static ObjectNode regexCheck() {
        ObjectNode check = JSON.createObjectNode().put("type", "regexMatch").put("not", true);
        check.putObject("params").put("pattern", REGEX);
        return check;
    }
}
