package org.marketetl.marketdata;

/** A {@link MarketDataException} worth retrying; the type the retry policy matches on. */
public class RetryableMarketDataException extends MarketDataException {

    public RetryableMarketDataException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
