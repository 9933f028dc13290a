package io.turnpike.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: a fixed number of virtual users (platform threads), each sending the next request as soon as
 * the previous one has been read to its last byte, until the run's request count is used up. Bodies are read
 * into a per-user buffer rather than kept, so the client allocates the same for every scenario.
 */
final class LoadGenerator implements AutoCloseable {
    private static final int SAMPLE_CHARACTERS = 300;

    private final int concurrency;
    private final ExecutorService users;
    private final HttpClient client;
    private final AllocationMeter allocation = new AllocationMeter();

    LoadGenerator(int concurrency) {
        this.concurrency = concurrency;
        AtomicInteger counter = new AtomicInteger();
        this.users = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "bench-user-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // HTTP/1.1 keep-alive, as Claude clients talk to a gateway; one pooled connection per virtual user.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends {@code requests} copies of {@code request}; streams must end with a message_stop event to count. */
    LoadSample run(HttpRequest request, boolean streaming, int requests) throws InterruptedException {
        AtomicInteger remaining = new AtomicInteger(requests);
        Map<Integer, Long> errors = new ConcurrentHashMap<>();
        AtomicReference<String> errorSample = new AtomicReference<>();
        Map<Long, Long> allocatedBefore = allocation.snapshot();
        long start = System.nanoTime();
        List<Future<VirtualUser>> running = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            VirtualUser user = new VirtualUser(request, streaming, remaining, errors, errorSample);
            running.add(users.submit(() -> {
                user.sendUntilDone();
                return user;
            }));
        }
        Histogram latency = new Histogram(3);
        Histogram firstByte = new Histogram(3);
        for (Future<VirtualUser> future : running) {
            try {
                VirtualUser user = future.get();
                latency.add(user.latency);
                firstByte.add(user.firstByte);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a virtual user failed outside a request", e.getCause());
            }
        }
        long elapsed = System.nanoTime() - start;
        long allocated = allocation.allocatedSince(allocatedBefore);
        return new LoadSample(requests, latency, firstByte, new TreeMap<>(errors), errorSample.get(), elapsed,
                allocated);
    }

    private final class VirtualUser {
        private final HttpRequest request;
        private final boolean streaming;
        private final AtomicInteger remaining;
        private final Map<Integer, Long> errors;
        private final AtomicReference<String> errorSample;
        private final Histogram latency = new Histogram(3);
        private final Histogram firstByte = new Histogram(3);
        private final byte[] buffer = new byte[16 * 1024];
        private final byte[] head = new byte[SAMPLE_CHARACTERS];
        private final byte[] tail = new byte[128];

        VirtualUser(HttpRequest request, boolean streaming, AtomicInteger remaining, Map<Integer, Long> errors,
                    AtomicReference<String> errorSample) {
            this.request = request;
            this.streaming = streaming;
            this.remaining = remaining;
            this.errors = errors;
            this.errorSample = errorSample;
        }

        void sendUntilDone() {
            while (remaining.getAndDecrement() > 0) {
                sendOne();
            }
        }

        private void sendOne() {
            long start = System.nanoTime();
            int status;
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                long firstByteAt;
                int headLength = 0;
                int tailLength = 0;
                try (InputStream body = response.body()) {
                    int read = body.read(buffer);
                    firstByteAt = System.nanoTime();
                    while (read >= 0) {
                        int copy = Math.min(read, head.length - headLength);
                        System.arraycopy(buffer, 0, head, headLength, copy);
                        headLength += copy;
                        tailLength = keepTail(read, tailLength);
                        read = body.read(buffer);
                    }
                }
                long end = System.nanoTime();
                if (status != 200) {
                    error(status, "HTTP " + status + " " + new String(head, 0, headLength, StandardCharsets.UTF_8));
                } else if (streaming && !endsWithMessageStop(tailLength)) {
                    error(status, "HTTP 200 stream ended before message_stop: "
                            + new String(tail, 0, tailLength, StandardCharsets.UTF_8));
                } else {
                    latency.recordValue((end - start) / 1_000);
                    if (streaming) {
                        firstByte.recordValue((firstByteAt - start) / 1_000);
                    }
                }
            } catch (IOException e) {
                error(-1, "exchange failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error(-1, "interrupted");
                remaining.set(0);
            }
        }

        /** Keeps the last bytes read (SSE ends with the message_stop frame), across reads of any size. */
        private int keepTail(int read, int tailLength) {
            if (read >= tail.length) {
                System.arraycopy(buffer, read - tail.length, tail, 0, tail.length);
                return tail.length;
            }
            int keep = Math.min(tailLength, tail.length - read);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            System.arraycopy(buffer, 0, tail, keep, read);
            return keep + read;
        }

        private boolean endsWithMessageStop(int tailLength) {
            return new String(tail, 0, tailLength, StandardCharsets.US_ASCII).contains("message_stop");
        }

        private void error(int status, String sample) {
            errors.merge(status, 1L, Long::sum);
            errorSample.compareAndSet(null, sample.length() > SAMPLE_CHARACTERS
                    ? sample.substring(0, SAMPLE_CHARACTERS) + "…" : sample);
        }
    }

    @Override
    public void close() {
        users.shutdownNow();
    }
}
