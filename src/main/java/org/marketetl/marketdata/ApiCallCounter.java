package org.marketetl.marketdata;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one step's market-data traffic. Calls complete on I/O threads concurrently, hence atomics.
 * Retries are derived: every attempt is a request, every logical call is a call.
 */
public final class ApiCallCounter {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    void call() {
        calls.incrementAndGet();
    }

    void request() {
        requests.incrementAndGet();
    }

    void throttled() {
        throttled.incrementAndGet();
    }

    /** HTTP requests sent, retries included. */
    public long requests() {
        return requests.get();
    }

    /** Requests that repeated an earlier, failed attempt. */
    public long retries() {
        return Math.max(0, requests.get() - calls.get());
    }

    /** Requests FMP answered with 429 / "Limit Reach". */
    public long throttledRequests() {
        return throttled.get();
    }
}
