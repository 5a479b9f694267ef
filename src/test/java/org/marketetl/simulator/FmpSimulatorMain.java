package org.marketetl.simulator;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone for manual use:
 * {@code --port 8089 --latency-ms 40 --rate-limit 300 --api-key demo --as-of 2026-11-24}.
 * Prints the base URL and serves until killed.
 */
public final class FmpSimulatorMain {

    private FmpSimulatorMain() {
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
                case "--api-key" -> b.apiKey(value);
                case "--as-of" -> b.asOf(LocalDate.parse(value));
                default -> throw new IllegalArgumentException(
                        "unknown option " + name + " (known: --port --latency-ms --rate-limit --api-key --as-of)");
            }
        }
        FmpSimulator sim = FmpSimulator.start(b.build());
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println(sim.baseUrl());
        System.out.println("example: curl '" + sim.baseUrl() + "/profile?symbol=AAPL&apikey=" + sim.apiKey() + "'");
        new CountDownLatch(1).await();
    }
}
