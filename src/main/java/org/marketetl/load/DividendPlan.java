package org.marketetl.load;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.run.Mode;
import org.marketetl.run.RunContext;

import io.quarkus.logging.Log;

/**
 * How the price step learns a run's dividends, decided before it fetches prices: which symbols ask
 * {@code dividends?symbol=} for their whole history, and the new dividends of the others from one
 * {@code dividends-calendar} request ({@link DividendCalendar}), as staging rows.
 *
 * @param askHistory symbols that ask for their history: every due symbol outside incremental runs
 *                   (backfills and full refreshes fetch every history, as they do prices); in
 *                   incremental runs those never asked (the fetch log has no dividend history for
 *                   them), and those the calendar leaves in doubt (it failed, or listed one of their
 *                   dividends unreadably)
 * @param calendar   the calendar's new dividends of the others, as staging rows
 */
record DividendPlan(Set<String> askHistory, Map<String, List<Object[]>> calendar) {

    /** The staging rows the calendar brought for {@code symbol} (none when it asks its history). */
    List<Object[]> rowsOf(String symbol) {
        return calendar.getOrDefault(symbol, List.of());
    }

    /**
     * The plan for the {@code due} symbols, {@code loadedDue} those of them with prices;
     * {@code withHistory} the symbols whose dividend history was loaded (the fetch log).
     */
    static DividendPlan of(MarketDataClient client, RunContext context, List<String> due,
            Map<String, LoadedDays> loadedDue, Set<String> withHistory, ApiCallCounter calls) {
        Map<String, LoadedDays> known = new HashMap<>();
        loadedDue.forEach((symbol, days) -> {
            if (withHistory.contains(symbol)) {
                known.put(symbol, days);
            }
        });
        LocalDate asOf = context.asOf();
        DividendCalendar.Result listed = DividendCalendar.newDividends(client, known, asOf, calls);
        Set<String> askHistory = new HashSet<>(due);
        askHistory.removeAll(known.keySet());
        if (listed.failure() != null) {
            askHistory.addAll(DividendCalendar.inDoubt(known, asOf));
        }
        Map<String, List<Object[]>> rows = new HashMap<>();
        listed.bySymbol().forEach((symbol, dividends) -> {
            try {
                rows.put(symbol, DividendRows.rows(symbol, dividends));
            } catch (MalformedDataException e) {
                Log.warnf("dividends-calendar lists an unreadable dividend of %s (%s); asking its history instead",
                        symbol, e.getMessage());
                askHistory.add(symbol);
            }
        });
        return new DividendPlan(askHistory, rows);
    }

    /** Every due symbol asks for its history (a backfill, a full refresh, or nothing due). */
    static DividendPlan histories(List<String> due) {
        return new DividendPlan(Set.copyOf(due), Map.of());
    }

    /** Whether {@code context}'s run learns new dividends from the calendar (incremental runs). */
    static boolean usesCalendar(RunContext context, List<String> due) {
        return context.request().mode() == Mode.INCREMENTAL && !due.isEmpty();
    }
}
