package org.marketetl.load;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.marketdata.StockSplit;

/**
 * The splits of many symbols from {@code splits-calendar}, in chunks of
 * {@code bulk.splits-calendar-days} (FMP does not document the calendar's range limit), instead of
 * one {@code splits?symbol=} request per symbol: for a first load of many symbols, dozens of requests
 * instead of thousands. The chunks cover the days whose splits matter to what the load keeps: from
 * the earlier of the price history's start and the oldest statement quarter kept (a split after a
 * quarter's end changes its share count's basis). If a chunk cannot be read, none of it is used
 * ({@link CalendarChunks}).
 */
final class SplitChunks {

    private SplitChunks() {
    }

    /**
     * @param bySymbol the splits of the wanted symbols, dated from {@code from} up to the business date
     * @param from     the first day the chunks covered
     * @param failure  why the calendar could not be read (then nothing is known), or null
     */
    record Result(Map<String, List<StockSplit>> bySymbol, LocalDate from, String failure) {

        static Result none(String why) {
            return new Result(Map.of(), null, why);
        }

        boolean complete() {
            return failure == null;
        }

        /** The splits of {@code symbol}, or null when the chunks were not read. */
        List<StockSplit> of(String symbol) {
            return complete() ? bySymbol.getOrDefault(symbol, List.of()) : null;
        }

        /** Whether {@code symbol} has a split dated after {@code day}. */
        boolean splitsAfter(String symbol, LocalDate day) {
            return bySymbol.getOrDefault(symbol, List.of()).stream().anyMatch(s -> s.date().isAfter(day));
        }
    }

    /** Reads the calendar from {@code from} to {@code to}, keeping the splits of {@code wanted}. */
    static Result fetch(MarketDataClient client, LocalDate from, LocalDate to, int days, Set<String> wanted,
            ApiCallCounter calls) {
        CalendarChunks.Listed<StockSplit> listed = CalendarChunks.read("splits-calendar", from, to, days, wanted,
                (start, end) -> client.splitsCalendar(start, end, calls), StockSplit::symbol, StockSplit::date);
        return listed.failure() != null ? Result.none(listed.failure()) : new Result(listed.bySymbol(), from, null);
    }
}
