package org.marketetl.load;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.Dividend;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.marketdata.Redactor;

import io.quarkus.logging.Log;

/**
 * New dividends of symbols whose dividend history is loaded, from one {@code dividends-calendar}
 * request for the whole universe, as {@link SplitCalendar} finds new splits: ex-dates from the day
 * after the earliest last loaded price day up to {@link #DECLARED_AHEAD_DAYS} after the business
 * date (a declared dividend is listed ahead of its ex-date; it counts from then on). A symbol's
 * new dividends are those dated after its last loaded price day: its dividends are merged with its
 * prices, so that day is as far as its dividends are known.
 */
final class DividendCalendar {

    /** How far past the business date the calendar is asked, for dividends declared but not yet ex. */
    static final int DECLARED_AHEAD_DAYS = 90;

    private DividendCalendar() {
    }

    /**
     * @param bySymbol the new dividends per symbol (only symbols that have one)
     * @param failure  why the calendar could not be read, or null; without it a symbol may miss one
     */
    record Result(Map<String, List<Dividend>> bySymbol, String failure) {
    }

    /** The new dividends of {@code loaded} symbols (symbol -> its loaded days), as of {@code asOf}. */
    static Result newDividends(MarketDataClient client, Map<String, LoadedDays> loaded, LocalDate asOf,
            ApiCallCounter calls) {
        Map<String, LocalDate> lastLoaded = loaded.entrySet().stream().filter(e -> e.getValue().last().isBefore(asOf))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().last()));
        if (lastLoaded.isEmpty()) {
            return new Result(Map.of(), null);
        }
        LocalDate from = lastLoaded.values().stream().min(LocalDate::compareTo).orElseThrow().plusDays(1);
        List<Dividend> calendar;
        try {
            calendar = client.dividendsCalendar(from, asOf.plusDays(DECLARED_AHEAD_DAYS), calls).await().indefinitely();
        } catch (RuntimeException e) {
            String reason = "dividends-calendar failed: " + Redactor.redact(e.getMessage());
            Log.warnf("%s; asking dividends?symbol= for each of the %d symbols with prices instead", reason,
                    lastLoaded.size());
            return new Result(Map.of(), reason);
        }
        Map<String, List<Dividend>> bySymbol = new TreeMap<>();
        for (Dividend dividend : calendar) {
            LocalDate last = dividend.symbol() == null ? null : lastLoaded.get(dividend.symbol());
            if (last != null && dividend.date() != null && dividend.date().isAfter(last)) {
                bySymbol.computeIfAbsent(dividend.symbol(), s -> new ArrayList<>()).add(dividend);
            }
        }
        return new Result(bySymbol, null);
    }

    /** The symbols a failed calendar leaves in doubt: those it would have covered. */
    static Set<String> inDoubt(Map<String, LoadedDays> loaded, LocalDate asOf) {
        return loaded.entrySet().stream().filter(e -> e.getValue().last().isBefore(asOf)).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
