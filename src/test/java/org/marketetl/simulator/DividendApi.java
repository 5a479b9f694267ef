package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dividend endpoints, kept apart from {@link StableApi}: {@code dividends?symbol=} (a company's
 * dividends declared by the simulated day, newest first, those still ahead of their ex-date
 * included) and {@code dividends-calendar?from=&to=} (every symbol's, by ex-date from {@code from}
 * to {@code to}, oldest first; by default the simulated day and the 90 after it). The calendar
 * lists every security of the market (as FMP's lists the whole market), the symbols given dividends
 * and every other symbol served so far (the simulator accepts symbols it does not list), each with
 * the values {@code dividends?symbol=} gives it. A generated security's rows are its prototype's
 * under its own name, as the bulk endpoints serve it (computed once per prototype and simulated
 * day, so that a chunk over 60,000 securities stays fast).
 */
final class DividendApi {

    /** The calendar's span after {@code from} when no {@code to} is given. */
    static final int CALENDAR_DAYS = 90;

    private final MarketDataStore store;
    private final FaultInjector faults;
    private volatile List<DividendEvent> configured = List.of();
    private volatile PrototypeRows prototypeRows = new PrototypeRows(LocalDate.MIN, new ConcurrentHashMap<>());

    /** Each prototype's dividend rows by ex-date, as of one simulated day. */
    private record PrototypeRows(LocalDate asOf, Map<String, NavigableMap<LocalDate, List<DividendJson>>> byPrototype) {
    }

    DividendApi(MarketDataStore store, FaultInjector faults) {
        this.store = store;
        this.faults = faults;
    }

    /** Gives symbols exactly these dividends from now on; others keep the generated ones. */
    void setDividends(List<DividendEvent> dividends) {
        this.configured = List.copyOf(dividends);
    }

    /** A symbol's dividends as served on the simulated day, newest first. */
    List<DividendJson> dividends(SymbolData data) {
        LocalDate asOf = store.asOf();
        return schedule(data.traits().symbol(), data).declaredNewestFirst(asOf).stream()
                .map(dividend -> DividendJson.of(dividend, data, asOf)).toList();
    }

    /** Rows of every listed symbol with ex-dates in [from, to]. */
    List<DividendJson> calendar(Optional<LocalDate> from, Optional<LocalDate> to) {
        LocalDate asOf = store.asOf();
        LocalDate first = from.orElse(asOf);
        LocalDate last = to.orElse(first.plusDays(CALENDAR_DAYS));
        Set<String> givenDividends = new TreeSet<>();
        configured.forEach(d -> givenDividends.add(d.symbol()));
        Set<String> own = new TreeSet<>(store.universe());
        own.addAll(givenDividends);
        own.addAll(store.generatedSymbols());
        List<DividendJson> rows = new ArrayList<>();
        for (Listing listing : store.market().all()) {
            String symbol = listing.symbol();
            if (listing.prototype() == null || givenDividends.contains(symbol) || store.hasSplits(symbol)) {
                own.add(symbol);
            } else {
                own.remove(symbol); // served so far, but listed from its prototype like the others
                if (!faults.isEmpty(symbol)) {
                    ofPrototype(listing, asOf).subMap(first, true, last, true).values()
                            .forEach(listed -> listed.forEach(row -> rows.add(row.as(symbol))));
                }
            }
        }
        for (String symbol : own) {
            if (faults.isEmpty(symbol)) {
                continue;
            }
            store.data(symbol).ifPresent(d -> schedule(symbol, d).declaredNewestFirst(asOf).stream()
                    .filter(dividend -> !dividend.exDate().isBefore(first) && !dividend.exDate().isAfter(last))
                    .forEach(dividend -> rows.add(DividendJson.of(dividend, d, asOf))));
        }
        rows.sort(Comparator.comparing(DividendJson::date).thenComparing(DividendJson::symbol));
        return rows;
    }

    /**
     * The dividend rows of {@code listing}'s prototype as of {@code asOf}, by ex-date, under the name
     * of the first listing asked (callers rename them).
     */
    private NavigableMap<LocalDate, List<DividendJson>> ofPrototype(Listing listing, LocalDate asOf) {
        PrototypeRows cached = prototypeRows;
        if (!cached.asOf().equals(asOf)) {
            cached = new PrototypeRows(asOf, new ConcurrentHashMap<>());
            prototypeRows = cached;
        }
        return cached.byPrototype().computeIfAbsent(listing.prototype(), prototype -> {
            SymbolData data = store.market().borrowed(listing);
            NavigableMap<LocalDate, List<DividendJson>> byExDate = new TreeMap<>();
            DividendSchedule.of(listing.symbol(), List.of(), data, data.horizon()).declaredNewestFirst(asOf)
                    .forEach(dividend -> byExDate.computeIfAbsent(dividend.exDate(), day -> new ArrayList<>())
                            .add(DividendJson.of(dividend, data, asOf)));
            return byExDate;
        });
    }

    private DividendSchedule schedule(String symbol, SymbolData data) {
        return DividendSchedule.of(symbol, configured, data, data.horizon());
    }
}
