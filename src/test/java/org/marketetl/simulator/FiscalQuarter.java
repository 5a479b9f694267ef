package org.marketetl.simulator;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * Identity of one filed quarter: calendar period end, fiscal labels and filing times.
 *
 * <p>Fiscal labels follow FMP: a company whose year ends in September (like AAPL) reports the
 * quarter ending in December as {@code fiscalYear "2025", period "Q1"} of the following year.
 * The filing lands 30 to 45 days after the period end (moved off weekends); acceptedDate is the
 * filing day with an EDGAR-like time, format {@code yyyy-MM-dd HH:mm:ss}.
 */
public record FiscalQuarter(LocalDate periodEnd, String fiscalYear, String period, LocalDate filingDate,
        String acceptedDate) {

    static FiscalQuarter of(CompanyTraits traits, LocalDate periodEnd) {
        int month = periodEnd.getMonthValue();
        int fyEnd = traits.fiscalYearEndMonth();
        int monthsAfterYearEnd = Math.floorMod(month - fyEnd, 12);
        int quarter = monthsAfterYearEnd == 0 ? 4 : monthsAfterYearEnd / 3;
        int fiscalYear = month <= fyEnd ? periodEnd.getYear() : periodEnd.getYear() + 1;
        long key = periodEnd.toEpochDay();
        int lag = 30 + StableHash.index(traits.seed(), key, 40, 16);
        LocalDate filing = TradingCalendar.nextWeekday(periodEnd.plusDays(lag));
        String accepted = String.format(Locale.ROOT, "%s %02d:%02d:%02d", filing,
                6 + StableHash.index(traits.seed(), key, 41, 12),
                StableHash.index(traits.seed(), key, 42, 60),
                StableHash.index(traits.seed(), key, 43, 60));
        return new FiscalQuarter(periodEnd, Integer.toString(fiscalYear), "Q" + quarter, filing, accepted);
    }

    /** Calendar quarter ends (Mar, Jun, Sep, Dec): every fiscal calendar used here ends on one. */
    static LocalDate lastQuarterEndOnOrBefore(LocalDate day) {
        YearMonth ym = YearMonth.from(day);
        while (ym.getMonthValue() % 3 != 0 || ym.atEndOfMonth().isAfter(day)) {
            ym = ym.minusMonths(1);
        }
        return ym.atEndOfMonth();
    }

    static LocalDate nextQuarterEnd(LocalDate quarterEnd) {
        return YearMonth.from(quarterEnd).plusMonths(3).atEndOfMonth();
    }
}
