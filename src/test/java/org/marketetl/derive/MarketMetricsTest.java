package org.marketetl.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.marketetl.derive.DeriveFixtures.assertMoney;
import static org.marketetl.derive.DeriveFixtures.assertNull;
import static org.marketetl.derive.DeriveFixtures.assertRatio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.derive.DeriveFixtures.Price;
import org.marketetl.derive.DeriveFixtures.Quarter;
import org.marketetl.derive.DeriveFixtures.Split;
import org.marketetl.run.Mode;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Market metrics on hand-built data. SPL: CAL's quarters (see {@link TtmAndRatiosTest}) with a 4:1
 * split on 2024-02-15: 1,000 diluted shares until the quarter ending 2024-03-31, 4,000 in it, which
 * is filed on 2024-05-01. Prices are FMP's split-adjusted ones: 25 throughout (100 before the split
 * in raw terms), so the quarters before the split count 1,000 x 4 shares on that basis. NEG: negative equity, zero revenue,
 * losses. WIN: 300 daily closes for the window metrics, checked against values computed here.
 */
@QuarkusTest
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class MarketMetricsTest {

    private static final LocalDate WIN_START = LocalDate.parse("2022-01-01");

    @Inject
    DeriveFixtures fixtures;

    @BeforeEach
    void load() {
        fixtures.clear();
        fixtures.load(quarters());
        fixtures.loadPrices(prices());
        fixtures.loadSplits(splits());
        fixtures.derive(Mode.FULL_REFRESH);
    }

    static List<Split> splits() {
        return List.of(Split.of("SPL", "2024-02-15", "4", "1"));
    }

    static List<Quarter> quarters() {
        List<Quarter> quarters = new ArrayList<>(
                TtmAndRatiosTest.calendarYear("SPL", List.of(1_000L, 1_000L, 1_000L, 1_000L, 4_000L)));
        quarters.set(4, quarters.get(4).filed("2024-05-01"));
        quarters.addAll(TtmAndRatiosTest.negativeEquityAndZeroRevenue());
        return quarters;
    }

    static List<Price> prices() {
        List<Price> prices = new ArrayList<>(List.of(
                Price.of("SPL", "2023-04-15", "25"), // before the first filing (2023-04-30)
                Price.of("SPL", "2024-01-29", "25"), // quarter 2023-09-30 (filed 2023-10-30) is the latest filed
                Price.of("SPL", "2024-01-30", "25"), // quarter 2023-12-31 is filed today
                Price.of("SPL", "2024-02-15", "25"), // the split: the filed 1,000 shares count 4,000 now
                Price.of("SPL", "2024-04-30", "25"), // quarter 2024-03-31 has ended but is not filed yet
                Price.of("SPL", "2024-05-01", "25"), // ... and now it is: 4,000 shares
                Price.of("NEG", "2024-06-03", "10")));
        for (int i = 0; i < 300; i++) {
            prices.add(new Price("WIN", WIN_START.plusDays(i), winClose(i)));
        }
        return prices;
    }

    /** WIN's close on day i: between 50 and 75, in quarters, exact as a decimal. */
    static BigDecimal winClose(int i) {
        return BigDecimal.valueOf(50).add(BigDecimal.valueOf(i * 37L % 101).divide(BigDecimal.valueOf(4)));
    }

    private Map<String, Object> metric(String symbol, String date) {
        return fixtures.row("MARKET_METRICS", "PRICE_DATE", symbol, date);
    }

    @Test
    void dayBeforeAnyFiling_hasNoFinancials() {
        Map<String, Object> row = metric("SPL", "2023-04-15");
        assertMoney(row, "CLOSE", "25");
        assertNull(row, "FINANCIALS_PERIOD_END", "MARKET_CAP", "ENTERPRISE_VALUE", "PE_RATIO", "PS_RATIO", "PB_RATIO",
                "EV_TO_EBITDA", "FCF_YIELD");
    }

    @Test
    void metricsOnTheDayAQuarterIsFiled_useThatQuarter() {
        // Quarter 2023-12-31: 1,000 shares, debt 200, cash 50, equity 430; TTM net income 46,
        // revenue 460, EBITDA 132, OCF 106, capex -26.
        Map<String, Object> row = metric("SPL", "2024-01-30");

        assertThat(row.get("FINANCIALS_PERIOD_END")).isEqualTo("2023-12-31");
        assertMoney(row, "MARKET_CAP", "100000"); // 25 x 1,000 x 4 (the split after the quarter)
        assertMoney(row, "ENTERPRISE_VALUE", "100150"); // + 200 - 50
        assertRatio(row, "PE_RATIO", 100_000.0 / 46);
        assertRatio(row, "PS_RATIO", 100_000.0 / 460);
        assertRatio(row, "PB_RATIO", 100_000.0 / 430);
        assertRatio(row, "EV_TO_EBITDA", 100_150.0 / 132);
        assertRatio(row, "FCF_YIELD", (106.0 - 26) / 100_000);
    }

    @Test
    void noLookAhead_aDayBeforeAFilingUsesThePreviousQuarter() {
        // 2024-01-29: quarter 2023-12-31 has ended but is filed only on 2024-01-30. Quarter
        // 2023-09-30 has three quarters of history: stock items yes, TTM (so P/E) no.
        Map<String, Object> dayBefore = metric("SPL", "2024-01-29");
        assertThat(dayBefore.get("FINANCIALS_PERIOD_END")).isEqualTo("2023-09-30");
        assertMoney(dayBefore, "MARKET_CAP", "100000");
        assertRatio(dayBefore, "PB_RATIO", 100_000.0 / 420);
        assertNull(dayBefore, "PE_RATIO", "PS_RATIO", "EV_TO_EBITDA", "FCF_YIELD");

        // 2024-04-30: quarter 2024-03-31 (4,000 shares after the split) is not filed until 2024-05-01.
        Map<String, Object> notYetFiled = metric("SPL", "2024-04-30");
        assertThat(notYetFiled.get("FINANCIALS_PERIOD_END")).isEqualTo("2023-12-31");
        // 25 x 1,000 x 4: the split is in no filing yet, but the filed shares are brought to the basis.
        assertMoney(notYetFiled, "MARKET_CAP", "100000");
        assertMoney(notYetFiled, "ENTERPRISE_VALUE", "100150");
        assertRatio(notYetFiled, "PE_RATIO", 100_000.0 / 46);
    }

    @Test
    void stockSplit_marketCapUsesTheFiledDilutedSharesOnceTheQuarterIsFiled() {
        Map<String, Object> row = metric("SPL", "2024-05-01");

        // Quarter 2024-03-31: 4,000 shares; TTM net income 50, revenue 500, EBITDA 140, OCF 110,
        // capex -30; equity 440.
        assertThat(row.get("FINANCIALS_PERIOD_END")).isEqualTo("2024-03-31");
        assertMoney(row, "MARKET_CAP", "100000"); // 25 x 4,000 (no split after this quarter): as before
        assertMoney(row, "ENTERPRISE_VALUE", "100150");
        assertRatio(row, "PE_RATIO", 100_000.0 / 50);
        assertRatio(row, "PS_RATIO", 100_000.0 / 500);
        assertRatio(row, "PB_RATIO", 100_000.0 / 440);
        assertRatio(row, "EV_TO_EBITDA", 100_150.0 / 140);
        assertRatio(row, "FCF_YIELD", 80.0 / 100_000);
    }

    @Test
    void valuationRatiosAreNull_forLossesZeroRevenueAndNegativeEquity() {
        // NEG: 100 shares x 10 = 1,000; EV 1,000 + 500 - 20; net income TTM -40, revenue 0,
        // equity -100, EBITDA -8; free cash flow 20 - 4 = 16.
        Map<String, Object> row = metric("NEG", "2024-06-03");

        assertMoney(row, "MARKET_CAP", "1000");
        assertMoney(row, "ENTERPRISE_VALUE", "1480");
        assertNull(row, "PE_RATIO", "PS_RATIO", "PB_RATIO", "EV_TO_EBITDA");
        assertRatio(row, "FCF_YIELD", 16.0 / 1_000);
    }

    @Test
    void windowMetricsAreNull_untilTheirWindowIsFull() {
        // Day 250 has 251 closes; day 251 has 252 closes (52-week range) but 251 returns and no
        // close 252 days earlier.
        assertNull(metric("WIN", WIN_START.plusDays(250).toString()), "HIGH_52W", "LOW_52W", "RETURN_1Y",
                "VOLATILITY_1Y");
        Map<String, Object> day251 = metric("WIN", WIN_START.plusDays(251).toString());
        assertMoney(day251, "HIGH_52W", high(251).toPlainString());
        assertMoney(day251, "LOW_52W", low(251).toPlainString());
        assertNull(day251, "RETURN_1Y", "VOLATILITY_1Y");
    }

    @Test
    void windowMetrics_matchAHandComputationOver252TradingDays() {
        for (int day : List.of(252, 299)) {
            Map<String, Object> row = metric("WIN", WIN_START.plusDays(day).toString());

            assertMoney(row, "HIGH_52W", high(day).toPlainString());
            assertMoney(row, "LOW_52W", low(day).toPlainString());
            assertRatio(row, "RETURN_1Y", winClose(day).doubleValue() / winClose(day - 252).doubleValue() - 1);
            assertRatio(row, "VOLATILITY_1Y", volatility(day));
        }
    }

    /** Highest HIGH (close + 1) over the day and the 251 before it. */
    private static BigDecimal high(int day) {
        BigDecimal high = null;
        for (int i = day - 251; i <= day; i++) {
            BigDecimal h = winClose(i).add(BigDecimal.ONE);
            high = high == null || h.compareTo(high) > 0 ? h : high;
        }
        return high;
    }

    /** Lowest LOW (close - 1) over the day and the 251 before it. */
    private static BigDecimal low(int day) {
        BigDecimal low = null;
        for (int i = day - 251; i <= day; i++) {
            BigDecimal l = winClose(i).subtract(BigDecimal.ONE);
            low = low == null || l.compareTo(low) < 0 ? l : low;
        }
        return low;
    }

    /** Sample standard deviation of the 252 log returns ending on the day, times sqrt(252). */
    static double volatility(int day) {
        double[] returns = new double[252];
        for (int k = 0; k < 252; k++) {
            int i = day - 251 + k;
            returns[k] = Math.log(winClose(i).doubleValue() / winClose(i - 1).doubleValue());
        }
        double mean = java.util.Arrays.stream(returns).average().orElseThrow();
        double squares = java.util.Arrays.stream(returns).map(r -> (r - mean) * (r - mean)).sum();
        return Math.sqrt(squares / 251) * Math.sqrt(252);
    }
}
