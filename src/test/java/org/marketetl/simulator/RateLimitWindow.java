package org.marketetl.simulator;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Sliding-window call limit, per API key like FMP's (the simulator has one key). A call is
 * admitted when fewer than {@code limit} admitted calls happened in the last window; refused
 * calls do not count, so a client that backs off recovers once the window slides.
 *
 * <p>It also watches the client: every call that reaches the limit, admitted or refused, goes into
 * a second log, and {@link #maxCallsInAnyWindow()} is the most that log ever held within one window.
 * A client that kept its plan never makes it exceed the limit (refused calls included: a 429 shows
 * the client sent one too many).
 */
final class RateLimitWindow {

    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    private final ArrayDeque<Long> seen = new ArrayDeque<>();
    private volatile long windowNanos;
    private volatile int limit;
    private int maxSeen;

    RateLimitWindow(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    void setLimit(int callsPerWindow) {
        this.limit = callsPerWindow;
    }

    /** A new limit and window; the calls already counted stay counted. */
    synchronized void setLimit(int callsPerWindow, Duration window) {
        this.limit = callsPerWindow;
        this.windowNanos = window.toNanos();
    }

    int limit() {
        return limit;
    }

    /** True if the call is admitted; 0 means unlimited. */
    synchronized boolean tryAcquire(long nowNanos) {
        evictBefore(seen, nowNanos);
        seen.addLast(nowNanos);
        maxSeen = Math.max(maxSeen, seen.size());
        int max = limit;
        if (max <= 0) {
            return true;
        }
        evictBefore(admitted, nowNanos);
        if (admitted.size() >= max) {
            return false;
        }
        admitted.addLast(nowNanos);
        return true;
    }

    /** The most calls (admitted or refused) that ever arrived within one window. */
    synchronized int maxCallsInAnyWindow() {
        return maxSeen;
    }

    synchronized void reset() {
        admitted.clear();
        seen.clear();
        maxSeen = 0;
    }

    private void evictBefore(ArrayDeque<Long> log, long nowNanos) {
        while (!log.isEmpty() && nowNanos - log.peekFirst() >= windowNanos) {
            log.pollFirst();
        }
    }
}
