package org.marketetl.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a test can switch on while the simulator runs. Thread-safe. Rate-based faults draw from
 * one Random seeded from the config, so a sequential client sees the same faults on every run;
 * count-based faults ({@link #failNext}, {@link #burstOf429}, {@link #resetNext}) are exact and
 * are the better tool for retry tests.
 */
public final class FaultInjector {

    /** What to do with one request, decided before it is routed. */
    enum Action { NONE, THROTTLE, RESET, FAIL, TIMEOUT, PREMIUM }

    record Decision(Action action, int status) {
        static final Decision NONE = new Decision(Action.NONE, 200);
    }

    private static final int[] SERVER_ERRORS = {500, 502, 503};

    private final long seed;
    private Random random;
    private volatile double serverErrorRate;
    private volatile double timeoutRate;
    private volatile Duration timeoutDelay = Duration.ofSeconds(30);
    private final AtomicInteger throttleBurst = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile long retryAfterSeconds;
    private final Set<String> malformed = ConcurrentHashMap.newKeySet();
    private final Set<String> empty = ConcurrentHashMap.newKeySet();
    private final Set<String> premiumEndpoints = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failingEndpoints = new ConcurrentHashMap<>();
    private final AtomicInteger cutBodies = new AtomicInteger();
    private final AtomicInteger stalledBodies = new AtomicInteger();
    private volatile Duration stall = Duration.ZERO;

    FaultInjector(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Fraction (0..1) of requests answered 500, 502 or 503. */
    public FaultInjector serverErrorRate(double fraction) {
        this.serverErrorRate = fraction;
        return this;
    }

    /** Fraction (0..1) of requests that stall for {@code delay} before being answered normally. */
    public FaultInjector timeoutRate(double fraction, Duration delay) {
        this.timeoutDelay = Objects.requireNonNull(delay);
        this.timeoutRate = fraction;
        return this;
    }

    /** The next {@code count} requests get {@code status} (e.g. 500, 502, 503) with an error body. */
    public FaultInjector failNext(int count, int status) {
        this.failureStatus = status;
        this.failures.set(count);
        return this;
    }

    /** The next {@code count} requests get 429 "Limit Reach" regardless of the rate limit. */
    public FaultInjector burstOf429(int count) {
        throttleBurst.set(count);
        return this;
    }

    /** Injected 429 answers carry {@code Retry-After: seconds} (0: no header, FMP's usual). */
    public FaultInjector retryAfter(Duration wait) {
        this.retryAfterSeconds = wait.toSeconds();
        return this;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The next {@code count} requests have their connection closed without any response. */
    public FaultInjector resetNext(int count) {
        resets.set(count);
        return this;
    }

    /** Answers for this symbol are cut mid-JSON (HTTP 200). */
    public FaultInjector malformedJsonFor(String symbol) {
        malformed.add(symbol);
        return this;
    }

    /** Answers for this symbol are {@code []} (HTTP 200), like FMP for a symbol it lacks. */
    public FaultInjector emptyFor(String symbol) {
        empty.add(symbol);
        return this;
    }

    /** This endpoint (e.g. "eod-bulk", "income-statement") answers 402 "Premium Query Parameter". */
    public FaultInjector premiumOnly(String endpoint) {
        premiumEndpoints.add(endpoint);
        return this;
    }

    /** Every request to this endpoint (e.g. "dividends-calendar") answers {@code status}, retries too. */
    public FaultInjector failing(String endpoint, int status) {
        failingEndpoints.put(endpoint, status);
        return this;
    }

    /**
     * The next {@code count} bulk answers (streamed CSV bodies) break off after half their bytes: the
     * connection is dropped mid-body, as a proxy or FMP's server does to a long transfer.
     */
    public FaultInjector cutBulkBodyNext(int count) {
        cutBodies.set(count);
        return this;
    }

    /** The next {@code count} bulk answers send half their body, then nothing for {@code pause}, then the rest. */
    public FaultInjector stallBulkBodyNext(int count, Duration pause) {
        this.stall = Objects.requireNonNull(pause);
        stalledBodies.set(count);
        return this;
    }

    /** Whether this bulk body is to break off midway (counts it). */
    boolean takeBodyCut() {
        return takeOne(cutBodies);
    }

    /** How long this bulk body stalls midway; zero for none (counts it). */
    Duration takeBodyStall() {
        return takeOne(stalledBodies) ? stall : Duration.ZERO;
    }

    /** Switches every fault off and restarts the seeded random sequence. */
    public synchronized FaultInjector clear() {
        serverErrorRate = 0;
        timeoutRate = 0;
        throttleBurst.set(0);
        resets.set(0);
        failures.set(0);
        retryAfterSeconds = 0;
        malformed.clear();
        empty.clear();
        premiumEndpoints.clear();
        failingEndpoints.clear();
        cutBodies.set(0);
        stalledBodies.set(0);
        random = new Random(seed);
        return this;
    }

    Duration timeoutDelay() {
        return timeoutDelay;
    }

    boolean isMalformed(String symbol) {
        return symbol != null && malformed.contains(symbol);
    }

    boolean isEmpty(String symbol) {
        return symbol != null && empty.contains(symbol);
    }

    synchronized Decision decide(String endpoint) {
        if (takeOne(throttleBurst)) {
            return new Decision(Action.THROTTLE, 429);
        }
        if (takeOne(resets)) {
            return new Decision(Action.RESET, 0);
        }
        if (takeOne(failures)) {
            return new Decision(Action.FAIL, failureStatus);
        }
        if (failingEndpoints.containsKey(endpoint)) {
            return new Decision(Action.FAIL, failingEndpoints.get(endpoint));
        }
        if (premiumEndpoints.contains(endpoint)) {
            return new Decision(Action.PREMIUM, 402);
        }
        if (serverErrorRate > 0 && random.nextDouble() < serverErrorRate) {
            return new Decision(Action.FAIL, SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]);
        }
        if (timeoutRate > 0 && random.nextDouble() < timeoutRate) {
            return new Decision(Action.TIMEOUT, 200);
        }
        return Decision.NONE;
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
