package org.marketetl.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Daily bars of one symbol: a geometric random walk of closes from a fixed anchor day.
 *
 * <p>The walk always starts on {@link #ANCHOR}, never at "asOf minus N years", so the price of a
 * given day does not change when a test moves {@code asOf} forward: an incremental load sees the
 * old days unchanged and only new days appended. Only closes are stored (8 bytes a day); open,
 * high, low and volume are recomputed from the day's keyed random numbers when a bar is read.
 */
final class PriceSeries {

    /** First generated trading day. History before it does not exist (like a young listing). */
    static final LocalDate ANCHOR = LocalDate.of(2014, 1, 2);

    private final CompanyTraits traits;
    private final int[] epochDays;
    private final double[] closes;

    PriceSeries(CompanyTraits traits, LocalDate horizon) {
        this.traits = traits;
        int capacity = (int) (horizon.toEpochDay() - ANCHOR.toEpochDay()) + 1;
        int[] days = new int[Math.max(capacity, 0)];
        double[] walk = new double[days.length];
        int n = 0;
        double previous = traits.startPrice();
        for (LocalDate d = ANCHOR; !d.isAfter(horizon); d = d.plusDays(1)) {
            if (!TradingCalendar.isTradingDay(d)) {
                continue;
            }
            long key = d.toEpochDay();
            double ret = traits.dailyDrift() + traits.dailyVolatility() * StableHash.gaussian(traits.seed(), key, 0);
            // A floor keeps penny stocks from rounding to zero and breaking percentages.
            double close = Math.max(1.0, Money.cents(previous * Math.exp(ret)));
            days[n] = (int) key;
            walk[n] = close;
            previous = close;
            n++;
        }
        this.epochDays = Arrays.copyOf(days, n);
        this.closes = Arrays.copyOf(walk, n);
    }

    int size() {
        return closes.length;
    }

    LocalDate date(int i) {
        return LocalDate.ofEpochDay(epochDays[i]);
    }

    double close(int i) {
        return closes[i];
    }

    /** Index of the last bar on or before {@code day}, or -1 if there is none. */
    int indexOnOrBefore(LocalDate day) {
        int pos = Arrays.binarySearch(epochDays, (int) day.toEpochDay());
        return pos >= 0 ? pos : -pos - 2;
    }

    /** Index of the first bar on or after {@code day} (may equal size()). */
    int indexOnOrAfter(LocalDate day) {
        int pos = Arrays.binarySearch(epochDays, (int) day.toEpochDay());
        return pos >= 0 ? pos : -pos - 1;
    }

    PriceBar bar(int i) {
        long key = epochDays[i];
        long seed = traits.seed();
        double previous = i == 0 ? traits.startPrice() : closes[i - 1];
        double close = closes[i];
        double sigma = traits.dailyVolatility();
        double open = Math.max(0.5, Money.cents(previous * Math.exp(0.35 * sigma * StableHash.gaussian(seed, key, 1))));
        double top = Math.max(open, close);
        double bottom = Math.min(open, close);
        double high = roundUp(top * (1 + 0.5 * sigma * Math.abs(StableHash.gaussian(seed, key, 2))));
        double low = roundDown(bottom * (1 - 0.5 * sigma * Math.abs(StableHash.gaussian(seed, key, 3))));
        double move = Math.abs(Math.log(close / previous)) / sigma;
        long volume = Math.max(1_000L, Math.round(traits.baseVolume()
                * Math.exp(0.3 * StableHash.gaussian(seed, key, 4)) * (1 + 0.25 * move)));
        double change = Money.cents(close - open);
        double changePercent = Money.round((close - open) / open * 100.0, 5);
        double vwap = Money.round((open + high + low + close) / 4.0, 4);
        return new PriceBar(traits.symbol(), date(i).toString(), open, high, low, close, volume, change,
                changePercent, vwap);
    }

    /** Bars with from <= date <= to, newest first as FMP sends them. */
    List<PriceBar> newestFirst(LocalDate from, LocalDate to, int maxRows) {
        int first = indexOnOrAfter(from);
        int last = indexOnOrBefore(to);
        List<PriceBar> out = new ArrayList<>(Math.max(0, Math.min(maxRows, last - first + 1)));
        for (int i = last; i >= first && out.size() < maxRows; i--) {
            out.add(bar(i));
        }
        return out;
    }

    private static double roundUp(double v) {
        return Money.ceilCents(v);
    }

    private static double roundDown(double v) {
        return Math.max(0.01, Money.floorCents(v));
    }
}
