package org.marketetl.benchmark;

import java.util.List;
import java.util.Locale;

/** The results as a fixed-width table for people. */
final class ResultTable {

    private static final String ROW = "%-28s %7s %9s %9s %8s %8s %8s %9s %9s %10s %8s %8s %9s %9s %s%n";

    private ResultTable() {
    }

    static String format(List<ScenarioResult> results, List<Comparison> comparisons) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, ROW, "scenario", "symbols", "API req", "sim req", "429s", "max/min", "WH stmt", "wall s",
                "floor s", "wall/floor", "heap MB", "RSS MB", "orig/ours", "MB sent", "status"));
        for (ScenarioResult r : results) {
            String ratio = Comparison.forResult(comparisons, r).map(c -> String.format(Locale.ROOT, "%.1fx", c.ratio()))
                    .orElse("-");
            table.append(String.format(Locale.ROOT, ROW, r.scenario(), String.format(Locale.ROOT, "%,d", r.symbols()),
                    String.format(Locale.ROOT, "%,d", r.apiRequests()),
                    String.format(Locale.ROOT, "%,d", r.simulatorRequests()), r.throttled(),
                    String.format(Locale.ROOT, "%,d", r.maxCallsInWindow()), r.warehouseStatements(),
                    seconds(r.wallMs()), seconds(r.floorMs()), String.format(Locale.ROOT, "%.2f", r.wallOverFloor()),
                    r.peakHeapMb(), r.peakRssMb(), ratio, r.bytesServed() < 0 ? "-"
                            : String.format(Locale.ROOT, "%,.1f", r.bytesServed() / 1e6), r.status()));
        }
        return table.toString();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
