package io.turnpike.proxy.guardrails;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled corpus in {@code guardrails/pii-corpus.tsv} and its scoring. Every line is scanned for every category
 * (as the {@code pii} check does), so a line is also a negative for every category it is not labelled with: a phone
 * number found inside a card number counts as a phone false positive.
 */
final class PiiCorpus {
    record Line(int lineNumber, PiiCategory category, boolean positive, String expected, String text, String note) {
    }

    /** Counts for one category. */
    static final class Score {
        int truePositives;
        int falsePositives;
        int falseNegatives;
        int positives;
        int negatives;
        final List<String> mistakes = new ArrayList<>();

        double precision() {
            int found = truePositives + falsePositives;
            return found == 0 ? 1.0 : (double) truePositives / found;
        }

        double recall() {
            int expected = truePositives + falseNegatives;
            return expected == 0 ? 1.0 : (double) truePositives / expected;
        }
    }

    static List<Line> load() {
        InputStream in = PiiCorpus.class.getResourceAsStream("/guardrails/pii-corpus.tsv");
        if (in == null) {
            throw new IllegalStateException("guardrails/pii-corpus.tsv is not on the classpath");
        }
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String raw;
            int number = 0;
            while ((raw = reader.readLine()) != null) {
                number++;
                if (raw.isBlank() || raw.startsWith("#")) {
                    continue;
                }
                String[] cols = raw.split("\t", -1);
                if (cols.length != 5) {
                    throw new IllegalStateException("pii-corpus.tsv line " + number + ": expected 5 columns");
                }
                boolean positive = switch (cols[1]) {
                    case "pos" -> true;
                    case "neg" -> false;
                    default -> throw new IllegalStateException("pii-corpus.tsv line " + number + ": label " + cols[1]);
                };
                lines.add(new Line(number, PiiCategory.parse(cols[0]), positive, unescape(cols[2]),
                        unescape(cols[3]), cols[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static String unescape(String value) {
        return value.replace("\\n", "\n");
    }

    static Map<PiiCategory, Score> score(List<Line> lines) {
        Map<PiiCategory, Score> scores = new EnumMap<>(PiiCategory.class);
        for (PiiCategory category : PiiCategory.values()) {
            scores.put(category, new Score());
        }
        for (Line line : lines) {
            Score own = scores.get(line.category());
            if (line.positive()) {
                own.positives++;
            } else {
                own.negatives++;
            }
            int expectedStart = line.positive() ? line.text().indexOf(line.expected()) : -1;
            int expectedEnd = expectedStart + line.expected().length();
            boolean foundExpected = false;
            for (PiiDetection detection : PiiDetectors.scanAll(line.text())) {
                boolean exact = line.positive() && detection.category() == line.category()
                        && detection.start() == expectedStart && detection.end() == expectedEnd;
                if (exact && !foundExpected) {
                    foundExpected = true;
                    own.truePositives++;
                } else {
                    Score wrong = scores.get(detection.category());
                    wrong.falsePositives++;
                    wrong.mistakes.add("line " + line.lineNumber() + ": false " + detection.category().wireName()
                            + " [" + detection.start() + "," + detection.end() + ") in a " + line.category().wireName()
                            + " " + (line.positive() ? "positive" : "negative") + " (" + line.note() + ")");
                }
            }
            if (line.positive() && !foundExpected) {
                own.falseNegatives++;
                own.mistakes.add("line " + line.lineNumber() + ": missed (" + line.note() + ")");
            }
        }
        return scores;
    }
}
