package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Builds checks from their JSON definitions. {@code type} may carry Portkey's {@code default.} prefix; Portkey's
 * names are accepted beside ours ({@code contains} = {@code wordList}, {@code modelWhitelist} =
 * {@code modelAllowList}, {@code rule} = {@code pattern}, {@code operator} = {@code mode}, {@code minWords} =
 * {@code min}, …), and so are the snake-case names the admin document validates ({@code case_insensitive},
 * {@code types} for {@code allowed}, {@code aws_access_key}). Every check takes {@code not} (boolean) to invert it. Unknown parameters are errors.
 */
public final class GuardrailChecks {
    /** The type names {@link #fromJson} builds, ours first. */
    public static final List<String> TYPES = List.of(RegexMatchCheck.TYPE, WordListCheck.TYPE, "characterCount",
            "wordCount", "sentenceCount", ModelAllowListCheck.TYPE, RequiredMetadataKeysCheck.TYPE,
            AllowedRequestTypesCheck.TYPE, JsonKeysCheck.TYPE, PiiCheck.TYPE, PromptInjectionCheck.TYPE);

    private GuardrailChecks() {
    }

    /**
     * @throws GuardrailDefinitionException naming {@code <type>.<field>} and the problem
     */
    public static GuardrailCheck fromJson(String type, JsonNode params) {
        String name = type.startsWith("default.") ? type.substring("default.".length()) : type;
        CheckParams p = new CheckParams(name, params);
        GuardrailCheck check = switch (name) {
            case "regexMatch" -> regexMatch(p);
            case "wordList", "contains" -> wordList(p);
            case "characterCount" -> count(p, TextCountCheck.Unit.CHARACTERS, "minCharacters", "maxCharacters");
            case "wordCount" -> count(p, TextCountCheck.Unit.WORDS, "minWords", "maxWords");
            case "sentenceCount" -> count(p, TextCountCheck.Unit.SENTENCES, "minSentences", "maxSentences");
            case "modelAllowList", "modelWhitelist" -> {
                p.allowOnly(Set.of("models", "not"));
                yield new ModelAllowListCheck(p.requiredStrings("models"));
            }
            case "requiredMetadataKeys" -> {
                p.allowOnly(Set.of("keys", "metadataKeys", "mode", "operator", "not"));
                yield new RequiredMetadataKeysCheck(p.requiredStrings("keys", "metadataKeys"),
                        mode(p, MatchMode.ALL));
            }
            case "allowedRequestTypes" -> allowedRequestTypes(p);
            case "jsonKeys" -> {
                p.allowOnly(Set.of("keys", "mode", "operator", "not"));
                yield new JsonKeysCheck(p.requiredStrings("keys"), mode(p, MatchMode.ANY));
            }
            case "pii" -> pii(p);
            case "promptInjection" -> promptInjection(p);
            default -> throw new GuardrailDefinitionException("unknown check type \"" + type + "\" (known: "
                    + String.join(", ", TYPES) + ")");
        };
        return p.optionalBoolean(false, "not") ? check.negated() : check;
    }

    private static GuardrailCheck regexMatch(CheckParams p) {
        p.allowOnly(Set.of("pattern", "rule", "flags", "timeoutMs", "not"));
        String pattern = p.requiredString("pattern", "rule");
        String flags = p.optionalString("", "flags");
        Long timeoutMs = p.optionalCount("timeoutMs");
        if (timeoutMs != null && (timeoutMs < 1 || timeoutMs > 1000)) {
            throw p.fail("timeoutMs", "must be between 1 and 1000");
        }
        Duration timeout = timeoutMs == null ? RegexMatchCheck.DEFAULT_TIMEOUT : Duration.ofMillis(timeoutMs);
        try {
            return RegexMatchCheck.compile(pattern, flags, timeout);
        } catch (PatternSyntaxException e) {
            throw p.fail("pattern", "is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        } catch (IllegalArgumentException e) {
            throw p.fail("flags", e.getMessage());
        }
    }

    private static GuardrailCheck wordList(CheckParams p) {
        p.allowOnly(Set.of("words", "mode", "operator", "caseInsensitive", "case_insensitive", "wholeWord",
                "whole_word", "not"));
        return new WordListCheck(p.requiredStrings("words"), mode(p, MatchMode.ANY),
                p.optionalBoolean(true, "caseInsensitive", "case_insensitive"),
                p.optionalBoolean(true, "wholeWord", "whole_word"));
    }

    private static GuardrailCheck count(CheckParams p, TextCountCheck.Unit unit, String portkeyMin, String portkeyMax) {
        p.allowOnly(Set.of("min", "max", portkeyMin, portkeyMax, "not"));
        Long min = p.optionalCount("min", portkeyMin);
        Long max = p.optionalCount("max", portkeyMax);
        if (min == null && max == null) {
            throw p.fail("min", "min or max is required");
        }
        if (min != null && max != null && min > max) {
            throw p.fail("min", "is above max");
        }
        return new TextCountCheck(unit, min, max);
    }

    private static GuardrailCheck allowedRequestTypes(CheckParams p) {
        p.allowOnly(Set.of("allowed", "types", "allowedTypes", "blocked", "blockedTypes", "not"));
        Set<RequestType> allowed = requestTypes(p, "allowed", p.optionalStrings("allowed", "types", "allowedTypes"));
        Set<RequestType> blocked = requestTypes(p, "blocked", p.optionalStrings("blocked", "blockedTypes"));
        if (allowed.isEmpty() && blocked.isEmpty()) {
            throw p.fail("allowed", "allowed or blocked is required");
        }
        return new AllowedRequestTypesCheck(allowed, blocked);
    }

    private static Set<RequestType> requestTypes(CheckParams p, String field, List<String> names) {
        Set<RequestType> types = EnumSet.noneOf(RequestType.class);
        for (String name : names) {
            types.add(p.parse(field, name, RequestType::parse));
        }
        return types;
    }

    private static GuardrailCheck pii(CheckParams p) {
        p.allowOnly(Set.of("categories", "redact", "not"));
        Set<PiiCategory> categories = EnumSet.noneOf(PiiCategory.class);
        for (String name : p.optionalStrings("categories")) {
            categories.add(p.parse("categories", name, PiiCategory::parse));
        }
        return new PiiCheck(categories, p.optionalBoolean(false, "redact"));
    }

    private static GuardrailCheck promptInjection(CheckParams p) {
        p.allowOnly(Set.of("rules", "not"));
        Set<PromptInjectionRule> rules = EnumSet.noneOf(PromptInjectionRule.class);
        for (String id : p.optionalStrings("rules")) {
            rules.add(p.parse("rules", id, PromptInjectionRule::parse));
        }
        return new PromptInjectionCheck(rules);
    }

    private static MatchMode mode(CheckParams p, MatchMode defaultMode) {
        String raw = p.optionalString(null, "mode", "operator");
        return raw == null ? defaultMode : p.parse("mode", raw, MatchMode::parse);
    }
}
