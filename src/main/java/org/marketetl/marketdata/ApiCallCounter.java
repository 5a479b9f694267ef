package org.marketetl.marketdata;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one step's market-data traffic. Calls complete on I/O threads concurrently, hence atomics.
 * Retries are counted by the retry policy itself ({@link RetryCounter}): each attempt of a call
 * enters the client method afresh, so the method cannot tell them apart.
 */
public final class ApiCallCounter {

    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final Runnable onRequest;

    public ApiCallCounter() {
        this(() -> {
        });
    }

    /** Counts as above and tells {@code onRequest} of each request as it is sent (the run's progress). */
    public ApiCallCounter(Runnable onRequest) {
        this.onRequest = onRequest;
    }

    void retried() {
        retries.incrementAndGet();
    }

    void request() {
        requests.incrementAndGet();
        onRequest.run();
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
        return retries.get();
    }

    /** Requests FMP answered with 429 / "Limit Reach". */
    public long throttledRequests() {
        return throttled.get();
    }
}
