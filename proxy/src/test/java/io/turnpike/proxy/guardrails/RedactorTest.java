package io.turnpike.proxy.guardrails;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    @Test
    void replacesEachMatchAndCountsByCategory() {
        List<TextSpan> spans = List.of(new TextSpan("system", "no pii here"),
                new TextSpan("messages[0].content[0]", "mail a@b.co or c@d.co, card 4111111111111111"));
        CheckResult result = new PiiCheck(java.util.Set.of(), true).evaluate(
                new GuardrailInput(spans, null, Map.of(), java.util.Set.of()));
        Redaction redaction = Redactor.redact(spans, result.matches());
        assertThat(redaction.spans()).extracting(TextSpan::text).containsExactly("no pii here",
                "mail [REDACTED:EMAIL] or [REDACTED:EMAIL], card [REDACTED:CREDIT_CARD]");
        assertThat(redaction.countsByCategory()).containsExactlyInAnyOrderEntriesOf(Map.of("email", 2, "credit_card", 1));
        assertThat(redaction.total()).isEqualTo(3);
        assertThat(redaction.spans().get(0)).isSameAs(spans.get(0));
    }

    @Test
    void overlappingMatchesBecomeOneReplacementAndForeignMatchesAreIgnored() {
        List<TextSpan> spans = List.of(new TextSpan("s", "0123456789"));
        Redaction redaction = Redactor.redact(spans, List.of(new SpanMatch("s", 2, 6, "a"),
                new SpanMatch("s", 4, 8, "b"), new SpanMatch("other", 0, 1, "c"), new SpanMatch("s", 5, 50, "d")));
        assertThat(redaction.spans().get(0).text()).isEqualTo("01[REDACTED:A]89");
        assertThat(redaction.countsByCategory()).containsExactly(Map.entry("a", 1));
    }

    @Test
    void nothingToRedact() {
        List<TextSpan> spans = List.of(new TextSpan("s", "plain"));
        Redaction redaction = Redactor.redact(spans, List.of());
        assertThat(redaction.redactedAnything()).isFalse();
        assertThat(redaction.spans()).isEqualTo(spans);
    }
}
