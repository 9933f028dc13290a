package io.turnpike.aggregates.readmodel;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Applies stored events to the in-memory read models ({@link Directory}, {@link BudgetProjection}) exactly once and in
 * each aggregate's own order, whichever path brings them: the start-up replay, the subscribing processor (this
 * process's commands, before they return) or the {@link ReplicaFollower} (everything appended to the store, so this
 * process's own events come back a second time).
 * <p>
 * The guard is the aggregate sequence number: per aggregate the feed remembers the highest one applied and skips
 * anything at or below it. An event that jumps ahead (this process's command decided on state that included another
 * replica's events the follower has not delivered yet) first pulls the missing events of that aggregate from the
 * store, so nothing is skipped for being late and nothing is applied twice. The read models only ever combine events
 * of one aggregate, so per-aggregate order is all they need; different aggregates are applied concurrently.
 */
public final class ReadModelFeed implements EventMessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReadModelFeed.class);

    private final EventStorageEngine store;
    private final List<AnnotationEventHandlerAdapter> readModels;
    private final Map<String, AggregateProgress> progress = new ConcurrentHashMap<>();
    private final LongAdder duplicatesSkipped = new LongAdder();
    private final LongAdder caughtUp = new LongAdder();

    /** The highest sequence number applied for one aggregate; its monitor serializes that aggregate's events. */
    private static final class AggregateProgress {
        long applied = -1;
    }

    public ReadModelFeed(EventStorageEngine store, Object... readModels) {
        this.store = store;
        this.readModels = Stream.of(readModels).map(AnnotationEventHandlerAdapter::new).toList();
    }

    /**
     * Applies the event unless it was applied already. A failing read model handler still counts the event as
     * applied (the other read models have seen it; applying it again would double them) and the failure propagates.
     */
    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        apply(event, aggregateId -> {
        });
        return null;
    }

    /**
     * As {@link #handle}; {@code beforeApplyingNew} is told the aggregate of an event not applied before, under that
     * aggregate's lock and before any read model changes, so whoever sees the change also sees what it did.
     */
    void apply(EventMessage<?> event, Consumer<String> beforeApplyingNew) throws Exception {
        if (!(event instanceof DomainEventMessage<?> domainEvent) || domainEvent.getAggregateIdentifier() == null) {
            applyToReadModels(event); // not from an aggregate (none are today): nothing to order it against
            return;
        }
        String aggregateId = domainEvent.getAggregateIdentifier();
        long sequence = domainEvent.getSequenceNumber();
        AggregateProgress aggregate = progress.computeIfAbsent(aggregateId, id -> new AggregateProgress());
        synchronized (aggregate) {
            if (sequence <= aggregate.applied) {
                duplicatesSkipped.increment();
                return;
            }
            beforeApplyingNew.accept(aggregateId);
            if (sequence > aggregate.applied + 1) {
                catchUp(aggregateId, aggregate, sequence);
            }
            aggregate.applied = sequence;
            applyToReadModels(event);
        }
    }

    /** Applies the aggregate's stored events between the last one applied and {@code before}, in order. */
    private void catchUp(String aggregateId, AggregateProgress aggregate, long before) throws Exception {
        DomainEventStream missing = store.readEvents(aggregateId, aggregate.applied + 1);
        while (missing.hasNext()) {
            DomainEventMessage<?> event = missing.next();
            if (event.getSequenceNumber() >= before) {
                break;
            }
            if (event.getSequenceNumber() > aggregate.applied) {
                aggregate.applied = event.getSequenceNumber();
                caughtUp.increment();
                applyToReadModels(event);
            }
        }
        if (aggregate.applied != before - 1) {
            // Stored events are never deleted, so this means the store lost rows: say so rather than hide it.
            LOG.warn("events {}..{} of {} are missing from the event store; the read models skip them",
                    aggregate.applied + 1, before - 1, aggregateId);
        }
    }

    private void applyToReadModels(EventMessage<?> event) throws Exception {
        for (AnnotationEventHandlerAdapter readModel : readModels) {
            readModel.handle(event);
        }
    }

    /** Events ignored because they had been applied already (this process's own, delivered again by the follower). */
    public long duplicatesSkipped() {
        return duplicatesSkipped.sum();
    }

    /** Events read from an aggregate's stream because a later event of that aggregate arrived first. */
    public long caughtUp() {
        return caughtUp.sum();
    }
}
