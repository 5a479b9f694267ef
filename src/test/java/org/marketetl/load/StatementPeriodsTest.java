package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which quarters a load keeps, and which fiscal periods of the statement bulk files hold them. */
class StatementPeriodsTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 24);

    @Test
    void theCutoff_isTheQuarterEnd_nMinusOneQuartersBeforeTheLastOne() {
        assertThat(StatementPeriods.cutoff(AS_OF, 1)).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(StatementPeriods.cutoff(AS_OF, 4)).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(StatementPeriods.cutoff(AS_OF, 24)).isEqualTo(LocalDate.of(2020, 12, 31));
        assertThat(StatementPeriods.cutoff(LocalDate.of(2026, 9, 30), 1)).isEqualTo(LocalDate.of(2026, 9, 30));
    }

    @Test
    void sixYearsOfQuarters_areTwentyEightPeriods_newestFirst() {
        List<String> units = StatementPeriods.units(StatementPeriods.cutoff(AS_OF, 24), AS_OF);

        assertThat(units).hasSize(28).startsWith("2027-Q3", "2027-Q2", "2027-Q1", "2026-Q4").endsWith("2021-Q1",
                "2020-Q4");
    }

    /**
     * Every quarter that ends in the range, whatever month the company's fiscal year ends in, is in
     * one of the periods asked, labelled as FMP labels it (a fiscal year named after the calendar
     * year it ends in), 52/53-week quarter ends a few days off the month's end included.
     */
    @ParameterizedTest(name = "fiscal year ending in month {0}")
    @ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })
    void everyQuarterInTheRange_isInAPeriodAsked(int fiscalYearEnd) {
        LocalDate from = StatementPeriods.cutoff(AS_OF, 24);
        List<String> units = StatementPeriods.units(from, AS_OF);
        for (YearMonth month = YearMonth.from(from).minusMonths(2); !month.atEndOfMonth().isAfter(AS_OF);
                month = month.plusMonths(1)) {
            int monthsAfterYearEnd = Math.floorMod(month.getMonthValue() - fiscalYearEnd, 12);
            if (monthsAfterYearEnd % 3 != 0) {
                continue;
            }
            int quarter = monthsAfterYearEnd == 0 ? 4 : monthsAfterYearEnd / 3;
            int fiscalYear = month.getMonthValue() <= fiscalYearEnd ? month.getYear() : month.getYear() + 1;
            for (LocalDate end : List.of(month.atEndOfMonth(), month.atEndOfMonth().minusDays(4),
                    month.plusMonths(1).atDay(2))) {
                if (!end.isBefore(from) && !end.isAfter(AS_OF)) {
                    assertThat(units).as("quarter ending %s", end).contains(StatementPeriods.unit(fiscalYear, quarter));
                }
            }
        }
    }
}
