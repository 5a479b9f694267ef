package org.marketetl.benchmark;


import java.util.Map;
import java.util.TreeMap;

import org.marketetl.report.RunReport;
import org.marketetl.report.StepReport;

/**
 * What one scenario measured: the result line a child prints and the parent collects.
 *
 * @param scenario          the scenario's name, e.g. {@code daily-500-ours}
 * @param kind              daily or backfill
 * @param shape             ours or original
 * @param symbols           universe size
 * @param latencyMs         simulator latency per request
 * @param callsPerMinute    rate limit of the simulator and the function
 * @param maxHeap           the child's {@code -Xmx}, null for the JVM default
 * @param status            the run's status
 * @param apiRequests       the report's steps' {@code apiRequests}, summed
 * @param simulatorRequests requests the simulator counted (the cross-check)
 * @param throttled         429 answers the simulator served
 * @param maxCallsInWindow  the most calls the simulator saw arrive within one minute (refused ones
 *                          included): at most {@code callsPerMinute} when the function kept the plan
 * @param warehouseStatements the report's {@code warehouseStatements}
 * @param wallMs            the report's {@code totalMs}
 * @param floorMs           the least time the plan allows: {@code apiRequests} in bursts of
 *                          {@code callsPerMinute}, one a minute, so the last burst starts
 *                          {@code ceil(apiRequests / callsPerMinute) - 1} minutes in; plus one latency
 * @param wallOverFloor     {@code wallMs / floorMs}, two decimals
 * @param peakHeapMb        highest heap in use, sampled every 10 ms
 * @param heapPoolPeaksMb   sum of the heap pools' own peaks (upper bound)
 * @param peakRssMb         peak resident set ({@code VmHWM})
 * @param invocations       the invocations the run took (1 unless the scenario cuts them short)
 * @param continuationOverheadMs what each continuation added beyond its phases' work, in order
 * @param bytesServed       body bytes the simulator sent (bulk bodies included); -1 when unknown
 * @param strategies        per load step, how it fetched ({@code per-symbol}, {@code bulk})
 * @param fingerprints      per table, its rows' count and checksum (write times left out), when the
 *                          scenario is compared with another; empty otherwise
 */
public record ScenarioResult(String scenario, String kind, String shape, int symbols, int latencyMs,
        int callsPerMinute, String maxHeap, String status, long apiRequests, long simulatorRequests, long throttled,
        long maxCallsInWindow, long warehouseStatements, long wallMs, long floorMs, double wallOverFloor, long peakHeapMb,
        long heapPoolPeaksMb, long peakRssMb, int invocations, java.util.List<Long> continuationOverheadMs,
        long bytesServed, Map<String, String> strategies, Map<String, String> fingerprints) {

    public ScenarioResult {
        strategies = strategies == null ? Map.of() : Map.copyOf(strategies);
        fingerprints = fingerprints == null ? Map.of() : new TreeMap<>(fingerprints);
    }

    /** The same result with the tables' fingerprints. */
    ScenarioResult withFingerprints(Map<String, String> tables) {
        return new ScenarioResult(scenario, kind, shape, symbols, latencyMs, callsPerMinute, maxHeap, status, apiRequests,
                simulatorRequests, throttled, maxCallsInWindow, warehouseStatements, wallMs, floorMs, wallOverFloor,
                peakHeapMb, heapPoolPeaksMb, peakRssMb, invocations, continuationOverheadMs, bytesServed, strategies,
                tables);
    }

    private static final long MB = 1024 * 1024;

    static ScenarioResult of(Scenario scenario, RunReport report, long simulatorRequests, long throttled,
            long maxCallsInWindow, long bytesServed, MemoryWatch.Peaks memory,
            java.util.List<Long> continuationOverheadMs) {
        long requests = report.steps().stream().mapToLong(StepReport::apiRequests).sum();
        long windows = Math.max(1, (requests + scenario.callsPerMinute() - 1) / scenario.callsPerMinute());
        long floorMs = (windows - 1) * 60_000 + scenario.latencyMs();
        double wallOverFloor = Math.round(100.0 * report.totalMs() / floorMs) / 100.0;
        return new ScenarioResult(scenario.name(), scenario.kind().id(), scenario.shape().id(), scenario.symbols(),
                scenario.latencyMs(), scenario.callsPerMinute(), scenario.maxHeap(), report.status().name(), requests,
                simulatorRequests, throttled, maxCallsInWindow, report.warehouseStatements(), report.totalMs(), floorMs, wallOverFloor,
                memory.heapUsed() / MB, memory.heapPoolPeaks() / MB, memory.rss() < 0 ? -1 : memory.rss() / MB,
                report.invocations().size(), continuationOverheadMs, bytesServed, strategies(report), Map.of());
    }

    private static Map<String, String> strategies(RunReport report) {
        Map<String, String> strategies = new TreeMap<>();
        report.steps().stream().filter(step -> step.strategy() != null)
                .forEach(step -> strategies.put(step.step(), step.strategy()));
        return strategies;
    }
}
