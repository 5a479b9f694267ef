package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dividend endpoints, kept apart from {@link StableApi}: {@code dividends?symbol=} (a company's
 * dividends declared by the simulated day, newest first, those still ahead of their ex-date
 * included) and {@code dividends-calendar?from=&to=} (every symbol's, by ex-date from {@code from}
 * to {@code to}, oldest first; by default the simulated day and the 90 after it). The calendar
 * lists the configured universe, the symbols given dividends, and every symbol served so far (the
 * simulator cannot list "every symbol" when it accepts any).
 */
final class DividendApi {

    /** The calendar's span after {@code from} when no {@code to} is given. */
    static final int CALENDAR_DAYS = 90;

    private final MarketDataStore store;
    private final FaultInjector faults;
    private volatile List<DividendEvent> configured = List.of();

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
        Set<String> symbols = new TreeSet<>(store.universe());
        configured.forEach(d -> symbols.add(d.symbol()));
        symbols.addAll(store.generatedSymbols());
        List<DividendJson> rows = new ArrayList<>();
        for (String symbol : symbols) {
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

    private DividendSchedule schedule(String symbol, SymbolData data) {
        return DividendSchedule.of(symbol, configured, data, data.horizon());
    }
}
