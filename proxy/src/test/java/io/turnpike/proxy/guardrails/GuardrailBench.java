package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints the PII corpus scores (TP/FP/FN, precision, recall per category) and each check's latency (p50/p99 over
 * {@code iterations} runs, after a warm-up) on a realistic ~10 KB prompt split over system + messages. Run:
 * <pre>
 * mvn -q -pl proxy -am test-compile &amp;&amp; mvn -q -pl proxy dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp proxy/target/test-classes:proxy/target/classes:$(cat /tmp/cp.txt) \
 *     io.turnpike.proxy.guardrails.GuardrailBench [iterations]
 * </pre>
 */
public final class GuardrailBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        printCorpusScores();
        printLatencies(iterations);
    }

    static void printCorpusScores() {
        List<PiiCorpus.Line> corpus = PiiCorpus.load();
        Map<PiiCategory, PiiCorpus.Score> scores = PiiCorpus.score(corpus);
        System.out.printf(Locale.ROOT, "PII corpus: %d lines (guardrails/pii-corpus.tsv)%n", corpus.size());
        System.out.printf(Locale.ROOT, "%-22s %4s %4s %4s %4s %4s %9s %7s%n",
                "category", "pos", "neg", "TP", "FP", "FN", "precision", "recall");
        for (PiiCategory category : PiiCategory.values()) {
            PiiCorpus.Score s = scores.get(category);
            System.out.printf(Locale.ROOT, "%-22s %4d %4d %4d %4d %4d %9.3f %7.3f%n", category.wireName(),
                    s.positives, s.negatives, s.truePositives, s.falsePositives, s.falseNegatives,
                    s.precision(), s.recall());
        }
        System.out.println();
    }

    static void printLatencies(int iterations) throws Exception {
        GuardrailInput input = realisticPrompt();
        int chars = input.spans().stream().mapToInt(span -> span.text().length()).sum();
        System.out.printf(Locale.ROOT, "Check latency on a %d-character prompt in %d spans, %d iterations%n",
                chars, input.spans().size(), iterations);
        System.out.printf(Locale.ROOT, "%-40s %10s %10s %10s%n", "check", "p50 µs", "p99 µs", "max µs");
        for (Map.Entry<String, GuardrailCheck> entry : benchmarkedChecks().entrySet()) {
            long[] nanos = new long[iterations];
            for (int i = 0; i < iterations / 5 + 10; i++) {
                entry.getValue().evaluate(input);
            }
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                entry.getValue().evaluate(input);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%-40s %10.1f %10.1f %10.1f%n", entry.getKey(),
                    percentile(nanos, 0.50) / 1e3, percentile(nanos, 0.99) / 1e3, nanos[nanos.length - 1] / 1e3);
        }
    }

    static long percentile(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static Map<String, GuardrailCheck> benchmarkedChecks() throws Exception {
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("regexMatch", "{\"pattern\":\"(?i)\\\\bconfidential\\\\b\"}");
        definitions.put("wordList", "{\"words\":[\"password\",\"internal only\",\"do not share\"],\"mode\":\"none\"}");
        definitions.put("characterCount", "{\"max\":100000}");
        definitions.put("wordCount", "{\"max\":20000}");
        definitions.put("sentenceCount", "{\"max\":2000}");
        definitions.put("modelAllowList", "{\"models\":[\"claude-sonnet-4*\",\"claude-opus-4-1\"]}");
        definitions.put("requiredMetadataKeys", "{\"keys\":[\"team\",\"user\"]}");
        definitions.put("allowedRequestTypes", "{\"blocked\":[\"documents\"]}");
        definitions.put("jsonKeys", "{\"keys\":[\"answer\"]}");
        definitions.put("jsonSchema", "{\"schema\":{\"type\":\"object\",\"required\":[\"answer\"]}}");
        definitions.put("metadataModelRules", "{\"rules\":[{\"when\":{\"team\":\"a\"},\"models\":[\"claude-sonnet-4*\"]}]}");
        definitions.put("pii (all categories)", "{}");
        definitions.put("pii (email, phone, credit_card)", "{\"categories\":[\"email\",\"phone\",\"credit_card\"]}");
        definitions.put("promptInjection (all rules)", "{}");
        Map<String, GuardrailCheck> checks = new LinkedHashMap<>();
        for (Map.Entry<String, String> definition : definitions.entrySet()) {
            String type = definition.getKey().split(" ")[0];
            checks.put(definition.getKey(), GuardrailChecks.fromJson(type, JSON.readTree(definition.getValue())));
        }
        return checks;
    }

    /** ~10 KB: a system prompt, a pasted log and code, a few turns, one email and one card number. */
    static GuardrailInput realisticPrompt() {
        String system = "You are a support assistant for Acme Corp. Answer briefly, cite the runbook section, "
                + "and never promise refunds. The customer's plan and open tickets follow.\n".repeat(4);
        String log = ("2026-03-14T10:15:22Z INFO  request_id=req_8fK2 user=42 path=/api/orders latency_ms=183 "
                + "status=200 upstream=10.20.30.40:8443 version=1.2.3\n").repeat(30);
        String code = ("public Order place(Cart cart) {\n    var total = cart.items().stream().mapToLong(Item::cents)"
                + ".sum();\n    if (total > LIMIT) throw new IllegalStateException(\"over limit\");\n"
                + "    return orders.save(new Order(cart.id(), total));\n}\n").repeat(14);
        String question = "Hi, my order from last week never arrived. You can reach me at jane.doe@example.com. "
                + "I paid with 4111 1111 1111 1111 and would like to know what happened; the tracking page "
                + "shows nothing since Tuesday. Also, why does the checkout code below reject my cart? ";
        List<TextSpan> spans = new ArrayList<>();
        spans.add(new TextSpan("system", system));
        spans.add(new TextSpan("messages[0].content[0]", question.repeat(6)));
        spans.add(new TextSpan("messages[1].content[0]", "Could you share the server log and the code?"));
        spans.add(new TextSpan("messages[2].content[0]", log));
        spans.add(new TextSpan("messages[2].content[1]", code));
        return new GuardrailInput(spans, "claude-sonnet-4-5", Map.of("team", "support", "user", "u-42"),
                Set.of(RequestType.TOOL_USE));
    }
}
