package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code jsonKeys}: passes when the output's JSON object has {@code mode} of the top-level keys. The object is the
 * whole text, else the first fenced {@code ```json} block, else the outermost {@code { … }}; output with no JSON
 * object fails (it cannot have the keys).
 */
public record JsonKeysCheck(List<String> keys, MatchMode mode) implements GuardrailCheck {
    public static final String TYPE = "jsonKeys";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```(?:json)?\\s*\\n(.*?)```", Pattern.DOTALL);

    public JsonKeysCheck {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys must not be empty");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        StringBuilder all = new StringBuilder();
        for (TextSpan span : input.spans()) {
            all.append(span.text()).append('\n');
        }
        JsonNode object = findObject(all.toString().strip());
        if (object == null) {
            return CheckResult.of(false, "json_keys", List.of(), start, "no JSON object in the text");
        }
        long present = keys.stream().filter(object::has).count();
        return CheckResult.of(mode.holds((int) present, keys.size()), "json_keys", List.of(), start,
                present + " of " + keys.size() + " keys present (mode " + mode.wireName() + ")");
    }

    static JsonNode findObject(String text) {
        JsonNode whole = parseObject(text);
        if (whole != null) {
            return whole;
        }
        Matcher fence = FENCE.matcher(text);
        if (fence.find()) {
            JsonNode fenced = parseObject(fence.group(1).strip());
            if (fenced != null) {
                return fenced;
            }
        }
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        return open >= 0 && close > open ? parseObject(text.substring(open, close + 1)) : null;
    }

    private static JsonNode parseObject(String candidate) {
        if (!candidate.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(candidate);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
