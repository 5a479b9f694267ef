package org.marketetl.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.marketetl.report.RequestWindow;

/**
 * Market-data requests of one invocation, counted per rate window from its start: the data the
 * report's timeline draws against the plan's limit. Requests come from I/O threads at once.
 */
final class RequestCounts {

    private final Instant startedAt;
    private final long startNanos;
    private final long windowNanos;
    private final int limit;
    private final List<Long> perWindow = new ArrayList<>();

    RequestCounts(Instant startedAt, long startNanos, long windowNanos, int limit) {
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.windowNanos = Math.max(windowNanos, 1);
        this.limit = limit;
    }

    synchronized void sent(long nowNanos) {
        int window = (int) (Math.max(0, nowNanos - startNanos) / windowNanos);
        while (perWindow.size() <= window) {
            perWindow.add(0L);
        }
        perWindow.set(window, perWindow.get(window) + 1);
    }

    /**
     * Every window from the invocation's start to {@code nowNanos} (the last one cut there), or none
     * when no request was sent.
     */
    synchronized List<RequestWindow> windows(long nowNanos) {
        if (perWindow.isEmpty()) {
            return List.of();
        }
        long elapsed = Math.max(0, nowNanos - startNanos);
        int last = Math.max(perWindow.size() - 1, (int) (elapsed / windowNanos));
        List<RequestWindow> windows = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            long from = i * windowNanos;
            long to = Math.min((i + 1) * windowNanos, Math.max(elapsed, from));
            long requests = i < perWindow.size() ? perWindow.get(i) : 0;
            windows.add(new RequestWindow(startedAt.plusNanos(from), (to - from) / 1_000_000, requests, limit));
        }
        return windows;
    }
}
