package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.PriceBar;
import org.marketetl.simulator.QuarterlyReport;
import org.marketetl.simulator.SimulatorConfig;
import org.marketetl.simulator.SplitEvent;
import org.marketetl.testing.Lambda;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Splits that happen between two daily runs, end to end against the simulator: HD splits 10:1,
 * MRK 1:10 and CVX 1239:1000 on Monday 2026-11-23. The warehouse is backfilled on Friday, before
 * FMP knows of them; the daily run on Tuesday learns of them from one {@code splits-calendar}
 * request and re-bases exactly those three symbols. PG, XOM, UNH and BAC have no split and take
 * their two new days from {@code eod-bulk}, as a plain daily run does.
 */
@QuarkusTest
@TestProfile(FewerRequestsTest.BulkEod.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class SplitRebasingTest {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final List<SplitEvent> SPLITS = List.of(
            SplitEvent.of("HD", "2026-11-23", "10", "1"),
            SplitEvent.of("MRK", "2026-11-23", "1", "10"),
            SplitEvent.of("CVX", "2026-11-23", "1239", "1000"));
    private static final List<String> SYMBOLS = List.of("HD", "MRK", "CVX", "PG", "XOM", "UNH", "BAC");
    private static final String SYMBOL_LIST = "\"HD\",\"MRK\",\"CVX\",\"PG\",\"XOM\",\"UNH\",\"BAC\"";

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    /** The two runs happen once; every test reads what they left (FMP's day only moves forward). */
    private static JsonPath daily;
    private static Map<String, Object> marketCapOnFridayBeforeTheSplit;
    private static Map<String, Long> requestsOfTheDailyRun;

    @BeforeEach
    void backfillOnFridayThenRunDailyOnTuesday() {
        simulator.setSplits(SPLITS);
        if (daily != null) {
            return;
        }
        simulator.setAsOf(FRIDAY);
        run("{\"mode\":\"backfill\",\"startDate\":\"2025-06-02\",\"symbols\":[" + SYMBOL_LIST + "]}");
        marketCapOnFridayBeforeTheSplit = Map.of(
                "HD", marketCap("HD", FRIDAY), "MRK", marketCap("MRK", FRIDAY), "CVX", marketCap("CVX", FRIDAY));

        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
        simulator.resetCounters();
        daily = run("{\"symbols\":[" + SYMBOL_LIST + "]}");
        requestsOfTheDailyRun = simulator.counters().byEndpoint();
    }

    @AfterEach
    void restoreSimulator() {
        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
    }

    @Test
    void dailyRunAfterASplit_costsOneCalendarRequestPlusOneRefetchPerSplitSymbol() {
        assertThat(requestsOfTheDailyRun).containsOnly(Map.entry("splits-calendar", 1L),
                Map.entry("historical-price-eod/full", 3L), // HD, MRK, CVX
                Map.entry("eod-bulk", 2L), // Monday and Tuesday, for the other four
                Map.entry("dividends-calendar", 1L)); // new dividends of all seven (issue 20)
        assertThat(daily.getLong("steps.find { it.step == 'price' }.apiRequests")).isEqualTo(7);
        assertThat(daily.getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void splitSymbols_holdTheirWholeHistoryOnTheNewBasis_andTheSplitIsRecordedExactly() {
        WarehouseProbe warehouse = WarehouseProbe.current();
        for (String symbol : SYMBOLS) {
            List<PriceBar> served = simulator.data().priceBars(symbol, LocalDate.of(2025, 6, 2),
                    SimulatorConfig.DEFAULT_AS_OF);
            BigDecimal closes = served.stream().map(b -> BigDecimal.valueOf(b.close())).reduce(BigDecimal.ZERO,
                    BigDecimal::add);
            long volume = served.stream().mapToLong(PriceBar::volume).sum();

            assertThat(warehouse.count("SELECT COUNT(*) FROM DAILY_PRICE WHERE SYMBOL = ?", symbol)).as(symbol)
                    .isEqualTo(served.size());
            assertThat(warehouse.strings("SELECT CAST(CAST(SUM(CLOSE) AS DECIMAL(38,4)) AS VARCHAR) FROM DAILY_PRICE "
                    + "WHERE SYMBOL = ?",
                    symbol)).as(symbol).singleElement()
                    .satisfies(sum -> assertThat(new BigDecimal(sum)).isEqualByComparingTo(closes));
            assertThat(warehouse.count("SELECT SUM(VOLUME) FROM DAILY_PRICE WHERE SYMBOL = ?", symbol)).as(symbol)
                    .isEqualTo(volume);
        }
        assertThat(warehouse.count("SELECT COUNT(*) FROM SPLIT WHERE SYMBOL = 'CVX' AND SPLIT_DATE = DATE '2026-11-23' "
                + "AND NUMERATOR = 1239 AND DENOMINATOR = 1000")).isEqualTo(1);
        assertThat(warehouse.count("SELECT COUNT(*) FROM SPLIT WHERE SYMBOL IN ('HD', 'MRK', 'CVX')")).isEqualTo(3);
    }

    @Test
    void marketCapAcrossTheSplitDay_isAdjustedCloseTimesFiledSharesTimesTheSplitFactor() {
        Map<String, BigDecimal> factors = Map.of("HD", BigDecimal.TEN, "MRK", new BigDecimal("0.1"), "CVX",
                new BigDecimal("1.239"));
        for (String symbol : factors.keySet()) {
            for (LocalDate day : List.of(FRIDAY, MONDAY)) {
                Map<String, Object> row = metrics(symbol, day);
                BigDecimal shares = filedShares(symbol, (String) row.get("PERIOD_END"));
                BigDecimal close = BigDecimal.valueOf(simulator.data().priceBars(symbol, day, day).get(0).close());

                // The quarter ended before the split: its shares are on the old basis.
                BigDecimal expected = close.multiply(shares).multiply(factors.get(symbol));
                assertThat(cents(row.get("MARKET_CAP"))).as("%s on %s", symbol, day)
                        .isEqualByComparingTo(expected.setScale(2, RoundingMode.HALF_UP));
            }
            // Friday's market cap is what Friday's run computed on the old basis (raw close x shares):
            // to the cent for whole ratios; for 1239:1000 to a millionth, as the prices of either
            // basis are rounded to four places and the filed shares to whole ones.
            BigDecimal before = cents(marketCapOnFridayBeforeTheSplit.get(symbol));
            BigDecimal after = cents(metrics(symbol, FRIDAY).get("MARKET_CAP"));
            if (symbol.equals("CVX")) {
                assertThat(after).as(symbol).isCloseTo(before, withinPercentage(0.0001));
            } else {
                assertThat(after).as(symbol).isEqualByComparingTo(before);
            }
        }
    }

    @Test
    void returnOverTheSplitDay_isOnOneBasis() {
        for (String symbol : List.of("HD", "MRK", "CVX")) {
            List<PriceBar> bars = simulator.data().priceBars(symbol, LocalDate.of(2025, 6, 2), MONDAY);
            double expected = bars.get(0).close() / bars.get(252).close() - 1;

            assertThat(((Number) metrics(symbol, MONDAY).get("RETURN_1Y")).doubleValue()).as(symbol)
                    .isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void incrementalDeriveAfterTheSplit_equalsAFullRefresh() {
        WarehouseProbe warehouse = WarehouseProbe.current();
        List<String> derived = List.of("FINANCIALS_TTM", "FINANCIAL_RATIOS", "FINANCIALS_TTM_VERSION",
                "FINANCIAL_RATIOS_VERSION", "MARKET_METRICS");
        // fakesnow sums DECIMAL in DOUBLE (src/test/tools/fakesnow.md), so there the volatility and
        // the total return of a window read from another first row may differ in their last bits;
        // compared apart, to 1e-12.
        Set<String> notCompared = Set.of("COMPUTED_AT", "VOLATILITY_1Y", "TOTAL_RETURN_1Y");
        Map<String, String> incremental = warehouse.fingerprints(derived, notCompared, SYMBOLS);
        List<Double> windows = windowFigures(warehouse);

        JsonPath refresh = run("{\"mode\":\"full-refresh\",\"symbols\":[" + SYMBOL_LIST
                + "],\"steps\":[\"ttm\",\"ratios\",\"metrics\"]}");

        if (!"fakesnow".equals(System.getProperty(WarehouseResource.PROPERTY))) {
            assertThat(refresh.getList("steps.rowsLoaded", Long.class)).containsOnly(0L);
        }
        assertThat(warehouse.fingerprints(derived, notCompared, SYMBOLS)).isEqualTo(incremental);
        List<Double> refreshed = windowFigures(warehouse);
        assertThat(refreshed).hasSameSizeAs(windows);
        for (int i = 0; i < refreshed.size(); i++) {
            assertThat(refreshed.get(i)).isCloseTo(windows.get(i), within(1e-12));
        }
    }

    private static List<Double> windowFigures(WarehouseProbe warehouse) {
        return warehouse.metricFigures(List.of("VOLATILITY_1Y", "TOTAL_RETURN_1Y"), SYMBOLS);
    }

    private Map<String, Object> metrics(String symbol, LocalDate localDay) {
        WarehouseProbe warehouse = WarehouseProbe.current();
        java.sql.Date day = java.sql.Date.valueOf(localDay); // snowflake-jdbc binds no LocalDate
        String marketCap = warehouse.strings("SELECT CAST(MARKET_CAP AS VARCHAR) FROM MARKET_METRICS "
                + "WHERE SYMBOL = ? AND PRICE_DATE = ?", symbol, day).get(0);
        String periodEnd = warehouse.strings("SELECT CAST(FINANCIALS_PERIOD_END AS VARCHAR) FROM MARKET_METRICS "
                + "WHERE SYMBOL = ? AND PRICE_DATE = ?", symbol, day).get(0);
        String yearReturn = warehouse.strings("SELECT CAST(RETURN_1Y AS VARCHAR) FROM MARKET_METRICS "
                + "WHERE SYMBOL = ? AND PRICE_DATE = ?", symbol, day).get(0);
        return Map.of("MARKET_CAP", marketCap, "PERIOD_END", periodEnd,
                "RETURN_1Y", yearReturn == null ? Double.NaN : Double.parseDouble(yearReturn));
    }

    private Object marketCap(String symbol, LocalDate day) {
        return metrics(symbol, day).get("MARKET_CAP");
    }

    /** Diluted shares the simulator's statement for that quarter reports (as at its period end). */
    private BigDecimal filedShares(String symbol, String periodEnd) {
        for (QuarterlyReport quarter : simulator.data().quarters(symbol, 24)) {
            if (quarter.quarter().periodEnd().toString().equals(periodEnd)) {
                return BigDecimal.valueOf(quarter.income().weightedAverageShsOutDil());
            }
        }
        throw new AssertionError("no quarter " + periodEnd + " for " + symbol);
    }

    private static BigDecimal cents(Object amount) {
        return new BigDecimal(amount.toString()).setScale(2, RoundingMode.HALF_UP);
    }

    private static JsonPath run(String request) {
        return new JsonPath(Lambda.invoke(request).then().statusCode(200).extract().asString());
    }
}
