package org.marketetl.load;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.marketdata.Redactor;
import org.marketetl.marketdata.StockSplit;

import io.quarkus.logging.Log;

/**
 * New splits of symbols already in DAILY_PRICE, from one {@code splits-calendar} request for the
 * whole universe over the days since the earliest last loaded day: a split dated after a symbol's
 * last loaded day is one its stored prices do not reflect yet. (Symbols without prices ask
 * {@code splits?symbol=} instead: see {@link PriceEtl}.)
 */
final class SplitCalendar {

    private SplitCalendar() {
    }

    /**
     * @param bySymbol the new splits per symbol (only symbols that have one)
     * @param failure  why the calendar could not be read, or null; without it no new split can be
     *                 ruled out
     */
    record Result(Map<String, List<StockSplit>> bySymbol, String failure) {
    }

    /** The new splits of {@code loaded} symbols (symbol -> its loaded days) up to {@code asOf}. */
    static Result newSplits(MarketDataClient client, Map<String, LoadedDays> loaded, LocalDate asOf,
            ApiCallCounter calls) {
        Map<String, LocalDate> lastLoaded = loaded.entrySet().stream().filter(e -> e.getValue().last().isBefore(asOf))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().last()));
        if (lastLoaded.isEmpty()) {
            return new Result(Map.of(), null);
        }
        LocalDate from = lastLoaded.values().stream().min(LocalDate::compareTo).orElseThrow().plusDays(1);
        List<StockSplit> calendar;
        try {
            calendar = client.splitsCalendar(from, asOf, calls).await().indefinitely();
        } catch (RuntimeException e) {
            String reason = "splits-calendar failed: " + Redactor.redact(e.getMessage());
            Log.warnf("%s; asking splits?symbol= for each of the %d symbols with prices instead", reason,
                    lastLoaded.size());
            return new Result(Map.of(), reason);
        }
        Map<String, List<StockSplit>> bySymbol = new TreeMap<>();
        for (StockSplit split : calendar) {
            LocalDate last = split.symbol() == null ? null : lastLoaded.get(split.symbol());
            if (last != null && split.date() != null && split.date().isAfter(last) && !split.date().isAfter(asOf)) {
                bySymbol.computeIfAbsent(split.symbol(), s -> new java.util.ArrayList<>()).add(split);
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
