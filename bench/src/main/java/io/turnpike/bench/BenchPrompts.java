package io.turnpike.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * The request bodies, built once: a ~10 KB coding-assistant prompt that every input guardrail lets through (no
 * personal data, no injection phrasing, no regex hit), the same prompt with a few email addresses for redaction,
 * and a short streaming request. The text is invented; nothing here is a real person's data.
 */
final class BenchPrompts {
    static final String MODEL = "claude-haiku-4-5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SYSTEM = ("You are a careful coding assistant for a small platform team. Answer with "
            + "working code first and a short explanation after it. Prefer the standard library, name things for "
            + "what they do, and point out any behaviour change the caller should know about.\n").repeat(3);
    private static final String CODE = ("public final class OrderTotals {\n"
            + "    private final Map<String, Long> centsBySku = new HashMap<>();\n\n"
            + "    public void add(String sku, long cents) {\n"
            + "        centsBySku.merge(sku, cents, Long::sum);\n"
            + "    }\n\n"
            + "    public long total() {\n"
            + "        return centsBySku.values().stream().mapToLong(Long::longValue).sum();\n"
            + "    }\n"
            + "}\n\n").repeat(18);
    private static final String NOTES = ("The service reads orders from a queue, adds them up per product and writes "
            + "a summary every minute. Under load the summary is sometimes late, and the totals drift when the same "
            + "order arrives twice after a redelivery. We would like the totals to stay exact and the summary on "
            + "time without adding a database.\n").repeat(10);
    private static final String QUESTION = "Please review the class above. How would you make the totals safe under "
            + "concurrent callers and idempotent when an order is delivered twice? Show the changed class.";
    private static final String EMAILS = " When you are done, send the summary to maria.rossi@example.com and copy "
            + "build-team@example.org; the release notes go to dev.lead@example.net.";
    private static final String STREAM_QUESTION = "Explain in one paragraph why idempotent consumers matter when a "
            + "queue redelivers messages.";

    private BenchPrompts() {
    }

    /** ~10 KB that passes pii (all categories), promptInjection and the bench's regexMatch. */
    static byte[] passingPrompt() {
        return body(SYSTEM, NOTES + "\n" + CODE, QUESTION, false);
    }

    /** The same prompt with three email addresses in the last message: what input-redact rewrites. */
    static byte[] promptWithEmails() {
        return body(SYSTEM, NOTES + "\n" + CODE, QUESTION + EMAILS, false);
    }

    /** A short question answered as an SSE stream. */
    static byte[] streamingPrompt() {
        return body("You are a concise assistant.", "We run consumers on a message queue.", STREAM_QUESTION, true);
    }

    private static byte[] body(String system, String context, String question, boolean stream) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", MODEL);
        root.put("max_tokens", 1024);
        if (stream) {
            root.put("stream", true);
        }
        root.put("system", system);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", context);
        messages.addObject().put("role", "assistant").put("content", "Thanks, I have the context. What is the question?");
        messages.addObject().put("role", "user").put("content", question);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
