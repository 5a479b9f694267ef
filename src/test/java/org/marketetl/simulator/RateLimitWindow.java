package org.marketetl.simulator;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Sliding-window call limit, per API key like FMP's (the simulator has one key). A call is
 * admitted when fewer than {@code limit} admitted calls happened in the last window; refused
 * calls do not count, so a client that backs off recovers once the window slides.
 */
final class RateLimitWindow {

    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    private final long windowNanos;
    private volatile int limit;

    RateLimitWindow(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    void setLimit(int callsPerWindow) {
        this.limit = callsPerWindow;
    }

    int limit() {
        return limit;
    }

    /** True if the call is admitted; 0 means unlimited. */
    synchronized boolean tryAcquire(long nowNanos) {
        int max = limit;
        if (max <= 0) {
            return true;
        }
        while (!admitted.isEmpty() && nowNanos - admitted.peekFirst() >= windowNanos) {
            admitted.pollFirst();
        }
        if (admitted.size() >= max) {
            return false;
        }
        admitted.addLast(nowNanos);
        return true;
    }

    synchronized void reset() {
        admitted.clear();
    }
}
