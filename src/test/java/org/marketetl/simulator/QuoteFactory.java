package org.marketetl.simulator;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/** Builds {@code batch-quote} rows from the price series: the quote is the asOf day's close. */
final class QuoteFactory {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private QuoteFactory() {
    }

    static Optional<Quote> quote(SymbolData d, LocalDate asOf) {
        PriceSeries p = d.prices();
        int i = p.indexOnOrBefore(asOf);
        if (i < 0) {
            return Optional.empty();
        }
        PriceBar bar = p.bar(i);
        double previousClose = i > 0 ? p.close(i - 1) : bar.open();
        double yearHigh = Double.NEGATIVE_INFINITY;
        double yearLow = Double.POSITIVE_INFINITY;
        for (int j = Math.max(0, i - 251); j <= i; j++) {
            PriceBar b = p.bar(j);
            yearHigh = Math.max(yearHigh, b.high());
            yearLow = Math.min(yearLow, b.low());
        }
        long shares = d.sharesOutstanding(asOf);
        long timestamp = p.date(i).atTime(LocalTime.of(16, 0)).atZone(NEW_YORK).toEpochSecond();
        return Optional.of(new Quote(
                d.traits().symbol(), d.traits().companyName(), bar.close(),
                Money.round((bar.close() - previousClose) / previousClose * 100.0, 5),
                Money.cents(bar.close() - previousClose), bar.volume(), bar.low(), bar.high(), yearHigh, yearLow,
                Math.round(bar.close() * shares), averageClose(p, i, 50), averageClose(p, i, 200),
                d.traits().exchange(), bar.open(), previousClose, timestamp));
    }

    static double averageClose(PriceSeries p, int last, int days) {
        int first = Math.max(0, last - days + 1);
        double sum = 0;
        for (int j = first; j <= last; j++) {
            sum += p.close(j);
        }
        return Money.round(sum / (last - first + 1), 4);
    }

    static long averageVolume(PriceSeries p, int last, int days) {
        int first = Math.max(0, last - days + 1);
        long sum = 0;
        for (int j = first; j <= last; j++) {
            sum += p.bar(j).volume();
        }
        return sum / (last - first + 1);
    }
}
