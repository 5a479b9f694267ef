package org.marketetl.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.marketetl.simulator.FmpSimulatorMain;

/**
 * The market-data simulator in a JVM of its own ({@link FmpSimulatorMain}), so the scenario's
 * heap and RSS are the function's alone: the simulator keeps every symbol's generated history,
 * which for 5,000 symbols would otherwise be most of what a {@code -Xmx512m} run measures.
 * Its output goes to {@code target/benchmark/<scenario>-simulator.log}.
 */
final class SimulatorProcess implements AutoCloseable {

    static final String API_KEY = "benchmark";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final String baseUrl;

    private SimulatorProcess(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    /** Starts the simulator the scenario describes and waits until it prints its URL. */
    static SimulatorProcess start(Scenario scenario, Path logDirectory) throws IOException, InterruptedException {
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(scenario.name() + "-simulator.log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FmpSimulatorMain.class.getName(),
                "--port", "0", "--api-key", API_KEY, "--as-of", scenario.asOf().toString(),
                "--latency-ms", String.valueOf(scenario.latencyMs()),
                "--rate-limit", String.valueOf(scenario.callsPerMinute()),
                "--accept-any-symbol", "true", "--universe", String.join(",", scenario.symbolList())));
        if (!scenario.splits().isEmpty()) {
            command.addAll(List.of("--splits", String.join(",", scenario.splits())));
        }
        if (scenario.market() != null) {
            command.addAll(List.of("--market-size", String.valueOf(scenario.market().marketSize()),
                    "--bulk-bytes-per-second", String.valueOf(scenario.market().bulkBytesPerSecond())));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant giveUp = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(giveUp)) {
            Optional<String> url = Files.readAllLines(log).stream().filter(line -> line.startsWith("http")).findFirst();
            if (url.isPresent()) {
                return new SimulatorProcess(process, log, url.get().strip());
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IOException("the simulator did not start within " + STARTUP + "; see " + log);
    }

    String baseUrl() {
        return baseUrl;
    }

    String apiKey() {
        return API_KEY;
    }

    /**
     * Stops the simulator; answers what it counted: {@code [requests, throttled, most calls within
     * one minute, body bytes served]}.
     */
    long[] stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the simulator did not stop within 30 s; see " + log);
        }
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith(FmpSimulatorMain.COUNTERS_PREFIX)) {
                String[] counts = line.substring(FmpSimulatorMain.COUNTERS_PREFIX.length()).strip().split(" ");
                return new long[] { Long.parseLong(counts[0]), Long.parseLong(counts[1]), Long.parseLong(counts[2]),
                    counts.length > 3 ? Long.parseLong(counts[3]) : -1 };
            }
        }
        throw new IOException("the simulator (exit " + process.exitValue() + ") printed no counters; see " + log);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
