package org.marketetl.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;

/**
 * Trading days: Monday to Friday, minus the three fixed-date US holidays that fall on a weekday
 * (New Year's Day, Independence Day, Christmas). Enough to make gaps real without an exchange
 * calendar; floating holidays (Thanksgiving...) are traded on here.
 */
final class TradingCalendar {

    private TradingCalendar() {
    }

    static boolean isTradingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
            return false;
        }
        Month m = day.getMonth();
        int d = day.getDayOfMonth();
        return !((m == Month.JANUARY && d == 1) || (m == Month.JULY && d == 4) || (m == Month.DECEMBER && d == 25));
    }

    /** The day itself if it trades, else the closest earlier trading day. */
    static LocalDate onOrBefore(LocalDate day) {
        LocalDate d = day;
        while (!isTradingDay(d)) {
            d = d.minusDays(1);
        }
        return d;
    }

    /** Filings land on business days: weekends roll forward to Monday. */
    static LocalDate nextWeekday(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }
}
