package io.turnpike.launcher;

import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.GovernanceOptions;
import io.turnpike.events.request.TokenUsage;
import io.turnpike.proxy.pricing.PriceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy prices with the table published last, else the shipped one — across a restart too. */
class PublishedPricesIT {
    private static final String TABLE = """
            {"version":"acme-2026-12","models":{"claude-sonnet-4-5":{"input":2,"output":10,"cache_read":0.2,
             "cache_write_5m":2.5,"cache_write_1h":4}}}""";
    private static final TokenUsage USAGE = new TokenUsage(25, 12, 0, 0, 0);

    @TempDir
    Path home;

    @Test
    void pricesWithTheShippedTableUntilOneIsPublished() {
        PriceTable shipped = PriceTable.loadDefault();
        try (Governance governance = Governance.start(GovernanceOptions.embedded(home))) {
            PublishedPrices prices = new PublishedPrices(governance, shipped);
            assertThat(prices.current().cost("claude-sonnet-4-5", USAGE).nanoUsd()).isEqualTo(255_000L);

            governance.publishPriceTable(TABLE, "finance@acme.com");

            assertThat(prices.current().version()).isEqualTo("acme-2026-12");
            // 25×2000 + 12×10000 nano-USD with the published prices.
            assertThat(prices.current().cost("us.anthropic.claude-sonnet-4-5-20250929-v1:0", USAGE).nanoUsd())
                    .isEqualTo(170_000L);
            assertThat(prices.current()).as("parsed once per version").isSameAs(prices.current());
        }
        try (Governance restarted = Governance.start(GovernanceOptions.embedded(home))) {
            assertThat(new PublishedPrices(restarted, shipped).current().version()).isEqualTo("acme-2026-12");
        }
    }
}
