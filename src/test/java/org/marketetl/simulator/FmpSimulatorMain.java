package org.marketetl.simulator;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone, for manual use and as the benchmark's own process:
 * {@code --port 8089 --latency-ms 40 --rate-limit 300 --api-key demo --as-of 2026-11-24
 * --accept-any-symbol true --universe AAPL,MSFT --years-of-history 5}. Prints the base URL as its first line and serves
 * until stopped; when stopped, prints {@value #COUNTERS_PREFIX} with the requests it served.
 * {@code --rate-window-ms} shortens the rate limit's one-minute window. The whole market of the
 * symbol lists and bulk endpoints: {@code --market-size 60000 --delisted ACME:2024-03-15,...
 * --bulk true|false --bulk-bytes-per-second 2000000}.
 */
public final class FmpSimulatorMain {

    /**
     * The last line: {@code SIMULATOR-COUNTERS <requests> <throttled> <most calls within one window>
     * <body bytes served>}.
     */
    public static final String COUNTERS_PREFIX = "SIMULATOR-COUNTERS ";

    private FmpSimulatorMain() {
    }

    /** {@code SYMBOL:YYYY-MM-DD:NUMERATOR:DENOMINATOR}, e.g. {@code NVDA:2024-06-10:10:1}. */
    private static SplitEvent split(String text) {
        String[] parts = text.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("a split is SYMBOL:DATE:NUMERATOR:DENOMINATOR, got " + text);
        }
        return SplitEvent.of(parts[0], parts[1], parts[2], parts[3]);
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig.Builder b = SimulatorConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--port" -> b.port(Integer.parseInt(value));
                case "--latency-ms" -> b.latency(Duration.ofMillis(Long.parseLong(value)));
                case "--rate-limit" -> b.rateLimitPerMinute(Integer.parseInt(value));
                case "--rate-window-ms" -> b.rateLimitWindow(Duration.ofMillis(Long.parseLong(value)));
                case "--api-key" -> b.apiKey(value);
                case "--as-of" -> b.asOf(LocalDate.parse(value));
                case "--accept-any-symbol" -> b.acceptAnySymbol(Boolean.parseBoolean(value));
                case "--universe" -> b.universe(List.of(value.split(",")));
                case "--years-of-history" -> b.yearsOfHistory(Integer.parseInt(value));
                case "--splits" -> b.splits(java.util.Arrays.stream(value.split(",")).map(FmpSimulatorMain::split)
                        .toList());
                case "--market-size" -> b.marketSize(Integer.parseInt(value));
                case "--delisted" -> b.delisted(java.util.Arrays.stream(value.split(",")).map(Delisting::parse).toList());
                case "--bulk" -> b.bulkEndpoints(Boolean.parseBoolean(value));
                case "--bulk-bytes-per-second" -> b.bulkBytesPerSecond(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + name + " (known: --port"
                        + " --latency-ms --rate-limit --rate-window-ms --api-key --as-of --accept-any-symbol --universe"
                        + " --years-of-history --splits --market-size --delisted --bulk --bulk-bytes-per-second)");
            }
        }
        FmpSimulator sim = FmpSimulator.start(b.build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Counted first: closing with connections still open may not return before the JVM ends.
            System.out.println(COUNTERS_PREFIX + sim.totalRequests() + " " + sim.throttledResponses() + " "
                    + sim.maxCallsInAnyWindow() + " " + sim.bytesServed());
            sim.close();
        }));
        System.out.println(sim.baseUrl());
        System.out.println("example: curl '" + sim.baseUrl() + "/profile?symbol=AAPL&apikey=" + sim.apiKey() + "'");
        new CountDownLatch(1).await();
    }
}
