package org.marketetl.marketdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.marketetl.config.MarketDataConfig;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * FMP's bulk endpoints ({@code profile-bulk}, {@code *-statement-bulk}, {@code eod-bulk}): CSV bodies
 * of up to tens of MB, read from the socket as they arrive and handed to a {@link BodyReader} as a
 * stream, so no body is ever whole in memory. The JSON endpoints go through the REST client
 * ({@link MarketDataClient}); these need what it does not give: a body as a stream, and timeouts of
 * their own.
 *
 * <ul>
 * <li><b>Timeouts.</b> A bulk part may take minutes ({@code profile-bulk} part, ~30 MB, took 202 s
 * live), so the JSON calls' 30 s read timeout and 100 s limit do not fit. A request may take
 * {@code bulk.timeout} (10 min) in all; a connection that sends nothing for
 * {@code bulk.idle-timeout} (60 s) is stalled, not slow, and is cut.</li>
 * <li><b>Retries.</b> As the JSON calls: on throttling, 5xx, timeouts and broken connections, up to
 * 6 times with exponential backoff. A body that breaks in the middle is read again from the start
 * by a fresh attempt, with a fresh reader: what the broken one read is dropped, never merged.</li>
 * <li><b>The plan.</b> Every attempt takes a place in the plan's window ({@link RateLimiter}), as
 * every call does, and keeps it until its body has been read. A 402 is a {@link PlanRefusedException}
 * and never retried.</li>
 * </ul>
 * The HTTP client is Vert.x's, the one under Quarkus' REST client, used directly for its streams.
 */
@ApplicationScoped
public class BulkCsvClient {

    /** Buffers asked from the socket ahead of the reader: a few hundred KB at most in memory. */
    private static final int PREFETCH = 16;
    private static final int MAX_ERROR_BODY = 300;

    private final Vertx vertx;
    private final RateLimiter limiter;
    private final String baseUrl;
    private final Optional<String> apiKey;
    private final MarketDataConfig.Bulk settings;
    private volatile HttpClient http;

    public BulkCsvClient(Vertx vertx, RateLimiter limiter, MarketDataConfig config,
            @ConfigProperty(name = "quarkus.rest-client.fmp.url") String baseUrl) {
        this.vertx = vertx;
        this.limiter = limiter;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.apiKey = config.apiKey().filter(key -> !key.isBlank());
        this.settings = config.bulk();
    }

    /**
     * Reads one bulk answer through {@code reader} and answers what it made of it. An empty body
     * (FMP's "no data") reaches the reader as an empty stream.
     *
     * @throws PlanRefusedException       the plan does not have this endpoint (402)
     * @throws MarketDataException        any other failure, after the retries
     */
    @Retry(maxRetries = 6, delay = 500, jitter = 250, retryOn = RetryableMarketDataException.class)
    @ExponentialBackoff(maxDelay = 8, maxDelayUnit = ChronoUnit.SECONDS)
    @BeforeRetry(RetryCounter.class)
    public <T> T fetch(BulkRequest request, ApiCallCounter counter, BodyReader<T> reader) {
        String what = request.describe();
        if (apiKey.isEmpty()) {
            throw new MarketDataException(MarketDataException.Kind.REJECTED, what
                    + ": no FMP API key is configured (FMP_API_KEY_SECRET_ARN, or market-etl.market-data.api-key)");
        }
        RateLimiter.Permit permit = limiter.acquire().await().indefinitely();
        counter.request();
        Log.debugf("FMP %s (bulk)", what);
        try {
            return attempt(request, counter, reader);
        } finally {
            permit.release();
        }
    }

    private <T> T attempt(BulkRequest request, ApiCallCounter counter, BodyReader<T> reader) {
        String what = request.describe();
        Answer answer = open(request);
        if (answer.status() != 200) {
            MarketDataException failure = refusal(request, answer);
            if (failure.kind() == MarketDataException.Kind.THROTTLED) {
                counter.throttled();
            }
            if (failure instanceof RetryableMarketDataException retryable) {
                retryable.retryAfter().ifPresent(wait -> limiter.pause(
                        wait.compareTo(MarketDataClient.MAX_RETRY_AFTER) > 0 ? MarketDataClient.MAX_RETRY_AFTER : wait));
            }
            throw failure;
        }
        try (Body body = answer.body()) {
            T result = reader.read(body);
            body.drain();
            return result;
        } catch (IOException e) {
            if (answer.body().broken() || !(e instanceof JsonProcessingException)) {
                throw new RetryableMarketDataException(MarketDataException.Kind.TRANSIENT, what + ": the body broke after "
                        + answer.body().bytes() + " bytes (" + Redactor.redact(describe(e)) + "); reading it again",
                        null);
            }
            throw new MarketDataException(MarketDataException.Kind.MALFORMED,
                    what + ": unreadable CSV: " + Redactor.redact(describe(e)));
        }
    }

    private static MarketDataException refusal(BulkRequest request, Answer answer) {
        String what = request.describe();
        if (answer.status() == 402) {
            return new PlanRefusedException(request.endpoint(), what + ": FMP answered HTTP 402: "
                    + Redactor.redact(answer.errorBody()));
        }
        MarketDataException classified = FmpErrorMapper.classify(answer.status(), answer.errorBody(),
                answer.retryAfter(), Instant.now());
        String message = what + ": " + classified.getMessage();
        if (classified instanceof RetryableMarketDataException retryable) {
            return new RetryableMarketDataException(classified.kind(), message, null, retryable.retryAfter().orElse(null));
        }
        return new MarketDataException(classified.kind(), message);
    }

    /** Sends the request; answers when the headers are in (the body then streams). */
    private Answer open(BulkRequest request) {
        String what = request.describe();
        Context context = vertx.getOrCreateContext();
        Body body = new Body(context);
        CompletableFuture<Answer> headers = new CompletableFuture<>();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(baseUrl + request.pathAndQuery() + "&apikey=" + apiKey.orElseThrow())
                .putHeader("Accept", "text/csv").putHeader("User-Agent", "market-etl")
                .setIdleTimeout(settings.idleTimeout().toMillis());
        context.runOnContext(v -> client().request(options).onFailure(headers::completeExceptionally).onSuccess(sent -> {
            long timer = vertx.setTimer(settings.timeout().toMillis(), id -> sent.reset(0,
                    new TimeoutException("no complete answer within " + settings.timeout())));
            body.onEnd(() -> vertx.cancelTimer(timer));
            body.onAbort(() -> context.runOnContext(abort -> sent.reset(0)));
            sent.send().onFailure(failure -> {
                vertx.cancelTimer(timer);
                headers.completeExceptionally(failure);
            }).onSuccess(response -> {
                if (response.statusCode() == 200) {
                    body.attach(response);
                    headers.complete(new Answer(200, body, null, null));
                } else {
                    response.body().onComplete(read -> {
                        vertx.cancelTimer(timer);
                        String text = read.succeeded() ? read.result().toString() : "";
                        headers.complete(new Answer(response.statusCode(), null,
                                text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) + "..." : text.strip(),
                                response.getHeader("Retry-After")));
                    });
                }
            });
        }));
        try {
            return headers.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new RetryableMarketDataException(MarketDataException.Kind.TRANSIENT,
                    what + ": " + Redactor.redact(describe(cause)), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketDataException(MarketDataException.Kind.TRANSIENT, what + ": interrupted");
        }
    }

    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    // Compressed transfer where the server offers it: CSV shrinks several times, and
                    // FMP counts bandwidth over 30 days.
                    // The idle timeout on the connection: it watches the body too (a request's own
                    // idle timeout ends with the response's headers).
                    http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000)
                            .setDecompressionSupported(true).setMaxPoolSize(Math.max(4, settings.concurrency() * 2))
                            .setKeepAlive(true).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                            .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis())));
                }
                client = http;
            }
        }
        return client;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Reads a whole bulk body; called once per attempt, with a fresh stream. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /** What came back: a status, and either the body to stream or a (short) error text. */
    private record Answer(int status, Body body, String errorBody, String retryAfter) {
    }

    /**
     * A response body as an {@link InputStream}: Vert.x hands buffers over on its event loop, the
     * reader takes them on its own thread, and at most {@link #PREFETCH} wait between the two (the
     * socket is paused otherwise). A failure of the connection (reset, idle or overall timeout)
     * reaches the reader as an {@link IOException} at the point it had read to.
     */
    private static final class Body extends InputStream {

        private static final Object END = new Object();

        private final Context context;
        private final LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        private volatile HttpClientResponse response;
        private volatile Runnable onEnd = () -> { };
        private volatile Runnable onAbort = () -> { };
        private Buffer current;
        private int position;
        private long bytes;
        private boolean ended;
        private volatile boolean broken;

        Body(Context context) {
            this.context = context;
        }

        void onEnd(Runnable action) {
            onEnd = action;
        }

        void onAbort(Runnable action) {
            onAbort = action;
        }

        /** Called on the event loop with the paused response. */
        void attach(HttpClientResponse answer) {
            this.response = answer;
            answer.pause();
            answer.handler(arrived::add);
            answer.exceptionHandler(failure -> {
                broken = true;
                arrived.add(failure);
                onEnd.run();
            });
            answer.endHandler(v -> {
                arrived.add(END);
                onEnd.run();
            });
            answer.fetch(PREFETCH);
        }

        boolean broken() {
            return broken;
        }

        long bytes() {
            return bytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (current == null || position >= current.length()) {
                if (ended) {
                    return -1;
                }
                next();
            }
            int n = Math.min(length, current.length() - position);
            current.getBytes(position, position + n, into, offset);
            position += n;
            bytes += n;
            return n;
        }

        private void next() throws IOException {
            Object item;
            try {
                item = arrived.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a bulk body");
            }
            if (item == END) {
                ended = true;
                current = null;
            } else if (item instanceof Throwable failure) {
                ended = true;
                throw failure instanceof IOException io ? io : new IOException(describe(failure), failure);
            } else {
                current = (Buffer) item;
                position = 0;
                HttpClientResponse answer = response;
                context.runOnContext(v -> answer.fetch(1));
            }
        }

        /** Reads to the end, so that the connection can carry the next request. */
        void drain() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // nothing: the reader has what it needed
            }
        }

        /** A body not read to its end is cut off: its connection is not reused half-read. */
        @Override
        public void close() {
            if (!ended) {
                ended = true;
                onAbort.run();
            }
        }
    }
}
