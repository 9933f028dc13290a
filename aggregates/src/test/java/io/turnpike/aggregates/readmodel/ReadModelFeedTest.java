package io.turnpike.aggregates.readmodel;

import io.turnpike.aggregates.BudgetView;
import io.turnpike.aggregates.ConfigVersionView;
import io.turnpike.aggregates.ConfigView;
import io.turnpike.aggregates.PriceTableView;
import io.turnpike.aggregates.rules.StreamIds;
import io.turnpike.events.admin.ConfigCreated;
import io.turnpike.events.admin.ConfigUpdated;
import io.turnpike.events.admin.PriceTablePublished;
import io.turnpike.events.budget.BudgetCreated;
import io.turnpike.events.budget.ReservationReleased;
import io.turnpike.events.budget.SpendReserved;
import io.turnpike.events.budget.SpendSettled;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read models see every stored event exactly once, in its aggregate's order, however often and in whatever order
 * the subscribing processor and the replica follower deliver it.
 */
class ReadModelFeedTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String BUDGET = StreamIds.budget("b1");
    private static final String CONFIG = StreamIds.config("c1");

    /** A budget's life: reserved 100, 200 and 300; the first settled at 80, the second released. */
    private final List<DomainEventMessage<?>> budgetEvents = List.of(
            event(BUDGET, 0, new BudgetCreated("b1", "Team", Map.of("team", "search"), "usd", 1_000, "none", T0,
                    List.of(50, 80, 100), "alice", T0)),
            event(BUDGET, 1, new SpendReserved("b1", "r1", "q1", 100, T0.plusSeconds(60), T0)),
            event(BUDGET, 2, new SpendReserved("b1", "r2", "q2", 200, T0.plusSeconds(60), T0)),
            event(BUDGET, 3, new SpendSettled("b1", "r1", "q1", 100, 80, T0)),
            event(BUDGET, 4, new ReservationReleased("b1", "r2", 200, T0)),
            event(BUDGET, 5, new SpendReserved("b1", "r3", "q3", 300, T0.plusSeconds(60), T0)));
    private final List<DomainEventMessage<?>> otherEvents = List.of(
            event(CONFIG, 0, new ConfigCreated("c1", 1, "{\"targets\":[]}", "alice", T0)),
            event(CONFIG, 1, new ConfigUpdated("c1", 2, "{\"targets\":[{}]}", "bob", T0)),
            event(StreamIds.priceBook(), 0, new PriceTablePublished("2025-03", "{}", "alice", T0)));

    private final InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
    private Directory directory;
    private BudgetProjection budgets;
    private ReadModelFeed feed;

    @BeforeEach
    void storeEverything() {
        store.appendEvents(budgetEvents);
        store.appendEvents(otherEvents);
        directory = new Directory();
        budgets = new BudgetProjection();
        feed = new ReadModelFeed(store, directory, budgets);
    }

    @Test
    void everyEventDeliveredTwiceCountsOnce() throws Exception {
        List<DomainEventMessage<?>> all = all();
        feedAll(all);
        assertOnce();

        feedAll(all);

        assertOnce();
        assertThat(feed.duplicatesSkipped()).isEqualTo(all.size());
        assertThat(feed.caughtUp()).isZero();
    }

    @Test
    void aLaterEventArrivingFirstPullsTheEarlierOnesFromTheStore() throws Exception {
        feed.handle(budgetEvents.get(5)); // this process appended seq 5 after another replica appended 1..4

        BudgetView budget = budgets.budget("b1", T0).orElseThrow();
        assertThat(budget.reserved()).isEqualTo(300);
        assertThat(budget.spent()).isEqualTo(80);
        assertThat(budget.openReservations()).isEqualTo(1);
        assertThat(feed.caughtUp()).isEqualTo(5);

        feedAll(all()); // the follower delivers the whole store afterwards
        assertOnce();
        assertThat(feed.duplicatesSkipped()).isEqualTo(budgetEvents.size());
    }

    @Test
    void shuffledDuplicatesEndWhereInOrderDeliveryEnds() throws Exception {
        List<DomainEventMessage<?>> twice = new ArrayList<>(all());
        twice.addAll(all());
        Collections.shuffle(twice, new Random(20250301));

        feedAll(twice);

        assertOnce();
        long appliedAsDelivered = twice.size() - feed.duplicatesSkipped();
        assertThat(appliedAsDelivered + feed.caughtUp()).as("events applied").isEqualTo(all().size());
    }

    @Test
    void onlyEventsNewHereAreReportedBeforeTheReadModelsChange() throws Exception {
        feed.handle(budgetEvents.get(0)); // this process created the budget
        List<String> reported = new ArrayList<>();

        for (DomainEventMessage<?> event : budgetEvents.subList(0, 2)) { // the follower delivers it and a reservation
            feed.apply(event, aggregateId -> {
                reported.add(aggregateId);
                assertThat(budgets.budget("b1", T0).orElseThrow().reserved()).as("not applied yet").isZero();
            });
        }

        assertThat(reported).containsExactly(BUDGET);
        assertThat(budgets.budget("b1", T0).orElseThrow().reserved()).isEqualTo(100);
    }

    private void assertOnce() {
        BudgetView budget = budgets.budget("b1", T0).orElseThrow();
        assertThat(budget.reserved()).as("reserved").isEqualTo(300);
        assertThat(budget.spent()).as("spent").isEqualTo(80);
        assertThat(budget.openReservations()).as("open reservations").isEqualTo(1);
        assertThat(budget.remaining()).as("remaining").isEqualTo(620);
        assertThat(directory.configVersions("c1")).extracting(ConfigVersionView::version).containsExactly(1, 2);
        assertThat(directory.config("c1")).get().extracting(ConfigView::version).isEqualTo(2);
        assertThat(directory.priceTables()).extracting(PriceTableView::version).containsExactly("2025-03");
    }

    private List<DomainEventMessage<?>> all() {
        List<DomainEventMessage<?>> all = new ArrayList<>(budgetEvents);
        all.addAll(otherEvents);
        return all;
    }

    private void feedAll(List<DomainEventMessage<?>> events) throws Exception {
        for (DomainEventMessage<?> event : events) {
            feed.handle(event);
        }
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(aggregateId.substring(0, aggregateId.indexOf(':')), aggregateId,
                sequence, payload);
    }
}
