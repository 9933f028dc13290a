package io.turnpike.aggregates.pricing;

import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.events.admin.PriceTablePublished;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.startsWith;

public class PriceBookTest {
    public static final String TABLE = """
            {"version":"2026-12-01","models":{"claude-sonnet-4-5":{"input":3,"output":15,"cache_read":0.3,
             "cache_write_5m":3.75,"cache_write_1h":6}},"aliases":{"claude-sonnet-latest":"claude-sonnet-4-5"}}""";

    private AggregateTestFixture<PriceBook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PriceBook.class);
    }

    @Test
    void publishesAValidTable() {
        fixture.givenNoPriorActivity()
                .when(new PublishPriceTableCommand(TABLE, "alice"))
                .expectEvents(new PriceTablePublished("2026-12-01", TABLE, "alice", fixture.currentTime()));
    }

    @Test
    void refusesToReuseAVersion() {
        fixture.given(new PriceTablePublished("2026-12-01", TABLE, "alice", fixture.currentTime()))
                .when(new PublishPriceTableCommand(TABLE, "bob"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void acceptsANewVersionAfterAnOldOne() {
        String next = TABLE.replace("2026-12-01", "2027-01-01");
        fixture.given(new PriceTablePublished("2026-12-01", TABLE, "alice", fixture.currentTime()))
                .when(new PublishPriceTableCommand(next, "bob"))
                .expectEvents(new PriceTablePublished("2027-01-01", next, "bob", fixture.currentTime()));
    }

    @Test
    void namesTheMissingPrice() {
        fixture.givenNoPriorActivity()
                .when(new PublishPriceTableCommand(TABLE.replace("\"cache_read\":0.3,", ""), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("pricing.models.claude-sonnet-4-5.cache_read:"))
                .expectNoEvents();
    }

    @Test
    void refusesNegativePrices() {
        fixture.givenNoPriorActivity()
                .when(new PublishPriceTableCommand(TABLE.replace("\"output\":15", "\"output\":-1"), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("pricing.models.claude-sonnet-4-5.output:"));
    }

    @Test
    void refusesAliasesToUnpricedModels() {
        fixture.givenNoPriorActivity()
                .when(new PublishPriceTableCommand(TABLE.replace("\"claude-sonnet-4-5\"}", "\"claude-nope\"}"), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("pricing.aliases.claude-sonnet-latest:"));
    }

    @Test
    void refusesANegativeWebSearchPrice() {
        fixture.givenNoPriorActivity()
                .when(new PublishPriceTableCommand(TABLE.replace("\"aliases\"",
                        "\"server_tools\":{\"web_search_per_1000_requests\":-10},\"aliases\""), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("pricing.server_tools.web_search_per_1000_requests:"));
    }

    @Test
    void refusesAMissingVersion() {
        fixture.givenNoPriorActivity()
                .when(new PublishPriceTableCommand(TABLE.replace("\"version\":\"2026-12-01\",", ""), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("pricing.version:"));
    }
}
