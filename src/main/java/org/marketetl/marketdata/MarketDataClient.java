package org.marketetl.marketdata;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Market data for the ETLs: the FMP client behind the shared rate limit, with the resilience
 * policy. Every call counts its requests into the caller's {@link ApiCallCounter}.
 *
 * <ul>
 * <li>{@code @Timeout} 100 s, for one attempt including its wait for a slot in the plan's window:
 * with a full window a call waits up to the window plus margin (61 s) before it is sent, and a
 * timeout that fired during that wait would waste the slot and book another one further out. A
 * hanging request is caught sooner by the REST client's read timeout (30 s,
 * {@code quarkus.rest-client.fmp.read-timeout}): FMP answers a single symbol (even five years of
 * prices) in about a second, so a request silent for longer is a dropped connection, better retried
 * than waited on.</li>
 * <li>{@code @Retry} with exponential backoff and jitter, only on throttling, 5xx, timeouts and
 * connection errors: a 429 without {@code Retry-After} clears within seconds at the per-minute
 * limit; 4xx and plan errors ("Premium Query Parameter", "Exclusive Endpoint", "Bandwidth Limit
 * Reach") never clear by retrying, so they are not {@link RetryableMarketDataException}s.</li>
 * <li>{@code Retry-After} on a 429 or 503: {@code @Retry} cannot take a delay per failure, so the
 * wait is not the retry's but the rate limiter's. The failed attempt pauses the shared
 * {@link RateLimiter} for the asked time (at most {@link #MAX_RETRY_AFTER}) before it fails, and
 * the retry's next attempt, like every other call of the function, waits for its slot behind that
 * pause: FMP limits per key, so everyone should hold off, and no thread sleeps (the limiter's
 * wait is a delayed {@code Uni}). The backoff of {@code @Retry} comes on top, so the wait is at
 * least what the server asked.</li>
 * <li>{@code @CircuitBreaker}: when most recent calls fail the API is down; failing the rest of
 * the step fast beats spending the Lambda's time on hopeless retries.</li>
 * </ul>
 * The policy is declared once on the class, so every endpoint gets the same one. Each retry is
 * counted into the call's {@link ApiCallCounter} by {@link RetryCounter}.
 */
@ApplicationScoped
@Timeout(value = 100, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 6, delay = 500, jitter = 250, retryOn = { RetryableMarketDataException.class,
        TimeoutException.class })
@ExponentialBackoff(maxDelay = 8, maxDelayUnit = ChronoUnit.SECONDS)
@BeforeRetry(RetryCounter.class)
@CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
        failOn = RetryableMarketDataException.class)
public class MarketDataClient {

    private static final String QUARTER = "quarter";
    /**
     * The longest {@code Retry-After} honoured: a server asking for minutes means the plan's
     * budget is gone for this run; the retries then fail and the circuit breaker opens, which says
     * so faster than waiting.
     */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(20);

    private final FmpApi api;
    private final RateLimiter limiter;
    private final boolean hasApiKey;

    public MarketDataClient(@RestClient FmpApi api, RateLimiter limiter, org.marketetl.config.MarketDataConfig config) {
        this.api = api;
        this.limiter = limiter;
        this.hasApiKey = config.apiKey().filter(key -> !key.isBlank()).isPresent();
    }

    public Uni<List<CompanyProfile>> profile(String symbol, ApiCallCounter counter) {
        return sendForList("profile " + symbol, counter, () -> api.profile(symbol));
    }

    public Uni<List<EodPrice>> dailyPrices(String symbol, LocalDate from, LocalDate to, ApiCallCounter counter) {
        return sendForList("historical-price-eod " + symbol, counter,
                () -> api.dailyPrices(symbol, from.toString(), to.toString()));
    }

    /** Every split of {@code symbol} FMP knows, newest first. */
    public Uni<List<StockSplit>> splits(String symbol, ApiCallCounter counter) {
        return sendForList("splits " + symbol, counter, () -> api.splits(symbol));
    }

    /** The splits of every symbol dated from {@code from} to {@code to} (one request). */
    public Uni<List<StockSplit>> splitsCalendar(LocalDate from, LocalDate to, ApiCallCounter counter) {
        return sendForList("splits-calendar " + from + ".." + to, counter,
                () -> api.splitsCalendar(from.toString(), to.toString()));
    }

    /** Every dividend of {@code symbol} FMP knows, newest first. */
    public Uni<List<Dividend>> dividends(String symbol, ApiCallCounter counter) {
        return sendForList("dividends " + symbol, counter, () -> api.dividends(symbol));
    }

    /** The dividends of every symbol with ex-dates from {@code from} to {@code to} (one request). */
    public Uni<List<Dividend>> dividendsCalendar(LocalDate from, LocalDate to, ApiCallCounter counter) {
        return sendForList("dividends-calendar " + from + ".." + to, counter,
                () -> api.dividendsCalendar(from.toString(), to.toString()));
    }

    /** Every stock FMP lists, with its exchange (one request, the whole market). */
    public Uni<List<ListedSymbol>> stockList(ApiCallCounter counter) {
        return sendForList("stock-list", counter, api::stockList);
    }

    /** Every ETF FMP lists. */
    public Uni<List<ListedSymbol>> etfList(ApiCallCounter counter) {
        return sendForList("etf-list", counter, api::etfList);
    }

    /** The symbols trading now. */
    public Uni<List<ListedSymbol>> activelyTradingList(ApiCallCounter counter) {
        return sendForList("actively-trading-list", counter, api::activelyTradingList);
    }

    /** Page {@code page} (from 0) of the delisted companies, {@code limit} a page. */
    public Uni<List<DelistedCompany>> delistedCompanies(int page, int limit, ApiCallCounter counter) {
        return sendForList("delisted-companies page " + page, counter, () -> api.delistedCompanies(page, limit));
    }

    public Uni<List<IncomeStatement>> incomeStatements(String symbol, int quarters, ApiCallCounter counter) {
        return sendForList("income-statement " + symbol, counter, () -> api.incomeStatements(symbol, QUARTER, quarters));
    }

    public Uni<List<BalanceSheet>> balanceSheets(String symbol, int quarters, ApiCallCounter counter) {
        return sendForList("balance-sheet-statement " + symbol, counter, () -> api.balanceSheets(symbol, QUARTER, quarters));
    }

    public Uni<List<CashFlowStatement>> cashFlowStatements(String symbol, int quarters, ApiCallCounter counter) {
        return sendForList("cash-flow-statement " + symbol, counter,
                () -> api.cashFlowStatements(symbol, QUARTER, quarters));
    }

    /**
     * One attempt: wait for a place in the plan's window, send, give the place back, classify a
     * failure. Deferred, so that each retry the fault-tolerance layer makes is a fresh attempt that
     * is counted and rate-limited.
     */
    private <T> Uni<T> send(String what, ApiCallCounter counter, Supplier<Uni<T>> request) {
        if (!hasApiKey) {
            return Uni.createFrom().failure(new MarketDataException(MarketDataException.Kind.REJECTED, what
                    + ": no FMP API key is configured (FMP_API_KEY_SECRET_ARN, or market-etl.market-data.api-key)"));
        }
        return Uni.createFrom().deferred(() -> limiter.acquire()
                .chain(permit -> {
                    counter.request();
                    Log.debugf("FMP %s", what);
                    // The place in the plan's window is given back when the call has ended.
                    return Uni.createFrom().deferred(request::get).onTermination().invoke(permit::release);
                })
                .onFailure().transform(failure -> classify(what, failure, counter))
                .onFailure(RetryableMarketDataException.class).invoke(this::honourRetryAfter));
    }

    /** As {@link #send}, for the list endpoints: an empty body is an empty list, as FMP means it. */
    private <T> Uni<List<T>> sendForList(String what, ApiCallCounter counter, Supplier<Uni<List<T>>> request) {
        return send(what, counter, request).onItem().ifNull().continueWith(List::of);
    }

    private void honourRetryAfter(Throwable failure) {
        ((RetryableMarketDataException) failure).retryAfter().ifPresent(wait -> {
            Duration pause = wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
            Log.debugf("FMP asked to retry after %s; pausing requests for %s", wait, pause);
            limiter.pause(pause);
        });
    }

    private static Throwable classify(String what, Throwable failure, ApiCallCounter counter) {
        if (failure instanceof MarketDataException known) {
            if (known.kind() == MarketDataException.Kind.THROTTLED) {
                counter.throttled();
            }
            return withContext(what, known);
        }
        if (hasCause(failure, JsonProcessingException.class)) {
            return new MarketDataException(MarketDataException.Kind.MALFORMED,
                    what + ": unreadable answer: " + Redactor.redact(rootMessage(failure)));
        }
        if (failure instanceof ProcessingException || hasCause(failure, java.io.IOException.class)
                || failure instanceof io.vertx.core.VertxException) {
            return new RetryableMarketDataException(MarketDataException.Kind.TRANSIENT,
                    what + ": " + Redactor.redact(rootMessage(failure)), null);
        }
        return new MarketDataException(MarketDataException.Kind.REJECTED,
                what + ": " + Redactor.redact(rootMessage(failure)));
    }

    private static MarketDataException withContext(String what, MarketDataException e) {
        String message = what + ": " + e.getMessage();
        if (e instanceof RetryableMarketDataException retryable) {
            return new RetryableMarketDataException(e.kind(), message, null, retryable.retryAfter().orElse(null));
        }
        return e.kind().retryable() ? new RetryableMarketDataException(e.kind(), message, null)
                : new MarketDataException(e.kind(), message);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
