package org.marketetl.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.marketetl.derive.DeriveFixtures.assertMoney;
import static org.marketetl.derive.DeriveFixtures.assertNull;
import static org.marketetl.derive.DeriveFixtures.assertRatio;
import static org.marketetl.derive.MarketMetricsTest.winClose;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.derive.DeriveFixtures.Price;
import org.marketetl.derive.DeriveFixtures.Quarter;
import org.marketetl.derive.DeriveFixtures.Split;
import org.marketetl.run.Mode;
import org.marketetl.testing.WarehouseResource;
import org.marketetl.warehouse.Warehouse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Splits and out-of-order filings, across two incremental runs, on hand-computed figures.
 *
 * <p>FWD (10:1), REV (1:10) and ODD (1239:1000) split on 2024-02-15; STALE splits 2:1 on
 * 2024-04-15 while its quarters ending 2023-12-31 and 2024-03-31 are both unfiled (they are filed
 * on 2024-05-01). Each has 300 daily closes, day 290 being the split day; on FMP's split-adjusted
 * basis the close of day i is {@link MarketMetricsTest#winClose}(i). The first run happens the day
 * before the split and loads days 0..289 as FMP served them then (raw: adjusted x factor); the
 * second loads the split, the re-based history of days 0..289 (what the price ETL refetches) and
 * days 290..299. Quarters are CAL's ({@link TtmAndRatiosTest}) with 1,000 diluted shares, as at
 * each period end; STALE also has a 2022-12-31 quarter, so its 2023-09-30 TTM is complete.
 *
 * <p>LATE: CAL's quarters plus 2022-12-31, the quarter ending 2023-12-31 filed late on 2024-05-15,
 * after the next one (2024-03-31, filed 2024-04-30).
 */
@QuarkusTest
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class SplitsAndPointInTimeTest {

    private static final int SPLIT_DAY = 290;
    private static final int DAYS = 300;
    private static final List<Split> SPLITS = List.of(
            Split.of("FWD", "2024-02-15", "10", "1"),
            Split.of("REV", "2024-02-15", "1", "10"),
            Split.of("ODD", "2024-02-15", "1239", "1000"),
            Split.of("STALE", "2024-04-15", "2", "1"));

    @Inject
    DeriveFixtures fixtures;
    @Inject
    Warehouse warehouse;

    /** Market cap on the day before the split, as the first run computed it. */
    private final Map<String, Object> marketCapBeforeTheSplit = new HashMap<>();

    @BeforeEach
    void twoIncrementalRuns() {
        fixtures.clear();
        fixtures.load(quarters());
        fixtures.loadPrices(latePrices());
        List<Price> raw = new ArrayList<>();
        for (Split split : SPLITS) {
            for (int i = 0; i < SPLIT_DAY; i++) {
                raw.add(new Price(split.symbol(), day(split, i), winClose(i).multiply(factor(split))
                        .setScale(4, RoundingMode.HALF_UP)));
            }
        }
        fixtures.loadPrices(raw);
        fixtures.derive(Mode.INCREMENTAL);
        for (Split split : SPLITS) {
            marketCapBeforeTheSplit.put(split.symbol(), metric(split, SPLIT_DAY - 1).get("MARKET_CAP"));
        }

        fixtures.loadSplits(SPLITS);
        List<Price> adjusted = new ArrayList<>();
        for (Split split : SPLITS) {
            for (int i = 0; i < DAYS; i++) {
                adjusted.add(new Price(split.symbol(), day(split, i), winClose(i)));
            }
        }
        fixtures.loadPrices(adjusted);
        fixtures.derive(Mode.INCREMENTAL);
    }

    static List<Quarter> quarters() {
        List<Quarter> quarters = new ArrayList<>();
        for (String symbol : List.of("FWD", "REV", "ODD")) {
            quarters.addAll(TtmAndRatiosTest.calendarYear(symbol, List.of(1_000L, 1_000L, 1_000L, 1_000L, 1_000L)));
        }
        quarters.add(Quarter.of("STALE", "2022-12-31", TtmAndRatiosTest.base()).with("WEIGHTED_AVERAGE_SHS_OUT_DIL",
                "1000"));
        List<Quarter> stale = TtmAndRatiosTest.calendarYear("STALE", List.of(1_000L, 1_000L, 1_000L, 1_000L, 1_000L));
        quarters.addAll(stale.subList(0, 3));
        quarters.add(stale.get(3).filed("2024-05-01"));
        quarters.add(stale.get(4).filed("2024-05-01"));

        quarters.add(Quarter.of("LATE", "2022-12-31", TtmAndRatiosTest.base()).with("WEIGHTED_AVERAGE_SHS_OUT_DIL",
                "1000"));
        List<Quarter> late = TtmAndRatiosTest.calendarYear("LATE", List.of(1_000L, 1_000L, 1_000L, 1_000L, 1_000L));
        quarters.addAll(late.subList(0, 3));
        quarters.add(late.get(3).filed("2024-05-15"));
        quarters.add(late.get(4)); // filed 2024-04-30
        return quarters;
    }

    private static List<Price> latePrices() {
        return List.of(Price.of("LATE", "2024-04-29", "10"), Price.of("LATE", "2024-04-30", "10"),
                Price.of("LATE", "2024-05-14", "10"), Price.of("LATE", "2024-05-15", "10"));
    }

    private static LocalDate day(Split split, int i) {
        return split.date().minusDays(SPLIT_DAY).plusDays(i);
    }

    private static BigDecimal factor(Split split) {
        return split.numerator().divide(split.denominator());
    }

    private Map<String, Object> metric(Split split, int i) {
        return fixtures.row("MARKET_METRICS", "PRICE_DATE", split.symbol(), day(split, i).toString());
    }

    private static Split split(String symbol) {
        return SPLITS.stream().filter(s -> s.symbol().equals(symbol)).findFirst().orElseThrow();
    }

    /**
     * Quarter 2023-12-31 (filed 2024-01-30): 1,000 shares as at its end, x the split factor on the
     * adjusted basis; TTM net income 46, revenue 460, EBITDA 132; equity 430, debt 200, cash 50.
     */
    private void assertValuedOnQuarter2023Q4(String symbol, String basisShares) {
        Split split = split(symbol);
        for (int i : List.of(SPLIT_DAY - 1, SPLIT_DAY, DAYS - 1)) {
            Map<String, Object> row = metric(split, i);
            double marketCap = winClose(i).multiply(new BigDecimal(basisShares)).doubleValue();

            assertThat(row.get("FINANCIALS_PERIOD_END")).as("day %d", i).isEqualTo("2023-12-31");
            assertMoney(row, "CLOSE", winClose(i).toPlainString());
            assertMoney(row, "MARKET_CAP", winClose(i).multiply(new BigDecimal(basisShares)).toPlainString());
            assertMoney(row, "ENTERPRISE_VALUE",
                    winClose(i).multiply(new BigDecimal(basisShares)).add(BigDecimal.valueOf(150)).toPlainString());
            assertRatio(row, "PE_RATIO", marketCap / 46);
            assertRatio(row, "PS_RATIO", marketCap / 460);
            assertRatio(row, "PB_RATIO", marketCap / 430);
            assertRatio(row, "EV_TO_EBITDA", (marketCap + 150) / 132);
        }
    }

    @Test
    void forwardSplit_marketCapEvAndPeFollowTheCloseAcrossTheSplitDay() {
        // 1,000 shares x 10 on the basis of the 10:1 split.
        assertValuedOnQuarter2023Q4("FWD", "10000");
    }

    @Test
    void reverseSplit_marketCapEvAndPeFollowTheCloseAcrossTheSplitDay() {
        // 1,000 shares x 1/10 on the basis of the 1:10 split.
        assertValuedOnQuarter2023Q4("REV", "100");
    }

    @Test
    void oddRatioSplit_bringsSharesToTheBasisExactly() {
        // 1,000 shares x 1239/1000.
        assertValuedOnQuarter2023Q4("ODD", "1239");
    }

    @Test
    void splitWhileTwoQuartersAreUnfiled_usesTheLastFiledQuarterOnTheNewBasis() {
        // STALE on 2024-04-14 .. 2024-04-24: quarters 2023-12-31 and 2024-03-31 are filed only on
        // 2024-05-01, so 2023-09-30 it is: 1,000 shares x 2; TTM net income 10 + 10 + 11 + 12 = 43,
        // revenue 100 + 100 + 110 + 120 = 430, EBITDA 30 + 30 + 32 + 34 = 126; equity 420.
        Split split = split("STALE");
        for (int i : List.of(SPLIT_DAY - 1, SPLIT_DAY, DAYS - 1)) {
            Map<String, Object> row = metric(split, i);
            BigDecimal marketCap = winClose(i).multiply(BigDecimal.valueOf(2000));

            assertThat(row.get("FINANCIALS_PERIOD_END")).as("day %d", i).isEqualTo("2023-09-30");
            assertMoney(row, "MARKET_CAP", marketCap.toPlainString());
            assertMoney(row, "ENTERPRISE_VALUE", marketCap.add(BigDecimal.valueOf(150)).toPlainString());
            assertRatio(row, "PE_RATIO", marketCap.doubleValue() / 43);
            assertRatio(row, "PS_RATIO", marketCap.doubleValue() / 430);
            assertRatio(row, "PB_RATIO", marketCap.doubleValue() / 420);
            assertRatio(row, "EV_TO_EBITDA", (marketCap.doubleValue() + 150) / 126);
        }
    }

    @Test
    void marketCapBeforeTheSplit_isUnchangedByTheRebasing() {
        // Run 1 valued day 289 at raw close x 1,000 shares; run 2 at adjusted close x basis shares.
        for (String symbol : List.of("FWD", "REV", "STALE")) {
            Map<String, Object> row = metric(split(symbol), SPLIT_DAY - 1);
            assertThat(new BigDecimal(row.get("MARKET_CAP").toString()))
                    .as(symbol).isEqualByComparingTo(new BigDecimal(marketCapBeforeTheSplit.get(symbol).toString()));
        }
    }

    @Test
    void returnAndVolatility_acrossTheSplitDay_areThoseOfTheOneAdjustedBasis() {
        for (Split split : SPLITS) {
            for (int i : List.of(SPLIT_DAY - 1, SPLIT_DAY, DAYS - 1)) {
                Map<String, Object> row = metric(split, i);

                assertRatio(row, "RETURN_1Y", winClose(i).doubleValue() / winClose(i - 252).doubleValue() - 1);
                assertRatio(row, "VOLATILITY_1Y", MarketMetricsTest.volatility(i));
            }
        }
    }

    @Test
    void quarterFiledAfterTheNextOne_makesNeitherUsableUntilItIsFiled() {
        // TTM of 2024-03-31 sums 2023-06-30 .. 2024-03-31, and 2023-12-31 is filed on 2024-05-15.
        Map<String, Object> ttm = fixtures.row("FINANCIALS_TTM", "PERIOD_END", "LATE", "2024-03-31");
        assertThat(ttm.get("FILING_DATE")).isEqualTo("2024-04-30");
        assertThat(ttm.get("AVAILABLE_ON")).isEqualTo("2024-05-15");
        assertThat(fixtures.row("FINANCIALS_TTM", "PERIOD_END", "LATE", "2023-12-31").get("AVAILABLE_ON"))
                .isEqualTo("2024-05-15");
        assertThat(fixtures.row("FINANCIAL_RATIOS", "PERIOD_END", "LATE", "2024-03-31").get("AVAILABLE_ON"))
                .isEqualTo("2024-05-15");

        // 2024-04-30 and 2024-05-14: 2024-03-31 is filed but sums a quarter nobody has seen, so the
        // latest usable quarter is 2023-09-30: TTM net income 43, revenue 430; 10 x 1,000 shares.
        for (String date : List.of("2024-04-29", "2024-04-30", "2024-05-14")) {
            Map<String, Object> row = fixtures.row("MARKET_METRICS", "PRICE_DATE", "LATE", date);
            assertThat(row.get("FINANCIALS_PERIOD_END")).as(date).isEqualTo("2023-09-30");
            assertMoney(row, "MARKET_CAP", "10000");
            assertRatio(row, "PE_RATIO", 10_000.0 / 43);
            assertRatio(row, "PS_RATIO", 10_000.0 / 430);
        }

        // 2024-05-15: both are public; the latest is 2024-03-31, TTM net income 11 + 12 + 13 + 14 = 50.
        Map<String, Object> filed = fixtures.row("MARKET_METRICS", "PRICE_DATE", "LATE", "2024-05-15");
        assertThat(filed.get("FINANCIALS_PERIOD_END")).isEqualTo("2024-03-31");
        assertRatio(filed, "PE_RATIO", 10_000.0 / 50);
        assertNull(fixtures.row("MARKET_METRICS", "PRICE_DATE", "LATE", "2024-04-29"), "RETURN_1Y");
    }

    @Test
    void incrementalRunAfterTheSplit_givesTheTablesOfAFullRefresh() {
        Map<String, List<String>> incremental = derivedTables();

        warehouse.withSession(session -> {
            for (String table : DeriveFixtures.CLEARED_FOR_A_FULL_REFRESH) {
                session.update("DELETE FROM " + table);
            }
            return null;
        });
        fixtures.derive(Mode.FULL_REFRESH);

        assertThat(incremental.get("MARKET_METRICS")).hasSize(4 * DAYS + 4);
        for (String table : DeriveFixtures.DERIVED) {
            assertThat(derivedTables().get(table)).as(table).containsExactlyElementsOf(incremental.get(table));
        }
    }

    private Map<String, List<String>> derivedTables() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : DeriveFixtures.DERIVED) {
            tables.put(table, fixtures.contents(table));
        }
        return tables;
    }
}
