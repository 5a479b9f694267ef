package org.marketetl.benchmark;


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
 */
public record ScenarioResult(String scenario, String kind, String shape, int symbols, int latencyMs,
        int callsPerMinute, String maxHeap, String status, long apiRequests, long simulatorRequests, long throttled,
        long maxCallsInWindow, long warehouseStatements, long wallMs, long floorMs, double wallOverFloor, long peakHeapMb,
        long heapPoolPeaksMb, long peakRssMb, int invocations, java.util.List<Long> continuationOverheadMs) {

    private static final long MB = 1024 * 1024;

    static ScenarioResult of(Scenario scenario, RunReport report, long simulatorRequests, long throttled,
            long maxCallsInWindow, MemoryWatch.Peaks memory, java.util.List<Long> continuationOverheadMs) {
        long requests = report.steps().stream().mapToLong(StepReport::apiRequests).sum();
        long windows = Math.max(1, (requests + scenario.callsPerMinute() - 1) / scenario.callsPerMinute());
        long floorMs = (windows - 1) * 60_000 + scenario.latencyMs();
        double wallOverFloor = Math.round(100.0 * report.totalMs() / floorMs) / 100.0;
        return new ScenarioResult(scenario.name(), scenario.kind().id(), scenario.shape().id(), scenario.symbols(),
                scenario.latencyMs(), scenario.callsPerMinute(), scenario.maxHeap(), report.status().name(), requests,
                simulatorRequests, throttled, maxCallsInWindow, report.warehouseStatements(), report.totalMs(), floorMs, wallOverFloor,
                memory.heapUsed() / MB, memory.heapPoolPeaks() / MB, memory.rss() < 0 ? -1 : memory.rss() / MB,
                report.invocations().size(), continuationOverheadMs);
    }
}
