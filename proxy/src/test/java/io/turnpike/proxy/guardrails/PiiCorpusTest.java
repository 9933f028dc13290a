package io.turnpike.proxy.guardrails;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PiiCorpusTest {
    /** Floors per category over {@code guardrails/pii-corpus.tsv}; {@code GuardrailBench} prints the actual values. */
    static final double PRECISION_FLOOR = 0.95;
    static final double RECALL_FLOOR = 0.90;
    private static final List<PiiCorpus.Line> CORPUS = PiiCorpus.load();

    @Test
    void everyCategoryHasAtLeastFifteenPositivesAndFifteenNegatives() {
        Map<PiiCategory, PiiCorpus.Score> scores = PiiCorpus.score(CORPUS);
        for (PiiCategory category : PiiCategory.values()) {
            assertThat(scores.get(category).positives).as(category + " positives").isGreaterThanOrEqualTo(15);
            assertThat(scores.get(category).negatives).as(category + " negatives").isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void everyCategoryMeetsThePrecisionAndRecallFloors() {
        Map<PiiCategory, PiiCorpus.Score> scores = PiiCorpus.score(CORPUS);
        SoftAssertions softly = new SoftAssertions();
        for (PiiCategory category : PiiCategory.values()) {
            PiiCorpus.Score score = scores.get(category);
            softly.assertThat(score.precision()).as(category + " precision; mistakes: " + score.mistakes)
                    .isGreaterThanOrEqualTo(PRECISION_FLOOR);
            softly.assertThat(score.recall()).as(category + " recall; mistakes: " + score.mistakes)
                    .isGreaterThanOrEqualTo(RECALL_FLOOR);
        }
        softly.assertAll();
    }

    @Test
    void positivesAreFoundExactlyWithTheirLabelledSpan() {
        // The exact-span rule is what makes recall meaningful: a detector that flagged whole lines would fail it.
        PiiCorpus.Line line = CORPUS.stream().filter(l -> l.category() == PiiCategory.CREDIT_CARD && l.positive())
                .findFirst().orElseThrow();
        List<PiiDetection> found = PiiDetectors.scanAll(line.text());
        assertThat(found).extracting(d -> line.text().substring(d.start(), d.end())).containsExactly(line.expected());
    }
}
