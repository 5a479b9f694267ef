package org.marketetl.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The benchmark of issue 5: {@code ./mvnw -Pbenchmark package} (see README). Runs every scenario
 * of the {@link BenchmarkPlan} in a child JVM ({@link BenchmarkScenario}), then prints a table and
 * the same figures as JSON lines (also written to {@code target/benchmark/results.jsonl}).
 * Not part of the test run.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkPlan plan = BenchmarkPlan.fromSystemProperties();
        if (plan.runs().isEmpty()) {
            System.err.println("no benchmark scenario selected: -Dbenchmark.sizes is empty and none of -Dbenchmark.large, "
                    + "-Dbenchmark.continued, -Dbenchmark.bulk is true; give sizes (e.g. -Dbenchmark.sizes=50,500), "
                    + "-Dbenchmark.large=true, -Dbenchmark.continued=true or -Dbenchmark.bulk=true");
            System.exit(2);
        }
        ScenarioProcess process = new ScenarioProcess(BenchmarkPlan.DIRECTORY);
        System.out.println(machine());
        String loadBefore = load();
        System.out.println("machine load before: " + loadBefore);
        List<ScenarioResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (BenchmarkPlan.Run run : plan.runs()) {
            Scenario scenario = run.scenario();
            System.out.printf(Locale.ROOT, "%s: %s ...%n", run.measured() ? "measuring" : "preparing (not measured)",
                    scenario.name());
            try {
                ScenarioResult result = process.run(scenario);
                if (scenario.market() != null && scenario.market().fingerprint()) {
                    result = result.withFingerprints(TableFingerprints.of(Path.of(scenario.warehouse())));
                }
                System.out.printf(Locale.ROOT, "  %s in %.1f s, %,d API requests, %d warehouse statements%n",
                        result.status(), result.wallMs() / 1000.0, result.apiRequests(), result.warehouseStatements());
                if (run.measured()) {
                    results.add(result);
                }
            } catch (Exception e) {
                System.out.println("  FAILED: " + e.getMessage());
                failures.add(e.getMessage());
            }
        }
        List<Comparison> comparisons = Comparison.of(results);
        System.out.println();
        System.out.print(ResultTable.format(results, comparisons));
        notes(results).forEach(System.out::println);
        besideToday(results).forEach(System.out::println);
        System.out.println("machine load before: " + loadBefore + "; after: " + load());
        System.out.println();
        List<String> jsonLines = Stream.concat(results.stream(), comparisons.stream()).map(Json::write).toList();
        jsonLines.forEach(System.out::println);
        Files.write(BenchmarkPlan.DIRECTORY.resolve("results.jsonl"), jsonLines);
        failures.forEach(f -> System.out.println("FAILED: " + f));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Each of issue 19's scenarios against today's strategy in the same run (name-today). */
    private static List<String> besideToday(List<ScenarioResult> results) {
        List<String> lines = new ArrayList<>();
        for (ScenarioResult ours : results) {
            results.stream().filter(r -> r.scenario().equals(ours.scenario() + "-today")).findFirst().ifPresent(today -> {
                long equal = TableFingerprints.TABLES.stream().filter(t -> ours.fingerprints().containsKey(t)
                        && ours.fingerprints().get(t).equals(today.fingerprints().get(t))).count();
                lines.add(String.format(Locale.ROOT, "%s beside today's strategy: %,d requests (today %,d), %.1f s "
                        + "(today %.1f s, %+.1f%%), %,.1f MB served (today %,.1f MB), peak heap %d MB (today %d MB); "
                        + "strategies %s; tables equal fingerprint for fingerprint: %d of %d%s", ours.scenario(),
                        ours.apiRequests(), today.apiRequests(), ours.wallMs() / 1000.0, today.wallMs() / 1000.0,
                        100.0 * (ours.wallMs() - today.wallMs()) / today.wallMs(), ours.bytesServed() / 1e6,
                        today.bytesServed() / 1e6, ours.peakHeapMb(), today.peakHeapMb(), ours.strategies(), equal,
                        TableFingerprints.TABLES.size(), equal == TableFingerprints.TABLES.size() ? ""
                                : " DIFFERENT: ours " + ours.fingerprints() + " today " + today.fingerprints()));
            });
        }
        return lines;
    }

    /** {@code /proc/loadavg}: the machine's load averages over 1, 5 and 15 minutes (it is shared). */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String machine() {
        return String.format(Locale.ROOT, "machine: %d cores, %s %s, Java %s; simulator latency %d ms",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), BenchmarkPlan.LATENCY_MS)
                + "; " + ManagementFactory.getOperatingSystemMXBean().getName();
    }

    /** What a reader of the table must know to read it right. */
    private static List<String> notes(List<ScenarioResult> results) {
        List<String> notes = new ArrayList<>();
        notes.add("floor = (ceil(API requests / rate limit) - 1) minutes + one latency: the plan's bursts, one a minute;"
                + " orig/ours = original-shaped wall / ours");
        notes.add("429s = 429 answers the simulator served; max/min = most calls it saw arrive within one minute"
                + " (refused ones included), at most the rate limit when the plan was kept");
        notes.add("heap = peak heap in use (10 ms samples); RSS = VmHWM; both of the function's JVM (the simulator runs in its own)");
        notes.add(String.format(Locale.ROOT, "all at %,d calls/min and %d ms latency, JVM default heap, unless noted",
                BenchmarkPlan.CALLS_PER_MINUTE, BenchmarkPlan.LATENCY_MS));
        for (ScenarioResult r : results) {
            if (r.callsPerMinute() != BenchmarkPlan.CALLS_PER_MINUTE || r.maxHeap() != null) {
                notes.add(String.format(Locale.ROOT, "%s ran at %,d calls/min (not %,d) with -Xmx%s", r.scenario(),
                        r.callsPerMinute(), BenchmarkPlan.CALLS_PER_MINUTE, r.maxHeap() == null ? "default" : r.maxHeap()));
            }
            if (r.maxCallsInWindow() > r.callsPerMinute()) {
                notes.add(String.format(Locale.ROOT, "%s EXCEEDED THE PLAN: %,d calls within one minute, the plan allows %,d",
                        r.scenario(), r.maxCallsInWindow(), r.callsPerMinute()));
            }
            if (r.invocations() > 1) {
                notes.add(String.format(Locale.ROOT, "%s took %d invocations (each cut at %d s); what each continuation "
                        + "added beyond its work, ms: %s", r.scenario(), r.invocations(),
                        BenchmarkPlan.CONTINUED_INVOCATION_SECONDS, r.continuationOverheadMs()));
            }
            if (r.apiRequests() != r.simulatorRequests()) {
                notes.add(String.format(Locale.ROOT, "%s: the report counts %,d requests, the simulator %,d",
                        r.scenario(), r.apiRequests(), r.simulatorRequests()));
            }
        }
        return notes;
    }
}
