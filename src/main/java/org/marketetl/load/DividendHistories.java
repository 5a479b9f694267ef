package org.marketetl.load;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.marketetl.config.MarketDataConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.Dividend;
import org.marketetl.marketdata.MarketDataClient;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The dividend histories of the symbols that ask for theirs ({@link DividendPlan#askHistory}): one
 * {@code dividends?symbol=} request each, or {@code dividends-calendar} in chunks of
 * {@code bulk.dividends-calendar-days} ({@link CalendarChunks}) for all of them, whichever costs less
 * ({@link Strategy#cheaper}): for a first load of thousands of symbols, a few dozen requests instead
 * of thousands. If a chunk cannot be read, none is used and every symbol asks its own.
 *
 * <p>Which dividends a history holds, either way (so both ways load the same rows): those with an
 * ex-date from the first day of the symbol's price history (stored or being loaded) to
 * {@link DividendCalendar#DECLARED_AHEAD_DAYS} past the business date. A symbol's dividends are known
 * as far as its prices are (a dividend older than its prices has no close to yield on nor a return to
 * count in), and a declared dividend as far ahead as the daily calendar looks.
 */
final class DividendHistories {

    private final Map<String, LocalDate> firstPriceDay;
    private final LocalDate until;
    /** The staging rows of the symbols whose history came from the chunks; the others ask their own. */
    private final Map<String, List<Object[]>> fromChunks;
    private final String reason;

    private DividendHistories(Map<String, LocalDate> firstPriceDay, LocalDate until,
            Map<String, List<Object[]>> fromChunks, String reason) {
        this.firstPriceDay = firstPriceDay;
        this.until = until;
        this.fromChunks = fromChunks;
        this.reason = reason;
    }

    /**
     * How the {@code asking} symbols get their histories, each kept from its {@code firstPriceDay}:
     * the chunks are read here when they cost less.
     */
    static DividendHistories choose(MarketDataClient client, Set<String> asking, Map<String, LocalDate> firstPriceDay,
            LocalDate asOf, MarketDataConfig.Bulk bulk, ApiCallCounter calls) {
        LocalDate until = asOf.plusDays(DividendCalendar.DECLARED_AHEAD_DAYS);
        if (asking.isEmpty()) {
            return new DividendHistories(firstPriceDay, until, Map.of(), "");
        }
        LocalDate from = asking.stream().map(firstPriceDay::get).min(LocalDate::compareTo).orElseThrow();
        int days = bulk.dividendsCalendarDays();
        Strategy strategy = byCost(asking.size(), from, until, days, bulk.bytesPerCall());
        String what = "; dividends of " + asking.size() + " symbols: ";
        if (!strategy.bulk()) {
            return new DividendHistories(firstPriceDay, until, Map.of(), what + strategy.reason());
        }
        CalendarChunks.Listed<Dividend> listed = CalendarChunks.read("dividends-calendar", from, until, days, asking,
                (start, end) -> client.dividendsCalendar(start, end, calls), Dividend::symbol, Dividend::date);
        if (listed.failure() != null) {
            return new DividendHistories(firstPriceDay, until, Map.of(), what + strategy.reason() + "; but "
                    + listed.failure() + ", so dividends per symbol");
        }
        Map<String, List<Object[]>> rows = new HashMap<>();
        for (String symbol : asking) {
            try {
                rows.put(symbol, DividendRows.rows(symbol,
                        known(listed.bySymbol().getOrDefault(symbol, List.of()), firstPriceDay.get(symbol), until)));
            } catch (MalformedDataException e) {
                Log.warnf("dividends-calendar lists an unreadable dividend of %s (%s); asking its history instead",
                        symbol, e.getMessage());
            }
        }
        return new DividendHistories(firstPriceDay, until, rows, what + strategy.reason());
    }

    /**
     * The dividend histories of {@code symbols} per symbol, or from {@code dividends-calendar} in
     * chunks of {@code chunkDays} from {@code from} to {@code until}: the cheaper.
     */
    static Strategy byCost(long symbols, LocalDate from, LocalDate until, int chunkDays, long bytesPerCall) {
        int chunks = CalendarChunks.chunks(from, until, chunkDays);
        long days = until.toEpochDay() - from.toEpochDay() + 1;
        return Strategy.cheaper("dividends per symbol", new FetchCost(symbols, symbols * MarketSize.DIVIDENDS_JSON_BYTES),
                "dividends-calendar in " + chunks + " chunks of " + chunkDays + " days",
                new FetchCost(chunks, days * MarketSize.DIVIDEND_CALENDAR_DAY_BYTES), bytesPerCall);
    }

    /** For the report's strategy reason: how the histories came, with the costs compared ("" if none asked). */
    String reason() {
        return reason;
    }

    /** {@code symbol}'s dividend history as staging rows: from the chunks, or its own request. */
    Uni<List<Object[]>> of(String symbol, MarketDataClient client, ApiCallCounter calls) {
        List<Object[]> chunked = fromChunks.get(symbol);
        if (chunked != null) {
            return Uni.createFrom().item(chunked);
        }
        return client.dividends(symbol, calls)
                .map(history -> DividendRows.rows(symbol, known(history, firstPriceDay.get(symbol), until)));
    }

    /** The dividends of a history that are known: ex-dates from {@code first} to {@code until} (the class's rule). */
    private static List<Dividend> known(List<Dividend> history, LocalDate first, LocalDate until) {
        return history.stream().filter(d -> d.date() == null || !d.date().isBefore(first) && !d.date().isAfter(until))
                .toList();
    }
}
