package io.turnpike.proxy.cache.store;

import io.turnpike.proxy.ResponseCacheLimits;
import io.turnpike.proxy.SettableClock;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseCacheStoreTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static CacheKey key(String name) {
        return CacheKey.of("cfg", "acme", ("{\"model\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8),
                false, List.of(), null, null);
    }

    private static ResponseCacheEntry entry(int bytes, Instant expiresAt) {
        return new ResponseCacheEntry("application/json", new byte[bytes], expiresAt);
    }

    @Test
    void anEntryIsServedUntilItsMaxAgeThenDropped() {
        ResponseCacheStore store = new ResponseCacheStore(ResponseCacheLimits.defaults(), clock);
        store.put(key("a"), entry(10, clock.instant().plusSeconds(60)));

        clock.advance(Duration.ofSeconds(59));
        assertThat(store.get(key("a"))).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.get(key("a"))).isEmpty();
        assertThat(store.size()).isZero();
        assertThat(store.weightedBytes()).isZero();
    }

    @Test
    void anEntryWithoutMaxAgeStaysUntilEvicted() {
        ResponseCacheStore store = new ResponseCacheStore(ResponseCacheLimits.defaults(), clock);
        store.put(key("a"), entry(10, null));
        clock.advance(Duration.ofDays(365));
        assertThat(store.get(key("a"))).isPresent();
    }

    @Test
    void theByteBoundHoldsAsEntriesArrive() {
        // Each entry weighs 1000 + 256 bytes: at most three fit in 4000; Caffeine picks which to keep (W-TinyLFU).
        ResponseCacheStore store = new ResponseCacheStore(new ResponseCacheLimits(4000, 1000), clock);
        for (String name : List.of("a", "b", "c", "d", "e")) {
            assertThat(store.put(key(name), entry(1000, null))).isTrue();
            assertThat(store.weightedBytes()).isLessThanOrEqualTo(4000);
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.weightedBytes()).isEqualTo(3 * 1256L);
    }

    @Test
    void anEntryOverThePerEntryLimitIsNotStored() {
        ResponseCacheStore store = new ResponseCacheStore(new ResponseCacheLimits(10_000, 1000), clock);
        assertThat(store.put(key("a"), entry(1001, null))).isFalse();
        assertThat(store.get(key("a"))).isEmpty();
        assertThat(store.put(key("a"), entry(1000, null))).isTrue();
    }

    @Test
    void replacingAnEntryKeepsTheByteCountRight() {
        ResponseCacheStore store = new ResponseCacheStore(ResponseCacheLimits.defaults(), clock);
        store.put(key("a"), entry(100, null));
        store.put(key("a"), entry(300, null));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.weightedBytes()).isEqualTo(300 + 256);
    }

    @Test
    void aCaptureStoresWhatWasSentWithItsMaxAge() {
        ResponseCacheStore store = new ResponseCacheStore(ResponseCacheLimits.defaults(), clock);
        ResponseCacheCapture capture = new ResponseCacheCapture(store, key("a"), Duration.ofSeconds(30));
        ByteBuffer first = ByteBuffer.wrap("hello ".getBytes(StandardCharsets.UTF_8));
        capture.accept(new ByteBuffer[]{first, ByteBuffer.wrap("world".getBytes(StandardCharsets.UTF_8))});
        assertThat(first.position()).as("the client's buffer is not consumed").isZero();

        capture.complete("text/plain");

        ResponseCacheEntry stored = store.get(key("a")).orElseThrow();
        assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo("hello world");
        assertThat(stored.contentType()).isEqualTo("text/plain");
        assertThat(stored.expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void aCaptureThatOutgrowsTheEntryLimitStoresNothing() {
        ResponseCacheStore store = new ResponseCacheStore(new ResponseCacheLimits(10_000, 8), clock);
        ResponseCacheCapture capture = new ResponseCacheCapture(store, key("a"), null);
        capture.accept(new ByteBuffer[]{ByteBuffer.wrap(new byte[5])});
        capture.accept(new ByteBuffer[]{ByteBuffer.wrap(new byte[5])});
        capture.complete("application/json");
        assertThat(store.get(key("a"))).isEmpty();
    }
}
