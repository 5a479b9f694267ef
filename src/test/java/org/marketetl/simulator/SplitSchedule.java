package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The splits of one symbol and what they do to its data.
 *
 * <p>The generated price walk ({@link PriceSeries}) is the economic series on the basis of the
 * symbol's last split, and the generated share counts ({@link StatementSeries}) are on that basis
 * too. From there, as FMP serves them:
 * <ul>
 *   <li>raw (traded) price of day d = walk(d) x the factors of the splits after d
 *       ({@code historical-price-eod/non-split-adjusted}, and {@code eod-bulk} for that day);</li>
 *   <li>split-adjusted price as of the simulator's date A = raw(d) / the factors of the splits in
 *       (d, A] = walk(d) x the factors of the splits after A ({@code historical-price-eod/full}:
 *       the whole history changes when A passes a split); volume the other way round;</li>
 *   <li>statements report shares as at the period end, unadjusted: walk shares / the factors of
 *       the splits after the period end (and EPS on those shares).</li>
 * </ul>
 * A symbol has the splits the configuration gives it, or else the built-in ones below (a few
 * well-known tickers, so tests that do not care about splits see none on other symbols).
 */
final class SplitSchedule {

    /** Built-in splits, by symbol: forward, reverse and an odd ratio. */
    static final Map<String, List<SplitEvent>> BUILT_IN = Map.of(
            "NVDA", List.of(SplitEvent.of("NVDA", "2021-07-20", "4", "1"), SplitEvent.of("NVDA", "2024-06-10", "10", "1")),
            "TSLA", List.of(SplitEvent.of("TSLA", "2022-08-25", "3", "1")),
            "AMZN", List.of(SplitEvent.of("AMZN", "2022-06-06", "20", "1")),
            "GOOGL", List.of(SplitEvent.of("GOOGL", "2022-07-18", "20", "1")),
            "WMT", List.of(SplitEvent.of("WMT", "2024-02-26", "3", "1")),
            "GE", List.of(SplitEvent.of("GE", "2021-08-02", "1", "8"), SplitEvent.of("GE", "2023-01-04", "1239", "1000")));

    static final SplitSchedule NONE = new SplitSchedule(List.of());

    private final List<SplitEvent> oldestFirst;

    SplitSchedule(List<SplitEvent> splits) {
        this.oldestFirst = splits.stream().sorted(Comparator.comparing(SplitEvent::date)).toList();
    }

    /** {@code symbol}'s splits: those configured for it, if any, else the built-in ones. */
    static SplitSchedule of(String symbol, List<SplitEvent> configured) {
        List<SplitEvent> own = configured.stream().filter(s -> s.symbol().equals(symbol)).toList();
        return new SplitSchedule(own.isEmpty() ? BUILT_IN.getOrDefault(symbol, List.of()) : own);
    }

    /** Splits dated on or before {@code asOf}, newest first (as FMP lists them). */
    List<SplitEvent> newestFirst(LocalDate asOf) {
        List<SplitEvent> newest = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(newest);
        return newest.stream().filter(s -> !s.date().isAfter(asOf)).toList();
    }

    List<SplitEvent> all() {
        return oldestFirst;
    }

    /** Product of the factors of the splits dated after {@code day}. */
    double factorAfter(LocalDate day) {
        double factor = 1;
        for (SplitEvent split : oldestFirst) {
            if (split.date().isAfter(day)) {
                factor *= split.factor();
            }
        }
        return factor;
    }

    /** Product of the factors of the splits dated after {@code after}, up to {@code upTo}. */
    double factorBetween(LocalDate after, LocalDate upTo) {
        double factor = 1;
        for (SplitEvent split : oldestFirst) {
            if (split.date().isAfter(after) && !split.date().isAfter(upTo)) {
                factor *= split.factor();
            }
        }
        return factor;
    }

    /** A bar of the walk as {@code historical-price-eod/full} serves it on {@code asOf}. */
    PriceBar adjusted(PriceBar walk, LocalDate asOf) {
        return scaled(walk, factorAfter(asOf));
    }

    /** A bar of the walk as it traded that day. */
    PriceBar raw(PriceBar walk) {
        return scaled(walk, factorAfter(LocalDate.parse(walk.date())));
    }

    /** Prices x {@code m}, volume / {@code m}; FMP prints adjusted prices to a few more places. */
    private static PriceBar scaled(PriceBar b, double m) {
        if (m == 1) {
            return b;
        }
        return new PriceBar(b.symbol(), b.date(), Money.round(b.open() * m, 4), Money.round(b.high() * m, 4),
                Money.round(b.low() * m, 4), Money.round(b.close() * m, 4), Math.round(b.volume() / m),
                Money.round(b.change() * m, 4), b.changePercent(), Money.round(b.vwap() * m, 4));
    }
}
