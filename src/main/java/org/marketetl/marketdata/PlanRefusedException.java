package org.marketetl.marketdata;

/**
 * FMP answered 402: the endpoint is not in the plan ("Restricted Endpoint: This endpoint is not
 * available under your current subscription"). Never retried; the caller falls back to per-symbol
 * requests and remembers the refusal, so later runs on the same plan do not ask again.
 */
public class PlanRefusedException extends MarketDataException {

    private final String endpoint;

    public PlanRefusedException(String endpoint, String message) {
        super(Kind.REJECTED, message);
        this.endpoint = endpoint;
    }

    /** The refused endpoint, e.g. {@code profile-bulk}. */
    public String endpoint() {
        return endpoint;
    }
}
