package org.marketetl.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.marketetl.derive.DeriveFixtures.assertNull;
import static org.marketetl.derive.DeriveFixtures.assertRatio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.derive.DeriveFixtures.Dividend;
import org.marketetl.derive.DeriveFixtures.Price;
import org.marketetl.derive.DeriveFixtures.Split;
import org.marketetl.run.Mode;
import org.marketetl.testing.WarehouseResource;
import org.marketetl.warehouse.Warehouse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Dividends, their yield, the payout ratio and the 1-year total return, on hand-computed figures,
 * loaded over three incremental runs.
 *
 * <p>DIV has a row for every calendar day i = 0..479 from 2024-01-01 (day(i)) except day 150, a
 * day without trading. It splits 2:1 on day 200. On the adjusted basis it closes at 25 before day
 * 200, 20 from day 200, 22 from day 300. Its dividends, as declared (DIVIDEND):
 * E1 0.50 on day 100 and E2 0.50 on day 150 (the day without trading), E3 a special 2.00 on day
 * 180, all three before the split, so 0.25, 0.25 and 1.00 on the price basis; E4 0.50 on day 250;
 * E5 0.60 declared for day 500, after the last price. Its quarters are CAL's (TtmAndRatiosTest):
 * from day 120 (2024-04-30) the latest is 2024-03-31, EPS TTM 0.11 + 0.12 + 0.13 + 0.14 = 0.50,
 * i.e. 0.25 on the basis of the later 2:1 split.
 *
 * <p>Run 1 (the day before the split): days 0..199 at the old basis (closes 50), E1 and E2. Run 2:
 * the split, the re-based history, days 200..479, E3 (late: FMP lists it only now), E4, E5. Run 3:
 * FMP corrects E4 to 0.55, nothing else: the symbol is recomputed from day 250 on.
 */
@QuarkusTest
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class DividendsAndTotalReturnTest {

    private static final LocalDate FIRST_DAY = LocalDate.parse("2024-01-01");
    private static final int DAYS = 480;
    private static final int NO_TRADING = 150;
    private static final int SPLIT_DAY = 200;

    @Inject
    DeriveFixtures fixtures;
    @Inject
    Warehouse warehouse;

    private List<Long> thirdRun;

    @BeforeEach
    void threeIncrementalRuns() {
        fixtures.clear();
        fixtures.load(TtmAndRatiosTest.calendarYear("DIV", List.of(1_000L, 1_000L, 1_000L, 1_000L, 1_000L)));
        fixtures.loadPrices(prices(0, SPLIT_DAY, 2));
        fixtures.loadDividends(List.of(dividend(100, "0.50"), dividend(NO_TRADING, "0.50")));
        fixtures.derive(Mode.INCREMENTAL);

        fixtures.loadSplits(List.of(Split.of("DIV", day(SPLIT_DAY).toString(), "2", "1")));
        fixtures.loadPrices(prices(0, DAYS, 1));
        fixtures.loadDividends(List.of(dividend(180, "2.00"), dividend(250, "0.50"), dividend(500, "0.60")));
        fixtures.derive(Mode.INCREMENTAL);

        fixtures.loadDividends(List.of(dividend(250, "0.55")));
        thirdRun = fixtures.derive(Mode.INCREMENTAL);
    }

    @Test
    void dividendTtm_sumsTheYearsDividendsOnThePriceBasis_fromEachExDateFor365Days() {
        assertDividendTtm(99, "0");
        assertDividendTtm(100, "0.25"); // E1, 0.50 before the 2:1 split
        assertDividendTtm(149, "0.25");
        assertDividendTtm(179, "0.50");
        assertDividendTtm(180, "1.50"); // the special 2.00 -> 1.00
        assertDividendTtm(249, "1.50"); // E4 counts from its ex-date only
        assertDividendTtm(250, "2.05"); // E4 corrected to 0.55, after the split: as declared
        assertDividendTtm(464, "2.05");
        assertDividendTtm(465, "1.80"); // 2025-04-10: E1 (2024-04-10) is 365 days old
        assertDividendTtm(DAYS - 1, "1.80"); // E5, declared for day 500, is in no metric yet
    }

    @Test
    void exDateOnADayWithoutTrading_countsFromTheNextTradingDay() {
        assertDividendTtm(NO_TRADING - 1, "0.25");
        assertDividendTtm(NO_TRADING + 1, "0.50");
    }

    @Test
    void dividendYieldAndPayoutRatio_areOnTheOneBasis() {
        Map<String, Object> beforeTheSplit = metric(SPLIT_DAY - 1);
        assertRatio(beforeTheSplit, "DIVIDEND_YIELD", 1.50 / 25);
        assertRatio(beforeTheSplit, "PAYOUT_RATIO", 1.50 / 0.25); // EPS TTM 0.50 on the basis of the 2:1 split
        Map<String, Object> afterIt = metric(300);
        assertRatio(afterIt, "DIVIDEND_YIELD", 2.05 / 22);
        assertRatio(afterIt, "PAYOUT_RATIO", 2.05 / 0.25);
        // No financials before the first quarter is filed (day 29): no payout ratio, a yield all the same.
        assertNull(metric(20), "PAYOUT_RATIO");
        assertRatio(metric(20), "DIVIDEND_YIELD", 0);
    }

    @Test
    void totalReturn_reinvestsEachDividendAtTheCloseOfItsExDate() {
        // Day 400 is row 399 (day 150 has no row); 252 rows earlier is day 147 (close 25). The
        // window's dividends: E2 reinvested on day 151 at 25, E3 on day 180 at 25, E4 on day 250 at 20.
        double e2 = 1 + 0.25 / 25;
        double e3 = 1 + 1.00 / 25;
        double e4 = 1 + 0.55 / 20;
        Map<String, Object> day400 = metric(400);
        assertRatio(day400, "RETURN_1Y", 22.0 / 25 - 1);
        assertRatio(day400, "TOTAL_RETURN_1Y", 22.0 / 25 * e2 * e3 * e4 - 1);
        // Day 352 starts from day 99's close: E1 (day 100, at 25) is in its window too.
        assertRatio(metric(352), "TOTAL_RETURN_1Y", 22.0 / 25 * (1 + 0.25 / 25) * e2 * e3 * e4 - 1);
        // Day 353 starts from day 100's close, which is already ex E1.
        assertRatio(metric(353), "TOTAL_RETURN_1Y", 22.0 / 25 * e2 * e3 * e4 - 1);
        // Without a close 252 trading days earlier there is no return of either kind.
        assertNull(metric(200), "RETURN_1Y", "TOTAL_RETURN_1Y");
    }

    @Test
    void aCorrectedDividend_isRecomputedFromItsExDateOnly() {
        // Run 3 rewrote the days from day 250 (E4's ex-date) to the last, 230 rows (each one's
        // dividend TTM holds E4), and nothing before it.
        assertThat(thirdRun).containsExactly(0L, 0L, (long) (DAYS - 250));
    }

    @Test
    void threeIncrementalRuns_giveTheTablesOfAFullRefresh() {
        Map<String, List<String>> incremental = derivedTables();

        warehouse.withSession(session -> {
            for (String table : DeriveFixtures.CLEARED_FOR_A_FULL_REFRESH) {
                session.update("DELETE FROM " + table);
            }
            return null;
        });
        fixtures.derive(Mode.FULL_REFRESH);

        assertThat(incremental.get("MARKET_METRICS")).hasSize(DAYS - 1);
        assertThat(derivedTables()).isEqualTo(incremental);
    }

    private void assertDividendTtm(int i, String expected) {
        Object ttm = metric(i).get("DIVIDEND_TTM");
        assertThat(ttm).as("day %d", i).isNotNull();
        assertThat(new BigDecimal(ttm.toString())).as("day %d", i).isEqualByComparingTo(expected);
    }

    private Map<String, Object> metric(int i) {
        return fixtures.row("MARKET_METRICS", "PRICE_DATE", "DIV", day(i).toString());
    }

    private Map<String, List<String>> derivedTables() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : DeriveFixtures.DERIVED) {
            tables.put(table, fixtures.contents(table));
        }
        return tables;
    }

    /** Days [from, to) but the one without trading, on the adjusted basis x {@code basis}. */
    private static List<Price> prices(int from, int to, int basis) {
        List<Price> prices = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (i != NO_TRADING) {
                String close = i < SPLIT_DAY ? "25" : i < 300 ? "20" : "22";
                prices.add(new Price("DIV", day(i), new BigDecimal(close).multiply(BigDecimal.valueOf(basis))));
            }
        }
        return prices;
    }

    private static Dividend dividend(int i, String amount) {
        return Dividend.of("DIV", day(i).toString(), amount);
    }

    private static LocalDate day(int i) {
        return FIRST_DAY.plusDays(i);
    }
}
