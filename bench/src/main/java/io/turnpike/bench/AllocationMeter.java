package io.turnpike.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated on the heap by every live thread of this JVM (HotSpot's per-thread allocation counters, summed):
 * client, proxy and fake upstream together, which is why scenarios are compared by their difference. A thread that
 * ends inside a window loses its share; the pools involved keep their threads for 60 s or more, so it is rare.
 */
final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads;

    AllocationMeter() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotSpot)
                || !hotSpot.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread (HotSpot does)");
        }
        hotSpot.setThreadAllocatedMemoryEnabled(true);
        this.threads = hotSpot;
    }

    /** Allocated bytes so far, per live thread id. */
    Map<Long, Long> snapshot() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }

    /** Bytes allocated since {@code before} by threads alive now (threads started since count from zero). */
    long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : snapshot().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }
}
