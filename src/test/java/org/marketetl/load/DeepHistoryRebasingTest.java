package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.DividendEvent;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.PriceBar;
import org.marketetl.simulator.SimulatorConfig;
import org.marketetl.simulator.SplitEvent;
import org.marketetl.testing.Lambda;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A split older than the plan's depth (issue 20): the simulator serves 5 years of prices, as FMP's
 * Basic and Starter plans do. DEEP is backfilled on 2026-09-15 with 5 years (from 2021-09-15; the
 * runs' business date is pinned by the test profile, FMP's day is the simulator's),
 * splits 10:1 on 2026-10-14, and the daily run comes on 2026-11-02, when FMP serves only from
 * 2021-11-02: the refetch cannot return the 34 stored days from 2021-09-15 to 2021-11-01. They are
 * scaled by the split's factor in the same transaction, so every stored row ends on the new basis.
 * DEEP's dividends: 1.00 going ex on 2021-10-05 (among the scaled days), 1.20 on 2026-08-05, both
 * before the split, and 0.15 on 2026-10-20, after it (the daily run learns of it from the calendar).
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class DeepHistoryRebasingTest {

    private static final String SYMBOL = "DEEP";
    private static final LocalDate BACKFILLED = LocalDate.of(2026, 9, 15);
    private static final LocalDate FIRST_DAY = LocalDate.of(2021, 9, 15);
    private static final LocalDate FIRST_SERVED = LocalDate.of(2021, 11, 2);
    private static final LocalDate DAILY = LocalDate.of(2026, 11, 2);

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    /** The runs happen once; every test reads what they left (FMP's day only moves forward). */
    private static JsonPath daily;
    private static Map<String, Long> requestsOfTheDailyRun;

    @BeforeEach
    void backfillThenSplitThenDailyRun() {
        simulator.setSplits(List.of(SplitEvent.of(SYMBOL, "2026-10-14", "10", "1")));
        simulator.setDividends(List.of(DividendEvent.quarterly(SYMBOL, "2021-10-05", "1.00"),
                DividendEvent.quarterly(SYMBOL, "2026-08-05", "1.20"),
                DividendEvent.quarterly(SYMBOL, "2026-10-20", "0.15")));
        simulator.setYearsOfHistory(5);
        if (daily != null) {
            return;
        }
        simulator.setAsOf(BACKFILLED);
        run("{\"mode\":\"backfill\",\"startDate\":\"" + FIRST_DAY + "\",\"symbols\":[\"" + SYMBOL + "\"]}");
        simulator.setAsOf(DAILY);
        simulator.resetCounters();
        daily = run("{\"symbols\":[\"" + SYMBOL + "\"]}");
        requestsOfTheDailyRun = simulator.counters().byEndpoint();
    }

    @AfterEach
    void restoreSimulator() {
        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
        simulator.setSplits(List.of());
        simulator.setDividends(List.of());
    }

    @Test
    void everyStoredPrice_isOnTheNewBasis_theOnesFmpNoLongerServesScaledByTheSplit() {
        WarehouseProbe warehouse = WarehouseProbe.current();
        // What /full would serve on 2026-11-02 if it reached back that far (the simulator's own figures).
        Map<String, PriceBar> adjusted = simulator.data().priceBars(SYMBOL, FIRST_DAY, DAILY).stream()
                .collect(Collectors.toMap(PriceBar::date, Function.identity()));
        List<String> stored = warehouse.strings("SELECT CAST(PRICE_DATE AS VARCHAR) || ' ' || CAST(CLOSE AS VARCHAR) "
                + "|| ' ' || CAST(VOLUME AS VARCHAR) FROM DAILY_PRICE WHERE SYMBOL = ? ORDER BY PRICE_DATE", SYMBOL);

        assertThat(stored).hasSize(adjusted.size());
        for (String row : stored) {
            String[] fields = row.split(" ");
            PriceBar expected = adjusted.get(fields[0]);
            // 10:1 divides a close in cents exactly; the volume was served in tens before.
            assertThat(new BigDecimal(fields[1])).as(fields[0]).isEqualByComparingTo(BigDecimal.valueOf(expected.close()));
            assertThat(Long.parseLong(fields[2])).as(fields[0]).isCloseTo(expected.volume(), within(10L));
        }
        assertThat(warehouse.count("SELECT COUNT(*) FROM DAILY_PRICE WHERE SYMBOL = ? AND PRICE_DATE < DATE '2021-11-02'",
                SYMBOL)).isEqualTo(34);
    }

    @Test
    void theReport_saysHowManyRowsWereRebasedEachWay() {
        WarehouseProbe warehouse = WarehouseProbe.current();
        long storedAndServed = warehouse.count("SELECT COUNT(*) FROM DAILY_PRICE WHERE SYMBOL = ? "
                + "AND PRICE_DATE >= DATE '2021-11-02' AND PRICE_DATE <= DATE '2026-09-15'", SYMBOL);

        assertThat(daily.getLong("steps.find { it.step == 'price' }.rebasedScaled")).isEqualTo(34);
        assertThat(daily.getLong("steps.find { it.step == 'price' }.rebasedRefetched")).isEqualTo(storedAndServed);
        assertThat(storedAndServed).isPositive();
    }

    @Test
    void yearReturnAcrossTheOldestDays_isOnOneBasis() {
        // 2022-10-20 reaches back 252 trading days to 2021-11-01, the last of the scaled days: about
        // -90% with the old basis left in place (issue 20), the return of the one basis now.
        List<PriceBar> bars = simulator.data().priceBars(SYMBOL, FIRST_DAY, LocalDate.of(2022, 10, 20));
        double expected = bars.get(0).close() / bars.get(252).close() - 1;
        assertThat(LocalDate.parse(bars.get(252).date())).isBefore(FIRST_SERVED);

        String stored = WarehouseProbe.current().strings("SELECT CAST(RETURN_1Y AS VARCHAR) FROM MARKET_METRICS "
                + "WHERE SYMBOL = ? AND PRICE_DATE = DATE '2022-10-20'", SYMBOL).get(0);
        assertThat(Double.parseDouble(stored)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void storedDividends_areRebasedWithThePrices_theDeclaredAmountsKept() {
        WarehouseProbe warehouse = WarehouseProbe.current();
        assertThat(warehouse.strings("SELECT CAST(EX_DATE AS VARCHAR) || ' ' || CAST(CAST(DIVIDEND AS DECIMAL(18,2)) AS VARCHAR)"
                + " || ' ' || CAST(CAST(ADJ_DIVIDEND AS DECIMAL(18,3)) AS VARCHAR) FROM DIVIDEND WHERE SYMBOL = ? "
                + "ORDER BY EX_DATE", SYMBOL)).containsExactly(
                        "2021-10-05 1.00 0.100", "2026-08-05 1.20 0.120", "2026-10-20 0.15 0.150");
        // Dividend TTM on 2026-11-02 on the price basis: 1.20 / 10 + 0.15.
        assertThat(warehouse.strings("SELECT CAST(CAST(DIVIDEND_TTM AS DECIMAL(18,4)) AS VARCHAR) FROM MARKET_METRICS "
                + "WHERE SYMBOL = ? AND PRICE_DATE = DATE '2026-11-02'", SYMBOL)).containsExactly("0.2700");
    }

    @Test
    void theDailyRun_costsTheTwoCalendarsAndOneRefetch() {
        assertThat(requestsOfTheDailyRun).containsOnly(Map.entry("splits-calendar", 1L),
                Map.entry("dividends-calendar", 1L), Map.entry("historical-price-eod/full", 1L));
        assertThat(daily.getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void incrementalDeriveAfterTheRebasing_equalsAFullRefresh() {
        WarehouseProbe warehouse = WarehouseProbe.current();
        List<String> derived = List.of("FINANCIALS_TTM", "FINANCIAL_RATIOS", "FINANCIALS_TTM_VERSION",
                "FINANCIAL_RATIOS_VERSION", "MARKET_METRICS");
        // fakesnow sums DECIMAL in DOUBLE (src/test/tools/fakesnow.md): its window sums may differ
        // in their last bits with another first row; volatility and total return are compared apart.
        Set<String> notCompared = Set.of("COMPUTED_AT", "VOLATILITY_1Y", "TOTAL_RETURN_1Y");
        Map<String, String> incremental = warehouse.fingerprints(derived, notCompared, List.of(SYMBOL));
        List<Double> windows = windowFigures(warehouse);

        JsonPath refresh = run("{\"mode\":\"full-refresh\",\"symbols\":[\"" + SYMBOL
                + "\"],\"steps\":[\"ttm\",\"ratios\",\"metrics\"]}");

        if (!"fakesnow".equals(System.getProperty(WarehouseResource.PROPERTY))) {
            // Nothing to update: every figure the same, bit for bit (the MERGE compares them all).
            assertThat(refresh.getList("steps.rowsLoaded", Long.class)).containsOnly(0L);
        }
        assertThat(warehouse.fingerprints(derived, notCompared, List.of(SYMBOL))).isEqualTo(incremental);
        List<Double> refreshed = windowFigures(warehouse);
        assertThat(refreshed).hasSameSizeAs(windows);
        for (int i = 0; i < refreshed.size(); i++) {
            assertThat(refreshed.get(i)).isCloseTo(windows.get(i), within(1e-12));
        }
    }

    private static List<Double> windowFigures(WarehouseProbe warehouse) {
        return warehouse.metricFigures(List.of("VOLATILITY_1Y", "TOTAL_RETURN_1Y"), List.of(SYMBOL));
    }

    private static JsonPath run(String request) {
        return new JsonPath(Lambda.invoke(request).then().statusCode(200).extract().asString());
    }
}
