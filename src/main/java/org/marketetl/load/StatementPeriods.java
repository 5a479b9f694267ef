package org.marketetl.load;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which quarters a statement load keeps, and which of FMP's bulk files hold them.
 *
 * <p><b>The quarters kept.</b> A load of {@code n} quarters keeps the quarters whose period ended on
 * or after the cutoff: the calendar quarter end {@code n - 1} quarters before the last one on or
 * before the business date. Per symbol ({@code limit=n}, newest filed first) that is the same {@code
 * n} quarters once the latest has been filed, one fewer before; in bulk it is what the periods below
 * hold. So both ways load the same rows.
 *
 * <p><b>The bulk files.</b> {@code *-statement-bulk?year=Y&period=Qk} is labelled by fiscal year and
 * quarter, and fiscal years end in any month: with FMP's labels (a fiscal year is named after the
 * calendar year it ends in) quarter k of fiscal year Y ends in the twelve months up to the end of
 * month 3k of calendar year Y (for a December year end, exactly then; for a September one, in
 * month 3k - 9 of Y, or of Y - 1). A month's margin on either side takes in 52/53-week years. The
 * periods a load needs are those whose window meets [cutoff, business date], newest first; a fiscal
 * year's annual file ({@code FY}) is never needed, as only quarters are stored.
 */
final class StatementPeriods {

    private StatementPeriods() {
    }

    /** The first period end a load of {@code quarters} quarters keeps. */
    static LocalDate cutoff(LocalDate asOf, int quarters) {
        YearMonth last = YearMonth.from(asOf);
        while (last.getMonthValue() % 3 != 0 || last.atEndOfMonth().isAfter(asOf)) {
            last = last.minusMonths(1);
        }
        return last.minusMonths(3L * (quarters - 1)).atEndOfMonth();
    }

    /** The bulk periods ({@code 2024-Q3}) whose quarters can end between {@code from} and {@code to}, newest first. */
    static List<String> units(LocalDate from, LocalDate to) {
        List<String> units = new ArrayList<>();
        for (int year = to.getYear() + 1; year >= from.getYear() - 1; year--) {
            for (int quarter = 4; quarter >= 1; quarter--) {
                YearMonth last = YearMonth.of(year, 3 * quarter);
                LocalDate windowEnd = last.plusMonths(1).atEndOfMonth();
                LocalDate windowStart = last.minusMonths(13).atEndOfMonth();
                if (windowEnd.isAfter(from) || windowEnd.isEqual(from)) {
                    if (windowStart.isBefore(to)) {
                        units.add(unit(year, quarter));
                    }
                }
            }
        }
        return units;
    }

    static String unit(int year, int quarter) {
        return String.format(Locale.ROOT, "%d-Q%d", year, quarter);
    }

    /** The fiscal year of a unit {@code 2024-Q3}. */
    static int year(String unit) {
        return Integer.parseInt(unit.substring(0, unit.indexOf('-')));
    }

    /** The period of a unit {@code 2024-Q3}: {@code Q3}. */
    static String period(String unit) {
        return unit.substring(unit.indexOf('-') + 1);
    }
}
