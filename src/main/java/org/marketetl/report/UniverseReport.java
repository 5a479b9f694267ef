package org.marketetl.report;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How a run's universe was found, when the request gave a selector instead of symbols.
 *
 * @param selector    the selector as the request gave it, e.g. {@code us-common-stocks}
 * @param symbols     symbols it selected
 * @param delisted    of which delisted (kept for a survivorship-free history; loaded once)
 * @param refreshed   whether this run reloaded SECURITY from FMP's symbol lists
 * @param apiRequests requests the reload took
 * @param ms          time the reload and the selection took
 * @param error       why the lists could not be reloaded (the selection then used SECURITY as it
 *                    was), or why nothing could be selected; null when all went well
 */
@RegisterForReflection
public record UniverseReport(String selector, int symbols, int delisted, boolean refreshed, long apiRequests, long ms,
        String error) {
}
