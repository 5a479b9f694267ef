package org.marketetl.marketdata;

/**
 * A market-data call that failed, classified for the retry policy. Messages carry the endpoint and
 * FMP's error text, never the request URL (it holds the API key).
 */
public class MarketDataException extends RuntimeException {

    private final Kind kind;

    public MarketDataException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MarketDataException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** What went wrong, and so whether trying again can help. */
    public enum Kind {
        /** 429 or FMP's "Limit Reach" body: retry after a pause. */
        THROTTLED(true),
        /** 5xx, a timeout or a dropped connection: retry. */
        TRANSIENT(true),
        /** Any other 4xx, "Premium Query Parameter", "Exclusive Endpoint", "Bandwidth Limit Reach": do not retry. */
        REJECTED(false),
        /** The answer could not be read as the documented payload: retrying returns the same bytes. */
        MALFORMED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
