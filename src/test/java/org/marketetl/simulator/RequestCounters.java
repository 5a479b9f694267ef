package org.marketetl.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the simulator served, for assertions such as "the incremental run made N calls". */
public final class RequestCounters {

    /** An immutable copy of the counters. Endpoint keys are paths after /stable/, or "legacy". */
    public record Snapshot(long total, long throttled, Map<String, Long> byEndpoint, Map<Integer, Long> byStatus) {
        public long requests(String endpoint) {
            return byEndpoint.getOrDefault(endpoint, 0L);
        }
    }

    private final LongAdder total = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    void request(String endpoint) {
        total.increment();
        byEndpoint.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    void answered(int status) {
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        if (status == 429) {
            throttled.increment();
        }
    }

    /** Body bytes sent. */
    void served(long count) {
        bytes.add(count);
    }

    /** Body bytes sent since the last reset. */
    long bytes() {
        return bytes.sum();
    }

    long total() {
        return total.sum();
    }

    long throttled() {
        return throttled.sum();
    }

    long requests(String endpoint) {
        LongAdder a = byEndpoint.get(endpoint);
        return a == null ? 0 : a.sum();
    }

    Snapshot snapshot() {
        Map<String, Long> endpoints = new TreeMap<>();
        byEndpoint.forEach((k, v) -> endpoints.put(k, v.sum()));
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((k, v) -> statuses.put(k, v.sum()));
        return new Snapshot(total.sum(), throttled.sum(), Map.copyOf(endpoints), Map.copyOf(statuses));
    }

    void reset() {
        total.reset();
        throttled.reset();
        bytes.reset();
        byEndpoint.clear();
        byStatus.clear();
    }
}
