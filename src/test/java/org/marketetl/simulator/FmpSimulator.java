package org.marketetl.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An FMP "stable" API look-alike on 127.0.0.1, for tests, the local demo run and the benchmark.
 *
 * <p>Request pipeline, in FMP's order as far as it is observable: legacy {@code /api/v3} paths
 * get 403; a missing or wrong {@code apikey} gets 401; over the rate limit gets 429 "Limit Reach";
 * then injected faults; then the endpoint. Latency is added to every request (it models the
 * network round trip, so it applies to errors too).
 */
public final class FmpSimulator implements AutoCloseable {

    private final SimulatorConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final MarketDataStore store;
    private final FaultInjector faults;
    private final RateLimitWindow rateLimit;
    private final RequestCounters counters = new RequestCounters();
    private final StableApi api;
    private final DividendApi dividends;
    private volatile Duration latency;
    private volatile long bulkBytesPerSecond;

    private FmpSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.store = new MarketDataStore(config);
        this.faults = new FaultInjector(config.faultSeed());
        this.rateLimit = new RateLimitWindow(config.rateLimitPerMinute(), config.rateLimitWindow());
        this.latency = config.latency();
        this.bulkBytesPerSecond = config.bulkBytesPerSecond();
        this.dividends = new DividendApi(store, faults);
        this.api = new StableApi(store, faults, config, dividends);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
        // A cached pool: latency and timeout faults park threads in sleep, and a client running
        // hundreds of requests concurrently must not queue behind them.
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FmpSimulator start(SimulatorConfig config) {
        try {
            return new FmpSimulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the FMP simulator", e);
        }
    }

    public static FmpSimulator start() {
        return start(SimulatorConfig.defaults());
    }

    /** e.g. {@code http://127.0.0.1:41234/stable} (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/stable";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimulatorConfig config() {
        return config;
    }

    public String apiKey() {
        return config.apiKey();
    }

    /** Faults to switch on and off while running. */
    public FaultInjector faults() {
        return faults;
    }

    /** The data behind the endpoints, for computing expected values. */
    public MarketDataStore data() {
        return store;
    }

    public void setLatency(Duration perRequest) {
        this.latency = perRequest;
    }

    /** The rate bulk bodies are sent at; 0 for as fast as the socket takes them. */
    public void setBulkBytesPerSecond(long rate) {
        this.bulkBytesPerSecond = rate;
    }

    /** Whether the plan has the bulk endpoints (else they answer 402 "Restricted Endpoint"). */
    public void setBulkEndpoints(boolean available) {
        store.setBulkEndpoints(available);
    }

    /**
     * The whole market of the symbol lists and bulk endpoints from now on: {@code size} securities
     * (the universe, {@code delisted}, and generated ones), see {@link Market}.
     */
    public void setMarket(int size, java.util.List<Delisting> delisted) {
        store.setMarket(size, delisted);
    }

    /** Body bytes served since the last reset (bulk bodies as they were sent, cut ones in part). */
    public long bytesServed() {
        return counters.bytes();
    }

    public void setRateLimitPerMinute(int calls) {
        rateLimit.setLimit(calls);
    }

    /** Allows {@code calls} per sliding {@code window} (0: unlimited); a short window speeds up tests. */
    public void setRateLimit(int calls, Duration window) {
        rateLimit.setLimit(calls, window);
    }

    /**
     * The most calls that arrived within one rate-limit window, refused ones included: at most the
     * limit when the client kept its plan. Counted whether or not a limit is set.
     */
    public int maxCallsInAnyWindow() {
        return rateLimit.maxCallsInAnyWindow();
    }

    /** Moves the simulated trading day: new bars and filings appear, the past stays the same. */
    public void setAsOf(LocalDate day) {
        store.setAsOf(day);
    }

    /** Gives symbols these splits from now on (see {@link MarketDataStore#setSplits}). */
    public void setSplits(java.util.List<SplitEvent> splits) {
        store.setSplits(splits);
    }

    /** Gives symbols these dividends from now on; a symbol not listed keeps its generated ones. */
    public void setDividends(java.util.List<DividendEvent> configured) {
        dividends.setDividends(configured);
    }

    /** Serves these quarters restated from now on; an empty list serves every quarter as filed. */
    public void setRestatements(java.util.List<Restatement> restated) {
        api.setRestatements(restated);
    }

    /**
     * Serves {@code years} of price history back from the simulated day from now on, like an FMP
     * plan's depth (Basic and Starter: 5 years, the default).
     */
    public void setYearsOfHistory(int years) {
        store.setYearsOfHistory(years);
    }

    public LocalDate asOf() {
        return store.asOf();
    }

    public long totalRequests() {
        return counters.total();
    }

    /** Requests for one endpoint, named as after {@code /stable/} (e.g. "batch-quote"), or "legacy". */
    public long requests(String endpoint) {
        return counters.requests(endpoint);
    }

    /** 429 answers served, from the rate limit and from {@link FaultInjector#burstOf429}. */
    public long throttledResponses() {
        return counters.throttled();
    }

    public RequestCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** Zeroes the counters and forgets the rate-limit window. */
    public void resetCounters() {
        counters.reset();
        rateLimit.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean dropped = false;
        try {
            String path = exchange.getRequestURI().getRawPath();
            String endpoint = path.startsWith("/api/") ? "legacy"
                    : path.startsWith("/stable/") ? path.substring("/stable/".length()) : path;
            counters.request(endpoint);
            sleep(latency);
            if (endpoint.equals("legacy")) {
                send(exchange, Answer.json(403, FmpErrors.LEGACY_ENDPOINT));
                return;
            }
            if (!path.startsWith("/stable/")) {
                send(exchange, Answer.json(404, FmpErrors.badRequest("not found: " + path)));
                return;
            }
            QueryParams query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
            if (!config.apiKey().equals(query.get("apikey"))) {
                send(exchange, Answer.json(401, FmpErrors.INVALID_KEY));
                return;
            }
            if (!rateLimit.tryAcquire(System.nanoTime())) {
                send(exchange, Answer.json(429, FmpErrors.LIMIT_REACH));
                return;
            }
            FaultInjector.Decision fault = faults.decide(endpoint);
            switch (fault.action()) {
                case THROTTLE -> {
                    if (faults.retryAfterSeconds() > 0) {
                        exchange.getResponseHeaders().set("Retry-After", String.valueOf(faults.retryAfterSeconds()));
                    }
                    send(exchange, Answer.json(429, FmpErrors.LIMIT_REACH));
                }
                // Closing without sending headers makes the JDK server drop the connection: the
                // client sees a reset / premature EOF, not an HTTP status.
                case RESET -> counters.answered(0);
                case FAIL -> send(exchange, Answer.json(fault.status(), FmpErrors.serverError(fault.status())));
                case PREMIUM -> send(exchange, Answer.json(402, FmpErrors.premium(endpoint)));
                case TIMEOUT -> {
                    sleep(faults.timeoutDelay());
                    send(exchange, api.answer(endpoint, query));
                }
                case NONE -> send(exchange, api.answer(endpoint, query));
            }
        } catch (BodyCut cut) {
            // Thrown on without closing the exchange: the server then drops the connection, and the
            // client sees a body that ends early (no closing chunk), not a short complete one.
            dropped = true;
            throw cut;
        } catch (RuntimeException e) {
            // A bug in the simulator should look like a server error, not a hung connection.
            try {
                send(exchange, Answer.json(500, FmpErrors.serverError(500)));
            } catch (IOException | RuntimeException ignored) {
                // headers may already be out; nothing more to say
            }
        } finally {
            if (!dropped) {
                exchange.close();
            }
        }
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        // Counted before the answer leaves: a client that reads the counters as soon as it has the
        // answer (a test) must find it counted.
        counters.answered(answer.status());
        if (answer.streamed()) {
            sendLines(exchange, answer);
            return;
        }
        counters.served(answer.body().length);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    /** Bulk bodies are sent in pieces of this size, each when the transfer rate allows. */
    private static final int PIECE = 64 * 1024;

    /**
     * A streamed CSV body: chunked, line by line as generated, at {@code bulkBytesPerSecond} (so its
     * transfer time follows its rows), with the bulk faults: a body cut off halfway (the connection
     * dropped), or stalled halfway. A faulty body is generated whole first, to know where half is.
     */
    private void sendLines(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        boolean cut = faults.takeBodyCut();
        Duration stall = faults.takeBodyStall();
        exchange.sendResponseHeaders(answer.status(), 0);
        OutputStream out = exchange.getResponseBody();
        long start = System.nanoTime();
        if (cut || !stall.isZero()) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            answer.lines().write(line -> whole.writeBytes(line.getBytes(StandardCharsets.UTF_8)));
            byte[] body = whole.toByteArray();
            int half = body.length / 2;
            paced(out, body, 0, half, start, 0);
            if (cut) {
                out.flush();
                counters.served(half);
                throw new BodyCut();
            }
            out.flush();
            sleep(stall);
            paced(out, body, half, body.length - half, System.nanoTime(), 0);
            counters.served(body.length);
            out.close();
            return;
        }
        ByteArrayOutputStream piece = new ByteArrayOutputStream(PIECE + 4096);
        long[] sent = { 0 };
        try {
            answer.lines().write(line -> {
                piece.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                if (piece.size() >= PIECE) {
                    sent[0] = flushPiece(out, piece, start, sent[0]);
                }
            });
            sent[0] = flushPiece(out, piece, start, sent[0]);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            counters.served(sent[0]);
        }
        out.close();
    }

    private long flushPiece(OutputStream out, ByteArrayOutputStream piece, long start, long sentBefore) {
        try {
            byte[] bytes = piece.toByteArray();
            piece.reset();
            paced(out, bytes, 0, bytes.length, start, sentBefore);
            return sentBefore + bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes bytes {@code [from, from + length)}, never ahead of the rate since {@code start}. */
    private void paced(OutputStream out, byte[] body, int from, int length, long start, long sentBefore)
            throws IOException {
        long rate = bulkBytesPerSecond;
        for (int offset = 0; offset < length; offset += PIECE) {
            int n = Math.min(PIECE, length - offset);
            out.write(body, from + offset, n);
            if (rate > 0) {
                long due = start + (sentBefore + offset + n) * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleep(Duration.ofNanos(wait));
                }
            }
        }
    }

    /** Drops the connection in the middle of a body. */
    private static final class BodyCut extends RuntimeException {
        BodyCut() {
            super("bulk body cut off (simulated fault)", null, false, false);
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "fmp-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
