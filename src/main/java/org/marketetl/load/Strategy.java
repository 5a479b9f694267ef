package org.marketetl.load;

import java.util.Locale;

/**
 * How a step fetches, and why: per symbol (one request per symbol and data set) or in bulk (one
 * request per profile part, statement period or day, each for the whole market). Chosen by
 * {@link #cheaper cost}, written into the step's report.
 *
 * @param bulk   whether to fetch in bulk
 * @param reason the costs compared, or why bulk was not an option, in one line
 */
record Strategy(boolean bulk, String reason) {

    static final String PER_SYMBOL = "per-symbol";
    static final String BULK = "bulk";

    static Strategy perSymbol(String reason) {
        return new Strategy(false, reason);
    }

    /**
     * The cheaper of the two, by calls + bytes / {@code bytesPerCall}; per symbol on a tie (it
     * moves fewer bytes and no whole-market bodies).
     */
    static Strategy cheaper(String perSymbolWhat, FetchCost perSymbol, String bulkWhat, FetchCost bulk,
            long bytesPerCall) {
        double perSymbolCost = perSymbol.weigh(bytesPerCall);
        double bulkCost = bulk.weigh(bytesPerCall);
        boolean useBulk = bulkCost < perSymbolCost;
        String chosen = useBulk ? bulkWhat + " (" + bulk.describe() + ")" : perSymbolWhat + " (" + perSymbol.describe() + ")";
        String other = useBulk ? perSymbolWhat + " (" + perSymbol.describe() + ")" : bulkWhat + " (" + bulk.describe() + ")";
        return new Strategy(useBulk, String.format(Locale.ROOT,
                "%s rather than %s: cost %,.0f against %,.0f at %,d bytes a call", chosen, other,
                Math.min(perSymbolCost, bulkCost), Math.max(perSymbolCost, bulkCost), bytesPerCall));
    }

    /** The report's strategy: {@code bulk}, or {@code per-symbol}. */
    String id() {
        return bulk ? BULK : PER_SYMBOL;
    }
}
