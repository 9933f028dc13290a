package io.turnpike.aggregates.readmodel;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Keeps this process's read models in step with the events other processes (replicas on the same PostgreSQL store)
 * append: one daemon thread reads the store from where the start-up replay ended, every {@code interval}, and hands
 * each event to the {@link ReadModelFeed}, which skips the ones this process applied already.
 * <p>
 * A poller over {@link EventStorageEngine#readEvents(TrackingToken, boolean)} rather than an Axon
 * TrackingEventProcessor: the storage engine's tracking tokens ({@code GapAwareTrackingToken}) already handle the
 * holes PostgreSQL's sequence leaves between concurrent transactions — an index skipped because its transaction had
 * not committed is read again on every poll until it shows up or times out — which is the part of a tracking
 * processor this needs; the rest (token store, segment claims, its own producer thread) would only add moving parts
 * to a per-process, in-memory model. The start position is exactly the replay's last token.
 * <p>
 * An event that is new here was appended by another process, so this process's cached copy of that aggregate is
 * stale: {@code changedElsewhere} is told its identifier before the read models change (Governance evicts it from the
 * aggregate caches), so a command here that follows what the read models show decides on the current state instead of
 * being refused or conflicting on an old one.
 */
public final class ReplicaFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFollower.class);
    /** Thread names start with this; tests check that none outlives {@link #close()}. */
    public static final String THREAD_NAME_PREFIX = "turnpike-replica-follower-";
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final EventStorageEngine store;
    private final ReadModelFeed feed;
    private final Consumer<String> changedElsewhere;
    private final Duration interval;
    private final ScheduledExecutorService thread;
    private final LongAdder eventsRead = new LongAdder();
    /** Where the next poll starts; only the follower thread touches it. Null: the store was empty at start. */
    private TrackingToken position;
    private volatile boolean stopping;
    private boolean failing;

    private ReplicaFollower(EventStorageEngine store, ReadModelFeed feed, Consumer<String> changedElsewhere,
                            TrackingToken position, Duration interval) {
        this.store = store;
        this.feed = feed;
        this.changedElsewhere = changedElsewhere;
        this.position = position;
        this.interval = interval;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread follower = new Thread(runnable, THREAD_NAME_PREFIX + THREADS.incrementAndGet());
            follower.setDaemon(true);
            return follower;
        });
    }

    /**
     * Starts polling after {@code from} (the replay's last token; null for an empty store) every {@code interval};
     * {@code changedElsewhere} receives the aggregate identifier of each event another process appended.
     */
    public static ReplicaFollower start(EventStorageEngine store, ReadModelFeed feed, Consumer<String> changedElsewhere,
                                        TrackingToken from, Duration interval) {
        ReplicaFollower follower = new ReplicaFollower(store, feed, changedElsewhere, from, interval);
        follower.thread.scheduleWithFixedDelay(follower::poll, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return follower;
    }

    /** Reads everything appended since the last poll; a failure is logged once per outage and retried next time. */
    private void poll() {
        try (Stream<? extends TrackedEventMessage<?>> events = store.readEvents(position, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext() && !stopping) {
                TrackedEventMessage<?> event = iterator.next();
                apply(event);
                position = event.trackingToken();
                eventsRead.increment();
            }
            if (failing) {
                LOG.info("reading the event store for other replicas' changes works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("cannot read the event store for other replicas' changes; retrying every {}", interval, e);
                failing = true;
            }
        }
    }

    /** Like the subscribing processor's default error handler: a read model bug is logged, the stream moves on. */
    private void apply(TrackedEventMessage<?> event) {
        try {
            feed.apply(event, changedElsewhere);
        } catch (Exception e) {
            LOG.error("applying event {} ({}) from the event store failed; the read models may miss it",
                    event.getIdentifier(), event.getPayloadType().getSimpleName(), e);
        }
    }

    /** Events read from the store since start, this process's own included (a measure that the follower runs). */
    long eventsRead() {
        return eventsRead.sum();
    }

    /** Stops polling and waits for a poll in progress to finish, so nothing reads the store after it closes. */
    @Override
    public void close() {
        stopping = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
                LOG.warn("the replica follower did not stop within {}", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
