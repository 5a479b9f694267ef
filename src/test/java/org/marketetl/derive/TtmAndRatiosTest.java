package org.marketetl.derive;

import static org.marketetl.derive.DeriveFixtures.assertMoney;
import static org.marketetl.derive.DeriveFixtures.assertNull;
import static org.marketetl.derive.DeriveFixtures.assertRatio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.derive.DeriveFixtures.Quarter;
import org.marketetl.run.Mode;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * TTM and ratios on hand-built quarters; every expected number is worked out by hand in the
 * comments. CAL: a calendar fiscal year, item k of quarter k = 0..4 grows linearly. FY: a
 * 52/53-week fiscal year ending in late September. GAP: a missing quarter. NEG: negative equity,
 * zero revenue, no current liabilities, no interest expense.
 */
@QuarkusTest
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class TtmAndRatiosTest {

    @Inject
    DeriveFixtures fixtures;

    @BeforeEach
    void load() {
        fixtures.clear();
        List<Quarter> quarters = new ArrayList<>(calendarYear("CAL", List.of(100L, 100L, 100L, 100L, 100L)));
        quarters.addAll(fiscalYearEndingInSeptember());
        quarters.addAll(missingQuarter());
        quarters.addAll(negativeEquityAndZeroRevenue());
        fixtures.load(quarters);
        fixtures.derive(Mode.FULL_REFRESH);
    }

    /** Quarters ending 2023-03-31 .. 2024-03-31, filed 30 days later; item values grow with k. */
    static List<Quarter> calendarYear(String symbol, List<Long> dilutedShares) {
        String[] ends = { "2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31", "2024-03-31" };
        List<Quarter> quarters = new ArrayList<>();
        for (int k = 0; k < ends.length; k++) {
            quarters.add(new Quarter(symbol, java.time.LocalDate.parse(ends[k]),
                    java.time.LocalDate.parse(ends[k]).plusDays(30), Map.ofEntries(
                            Map.entry("REVENUE", String.valueOf(100 + 10 * k)),
                            Map.entry("GROSS_PROFIT", String.valueOf(40 + 4 * k)),
                            Map.entry("OPERATING_INCOME", String.valueOf(20 + 2 * k)),
                            Map.entry("NET_INCOME", String.valueOf(10 + k)),
                            Map.entry("EBITDA", String.valueOf(30 + 2 * k)),
                            Map.entry("EPS", "0.1" + k),
                            Map.entry("EPS_DILUTED", new java.math.BigDecimal("0.09").add(
                                    new java.math.BigDecimal("0.01").multiply(java.math.BigDecimal.valueOf(k)))
                                    .toPlainString()),
                            Map.entry("INTEREST_EXPENSE", "2"),
                            Map.entry("DEPRECIATION_AND_AMORTIZATION", "10"),
                            Map.entry("WEIGHTED_AVERAGE_SHS_OUT_DIL", String.valueOf(dilutedShares.get(k))),
                            Map.entry("OPERATING_CASH_FLOW", String.valueOf(25 + k)),
                            Map.entry("CAPITAL_EXPENDITURE", String.valueOf(-(5 + k))),
                            Map.entry("FREE_CASH_FLOW", "20"),
                            Map.entry("TOTAL_ASSETS", String.valueOf(1000 + 10 * k)),
                            Map.entry("TOTAL_EQUITY", String.valueOf(400 + 10 * k)),
                            Map.entry("TOTAL_DEBT", "200"),
                            Map.entry("CASH_AND_CASH_EQUIVALENTS", "50"),
                            Map.entry("TOTAL_CURRENT_ASSETS", "300"),
                            Map.entry("TOTAL_CURRENT_LIABILITIES", "150"))));
        }
        return quarters;
    }

    /** An Apple-like 52/53-week year: quarters end 2022-12-31, 2023-04-01, 07-01, 09-30, 12-30. */
    private static List<Quarter> fiscalYearEndingInSeptember() {
        String[] ends = { "2022-12-31", "2023-04-01", "2023-07-01", "2023-09-30", "2023-12-30" };
        String[] revenue = { "117", "95", "82", "89", "120" };
        String[] netIncome = { "30", "24", "20", "23", "34" };
        String[] equity = { "60", "62", "60", "62", "74" };
        List<Quarter> quarters = new ArrayList<>();
        for (int k = 0; k < ends.length; k++) {
            Quarter quarter = Quarter.of("FY", ends[k], base())
                    .with("REVENUE", revenue[k]).with("NET_INCOME", netIncome[k]).with("TOTAL_EQUITY", equity[k]);
            // The 2023-04-01 income statement reports no interest expense: that item is missing.
            quarters.add(k == 1 ? quarter.without("INTEREST_EXPENSE") : quarter);
        }
        return quarters;
    }

    /** Quarters ending 2023-03-31, 06-30, (09-30 missing), 12-31, 2024-03-31, 06-30, 09-30. */
    private static List<Quarter> missingQuarter() {
        return List.of("2023-03-31", "2023-06-30", "2023-12-31", "2024-03-31", "2024-06-30", "2024-09-30").stream()
                .map(end -> Quarter.of("GAP", end, base())).toList();
    }

    /** Five calendar quarters with equity -100, revenue 0, current liabilities 0, interest 0. */
    static List<Quarter> negativeEquityAndZeroRevenue() {
        return List.of("2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31", "2024-03-31").stream()
                .map(end -> Quarter.of("NEG", end, base())
                        .with("REVENUE", "0").with("GROSS_PROFIT", "0").with("OPERATING_INCOME", "-5")
                        .with("NET_INCOME", "-10").with("EBITDA", "-2").with("INTEREST_EXPENSE", "0")
                        .with("TOTAL_EQUITY", "-100").with("TOTAL_ASSETS", "300").with("TOTAL_DEBT", "500")
                        .with("CASH_AND_CASH_EQUIVALENTS", "20").with("TOTAL_CURRENT_ASSETS", "100")
                        .with("TOTAL_CURRENT_LIABILITIES", "0").with("OPERATING_CASH_FLOW", "5")
                        .with("CAPITAL_EXPENDITURE", "-1").with("FREE_CASH_FLOW", "4"))
                .toList();
    }

    /** Every item 100, except what a quarter overrides. */
    static Map<String, String> base() {
        return Map.ofEntries(Map.entry("REVENUE", "100"), Map.entry("GROSS_PROFIT", "40"),
                Map.entry("OPERATING_INCOME", "20"), Map.entry("NET_INCOME", "10"), Map.entry("EBITDA", "30"),
                Map.entry("EPS", "0.1"), Map.entry("EPS_DILUTED", "0.1"), Map.entry("INTEREST_EXPENSE", "2"),
                Map.entry("DEPRECIATION_AND_AMORTIZATION", "10"), Map.entry("WEIGHTED_AVERAGE_SHS_OUT_DIL", "100"),
                Map.entry("OPERATING_CASH_FLOW", "25"), Map.entry("CAPITAL_EXPENDITURE", "-5"),
                Map.entry("FREE_CASH_FLOW", "20"), Map.entry("TOTAL_ASSETS", "1000"),
                Map.entry("TOTAL_EQUITY", "400"), Map.entry("TOTAL_DEBT", "200"),
                Map.entry("CASH_AND_CASH_EQUIVALENTS", "50"), Map.entry("TOTAL_CURRENT_ASSETS", "300"),
                Map.entry("TOTAL_CURRENT_LIABILITIES", "150"));
    }

    @Test
    void ttmFlowItems_areTheSumOfTheLastFourQuarters_stockItemsTheLatestQuarter() {
        // Quarters k = 0..3: revenue 100+110+120+130, gross profit 40+44+48+52, and so on.
        Map<String, Object> row = fixtures.row("FINANCIALS_TTM", "PERIOD_END", "CAL", "2023-12-31");

        assertMoney(row, "REVENUE_TTM", "460");
        assertMoney(row, "GROSS_PROFIT_TTM", "184");
        assertMoney(row, "OPERATING_INCOME_TTM", "92");
        assertMoney(row, "NET_INCOME_TTM", "46");
        assertMoney(row, "EBITDA_TTM", "132");
        assertMoney(row, "EPS_TTM", "0.46");
        assertMoney(row, "EPS_DILUTED_TTM", "0.42");
        assertMoney(row, "INTEREST_EXPENSE_TTM", "8");
        assertMoney(row, "DEPRECIATION_AND_AMORTIZATION_TTM", "40");
        assertMoney(row, "OPERATING_CASH_FLOW_TTM", "106");
        assertMoney(row, "CAPITAL_EXPENDITURE_TTM", "-26");
        assertMoney(row, "FREE_CASH_FLOW_TTM", "80");
        assertMoney(row, "TOTAL_ASSETS", "1030");
        assertMoney(row, "TOTAL_EQUITY", "430");
        assertMoney(row, "TOTAL_DEBT", "200");
        assertMoney(row, "CASH_AND_CASH_EQUIVALENTS", "50");
        assertMoney(row, "TOTAL_CURRENT_ASSETS", "300");
        assertMoney(row, "TOTAL_CURRENT_LIABILITIES", "150");
        assertMoney(row, "SHARES_OUTSTANDING_DILUTED", "100");
        org.assertj.core.api.Assertions.assertThat(row.get("FILING_DATE")).isEqualTo("2024-01-30");
    }

    @Test
    void ttmWindowMovesOneQuarter_dropsTheOldestQuarter() {
        // Quarters k = 1..4: revenue 110+120+130+140, net income 11+12+13+14, capex -(6+7+8+9).
        Map<String, Object> row = fixtures.row("FINANCIALS_TTM", "PERIOD_END", "CAL", "2024-03-31");

        assertMoney(row, "REVENUE_TTM", "500");
        assertMoney(row, "NET_INCOME_TTM", "50");
        assertMoney(row, "EBITDA_TTM", "140");
        assertMoney(row, "EPS_TTM", "0.50");
        assertMoney(row, "EPS_DILUTED_TTM", "0.46");
        assertMoney(row, "OPERATING_CASH_FLOW_TTM", "110");
        assertMoney(row, "CAPITAL_EXPENDITURE_TTM", "-30");
        assertMoney(row, "TOTAL_EQUITY", "440");
    }

    @Test
    void ttmIsNull_whenFewerThanFourQuartersExist_butStockItemsAreKept() {
        Map<String, Object> row = fixtures.row("FINANCIALS_TTM", "PERIOD_END", "CAL", "2023-09-30");

        assertNull(row, "REVENUE_TTM", "NET_INCOME_TTM", "OPERATING_CASH_FLOW_TTM", "FREE_CASH_FLOW_TTM");
        assertMoney(row, "TOTAL_ASSETS", "1020");
    }

    @Test
    void ttmIsNull_whenAQuarterIsMissing_neverASumOfThree() {
        for (String end : List.of("2023-12-31", "2024-03-31", "2024-06-30")) {
            assertNull(fixtures.row("FINANCIALS_TTM", "PERIOD_END", "GAP", end), "REVENUE_TTM", "NET_INCOME_TTM");
        }
        // 2023-12-31 .. 2024-09-30 are four consecutive quarters again: 4 x 100.
        assertMoney(fixtures.row("FINANCIALS_TTM", "PERIOD_END", "GAP", "2024-09-30"), "REVENUE_TTM", "400");
    }

    @Test
    void ttmFollowsAFiscalYearNotAlignedWithTheCalendar() {
        // Quarters ending 2022-12-31 .. 2023-09-30 (273 days apart): 117 + 95 + 82 + 89.
        assertMoney(fixtures.row("FINANCIALS_TTM", "PERIOD_END", "FY", "2023-09-30"), "REVENUE_TTM", "383");
        // 2023-04-01 .. 2023-12-30 across the fiscal-year boundary: 95 + 82 + 89 + 120; 24 + 20 + 23 + 34.
        Map<String, Object> row = fixtures.row("FINANCIALS_TTM", "PERIOD_END", "FY", "2023-12-30");
        assertMoney(row, "REVENUE_TTM", "386");
        assertMoney(row, "NET_INCOME_TTM", "101");
        assertNull(fixtures.row("FINANCIALS_TTM", "PERIOD_END", "FY", "2023-07-01"), "REVENUE_TTM");
    }

    @Test
    void ttmItemIsNull_whenOneQuarterDoesNotReportIt() {
        // FY's 2023-04-01 statement has no interest expense; both windows that hold it have none.
        Map<String, Object> row = fixtures.row("FINANCIALS_TTM", "PERIOD_END", "FY", "2023-12-30");
        assertNull(row, "INTEREST_EXPENSE_TTM");
        assertNull(fixtures.row("FINANCIAL_RATIOS", "PERIOD_END", "FY", "2023-12-30"), "INTEREST_COVERAGE");
    }

    @Test
    void ratios_followTheirDefinitions() {
        // TTM at 2024-03-31: revenue 500, gross profit 200, operating income 100, net income 50,
        // interest 8, OCF 110, capex -30; equity 440 now and 400 a year earlier; assets 1040 and 1000.
        Map<String, Object> row = fixtures.row("FINANCIAL_RATIOS", "PERIOD_END", "CAL", "2024-03-31");

        assertRatio(row, "GROSS_MARGIN", 200.0 / 500);
        assertRatio(row, "OPERATING_MARGIN", 100.0 / 500);
        assertRatio(row, "NET_MARGIN", 50.0 / 500);
        assertRatio(row, "ROE", 50.0 / ((440 + 400) / 2.0));
        assertRatio(row, "ROA", 50.0 / ((1040 + 1000) / 2.0));
        assertRatio(row, "CURRENT_RATIO", 300.0 / 150);
        assertRatio(row, "DEBT_TO_EQUITY", 200.0 / 440);
        assertRatio(row, "INTEREST_COVERAGE", 100.0 / 8);
        assertMoney(row, "FREE_CASH_FLOW", "80"); // 110 - |-30|
    }

    @Test
    void roeAndRoaAreNull_withoutTheQuarterFourQuartersEarlier() {
        Map<String, Object> row = fixtures.row("FINANCIAL_RATIOS", "PERIOD_END", "CAL", "2023-12-31");
        assertNull(row, "ROE", "ROA");
        assertRatio(row, "GROSS_MARGIN", 184.0 / 460);
        // GAP's quarter four rows back from 2024-09-30 is 2023-06-30, fifteen months earlier.
        assertNull(fixtures.row("FINANCIAL_RATIOS", "PERIOD_END", "GAP", "2024-09-30"), "ROE", "ROA");
    }

    @Test
    void roe_averagesEquityAcrossAFiscalYearNotAlignedWithTheCalendar() {
        // Net income TTM 101; equity 74 at 2023-12-30 and 60 at 2022-12-31 (364 days earlier).
        assertRatio(fixtures.row("FINANCIAL_RATIOS", "PERIOD_END", "FY", "2023-12-30"), "ROE", 101.0 / 67);
    }

    @Test
    void ratiosAreNull_forZeroOrNegativeDenominators() {
        // NEG at 2024-03-31: revenue TTM 0, equity -100 (average -100), current liabilities 0,
        // interest TTM 0; assets 300 (average 300) is a valid denominator: ROA = -40 / 300.
        Map<String, Object> row = fixtures.row("FINANCIAL_RATIOS", "PERIOD_END", "NEG", "2024-03-31");

        assertNull(row, "GROSS_MARGIN", "OPERATING_MARGIN", "NET_MARGIN", "ROE", "CURRENT_RATIO", "DEBT_TO_EQUITY",
                "INTEREST_COVERAGE");
        assertRatio(row, "ROA", -40.0 / 300);
        assertMoney(row, "FREE_CASH_FLOW", "16"); // 4 x 5 - |4 x -1|
        assertMoney(fixtures.row("FINANCIALS_TTM", "PERIOD_END", "NEG", "2024-03-31"), "REVENUE_TTM", "0");
    }
}
