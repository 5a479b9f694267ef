package org.marketetl.marketdata;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link MarketDataException} worth retrying; the type the retry policy matches on. It may carry
 * the wait the server asked for ({@code Retry-After}).
 */
public class RetryableMarketDataException extends MarketDataException {

    private final Duration retryAfter;

    public RetryableMarketDataException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    public RetryableMarketDataException(Kind kind, String message, Throwable cause, Duration retryAfter) {
        super(kind, message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked us to wait before the next request, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
