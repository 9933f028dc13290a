package io.turnpike.proxy.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Anthropic's error shapes: the JSON response body and the SSE {@code event: error} frame. */
public final class ErrorEnvelope {
    private ErrorEnvelope() {
    }

    public static String body(String type, String message, String requestId) {
        return body(type, message, requestId, null);
    }

    /** With a top-level {@code guardrail_results} array when {@code guardrailResults} is not null. */
    public static String body(String type, String message, String requestId,
                       com.fasterxml.jackson.databind.node.ArrayNode guardrailResults) {
        ObjectNode root = error(type, message);
        root.put("request_id", requestId);
        if (guardrailResults != null) {
            root.set("guardrail_results", guardrailResults);
        }
        return root.toString();
    }

    public static String sseFrame(String type, String message) {
        return sseFrame(type, message, null);
    }

    /** With {@code guardrail_results} beside {@code error} when not null (an output guardrail stopped the stream). */
    public static String sseFrame(String type, String message,
                           com.fasterxml.jackson.databind.node.ArrayNode guardrailResults) {
        ObjectNode root = error(type, message);
        if (guardrailResults != null) {
            root.set("guardrail_results", guardrailResults);
        }
        return "event: error\ndata: " + root + "\n\n";
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return root;
    }
}
