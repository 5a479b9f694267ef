package org.marketetl.simulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The dividends of one symbol: those the configuration gives it, if any, else generated ones. A
 * company that pays out ({@link CompanyTraits#dividendPayout()} > 0) pays quarterly from 2014 on,
 * going ex on the first trading day from the 10th of February, May, August and November, 0.9% to
 * 2.7% a year of its starting price, raised 5% each year. The generated amount is on the basis of
 * the symbol's last split, like the price walk; as declared it is on the basis of its ex-date
 * (x the splits after it), in cents.
 */
final class DividendSchedule {

    private static final List<Month> EX_MONTHS = List.of(Month.FEBRUARY, Month.MAY, Month.AUGUST, Month.NOVEMBER);

    private final List<DividendEvent> oldestFirst;

    private DividendSchedule(List<DividendEvent> dividends) {
        this.oldestFirst = dividends.stream().sorted(Comparator.comparing(DividendEvent::exDate)).toList();
    }

    /** {@code symbol}'s dividends: those configured for it, if any, else the generated ones up to {@code horizon}. */
    static DividendSchedule of(String symbol, List<DividendEvent> configured, SymbolData data, LocalDate horizon) {
        List<DividendEvent> own = configured.stream().filter(d -> d.symbol().equals(symbol)).toList();
        return new DividendSchedule(own.isEmpty() ? generated(data, horizon) : own);
    }

    /** Dividends declared by {@code asOf} (ex-dates still ahead included), newest first, as FMP lists them. */
    List<DividendEvent> declaredNewestFirst(LocalDate asOf) {
        List<DividendEvent> newest = new ArrayList<>(oldestFirst.stream().filter(d -> !d.declared().isAfter(asOf))
                .toList());
        java.util.Collections.reverse(newest);
        return newest;
    }

    private static List<DividendEvent> generated(SymbolData data, LocalDate horizon) {
        CompanyTraits traits = data.traits();
        if (traits.dividendPayout() <= 0) {
            return List.of();
        }
        double yearly = traits.startPrice() * traits.dividendPayout() * 0.06;
        List<DividendEvent> dividends = new ArrayList<>();
        for (int year = 2014; year <= horizon.getYear(); year++) {
            double walkAmount = yearly / 4 * Math.pow(1.05, year - 2014);
            for (Month month : EX_MONTHS) {
                LocalDate ex = LocalDate.of(year, month, 10);
                while (!TradingCalendar.isTradingDay(ex)) {
                    ex = ex.plusDays(1);
                }
                if (ex.isAfter(horizon)) {
                    break;
                }
                double declared = Money.cents(walkAmount * data.splits().factorAfter(ex));
                dividends.add(new DividendEvent(traits.symbol(), ex, BigDecimal.valueOf(Math.max(0.01, declared)),
                        TradingCalendar.nextWeekday(ex.minusDays(28)), ex, TradingCalendar.nextWeekday(ex.plusDays(14)),
                        "Quarterly"));
            }
        }
        return dividends;
    }

    /**
     * The declared amount split-adjusted as of {@code asOf}: / the factors of the splits after the
     * ex-date up to then, to 8 places.
     */
    static BigDecimal adjusted(DividendEvent dividend, SplitSchedule splits, LocalDate asOf) {
        BigDecimal factor = BigDecimal.ONE;
        for (SplitEvent split : splits.all()) {
            if (split.date().isAfter(dividend.exDate()) && !split.date().isAfter(asOf)) {
                factor = factor.multiply(split.numerator()).divide(split.denominator(), MathContext.DECIMAL128);
            }
        }
        return dividend.amount().divide(factor, MathContext.DECIMAL128).setScale(8, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }
}
