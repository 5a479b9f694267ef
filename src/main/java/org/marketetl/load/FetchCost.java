package org.marketetl.load;

import java.util.Locale;

/**
 * What fetching a step's data one way costs: calls (FMP's per-minute limit) and bytes (FMP's cap on
 * bandwidth over a trailing 30 days). One figure for comparing two ways: calls + bytes /
 * {@code bytesPerCall} ({@code market-etl.market-data.bulk.bytes-per-call}).
 *
 * @param calls requests
 * @param bytes bytes expected over the wire (estimates, see {@link MarketSize})
 */
record FetchCost(long calls, long bytes) {

    double weigh(long bytesPerCall) {
        return calls + (double) bytes / bytesPerCall;
    }

    /** {@code 5,000 requests, ~11.5 MB}. */
    String describe() {
        return String.format(Locale.ROOT, "%,d requests, ~%s", calls, size(bytes));
    }

    static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%,d KB", (bytes + 999) / 1000);
    }
}
