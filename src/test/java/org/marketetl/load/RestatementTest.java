package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.QuarterlyReport;
import org.marketetl.simulator.Restatement;
import org.marketetl.testing.Lambda;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A restatement end to end: run 1 loads RSTX; FMP then restates its latest quarter (net income
 * 500,000,000 higher, the same filing date); run 2 loads it again and keeps both versions, with the
 * runs that saw them; run 3 finds nothing new and writes nothing. The runs' business date is the
 * test profile's, 2026-11-24: the restatement counts from that day, the days before keep the
 * quarter as filed.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class RestatementTest {

    private static final String SYMBOL = "RSTX";
    private static final long CHANGE = 500_000_000L;
    private static final String REQUEST = "{\"mode\":\"backfill\",\"startDate\":\"2025-06-02\",\"symbols\":[\"RSTX\"]}";

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    private static JsonPath first;
    private static JsonPath second;
    private static JsonPath third;
    private static LocalDate quarter;
    private static long versionsAfterSecond;

    @BeforeEach
    void threeRuns() {
        if (first != null) {
            return;
        }
        first = run(REQUEST);
        QuarterlyReport latest = simulator.data().quarters(SYMBOL, 1).get(0);
        quarter = latest.quarter().periodEnd();
        simulator.setRestatements(List.of(new Restatement(SYMBOL, quarter, CHANGE)));
        second = run(REQUEST);
        versionsAfterSecond = versions("INCOME_STATEMENT_VERSION");
        third = run(REQUEST);
    }

    @AfterEach
    void restoreSimulator() {
        simulator.setRestatements(List.of());
    }

    @Test
    void theRestatedQuarter_hasBothVersions_withTheRunsThatSawThem() {
        WarehouseProbe warehouse = WarehouseProbe.current();
        List<String> versions = warehouse.strings("SELECT CAST(VERSION AS VARCHAR) || ' ' || SEEN_BY_RUN || ' ' "
                + "|| COALESCE(SUPERSEDED_BY_RUN, '-') || ' ' || CAST(SEEN_ON AS VARCHAR) FROM INCOME_STATEMENT_VERSION "
                + "WHERE SYMBOL = ? AND PERIOD_END = CAST(? AS DATE) ORDER BY VERSION", SYMBOL, quarter.toString());

        assertThat(versions).containsExactly(
                "1 " + first.getString("runId") + " " + second.getString("runId") + " 2026-11-24",
                "2 " + second.getString("runId") + " - 2026-11-24");
        assertThat(warehouse.count("SELECT CAST(MAX(NET_INCOME) - MIN(NET_INCOME) AS BIGINT) FROM INCOME_STATEMENT_VERSION "
                + "WHERE SYMBOL = ? AND PERIOD_END = CAST(? AS DATE)", SYMBOL, quarter.toString())).isEqualTo(CHANGE);
        // The balance sheet and cash flow were not restated: one version each.
        assertThat(warehouse.count("SELECT COUNT(*) FROM BALANCE_SHEET_VERSION WHERE SYMBOL = ? "
                + "AND PERIOD_END = CAST(? AS DATE)", SYMBOL, quarter.toString())).isEqualTo(1);
        assertThat(second.getLong("steps.find { it.step == 'financial' }.rowsLoaded")).isEqualTo(1);
    }

    @Test
    void aRecheckThatFindsNoChange_writesNothing() {
        assertThat(third.getLong("steps.find { it.step == 'financial' }.rowsLoaded")).isZero();
        assertThat(versions("INCOME_STATEMENT_VERSION")).isEqualTo(versionsAfterSecond);
        assertThat(WarehouseProbe.current().count("SELECT COUNT(*) FROM INCOME_STATEMENT_VERSION WHERE SEEN_BY_RUN = ? "
                + "OR SUPERSEDED_BY_RUN = ?", third.getString("runId"), third.getString("runId"))).isZero();
    }

    @Test
    void theDayBeforeTheRestatementWasSeen_usesTheQuarterAsFiled_theDayItWasSeen_theRestated() {
        WarehouseProbe warehouse = WarehouseProbe.current();
        String filed = warehouse.strings("SELECT CAST(NET_INCOME_TTM AS VARCHAR) FROM FINANCIALS_TTM_VERSION "
                + "WHERE SYMBOL = ? AND PERIOD_END = CAST(? AS DATE) AND KNOWN_UNTIL = DATE '2026-11-24'", SYMBOL,
                quarter.toString()).get(0);
        String restated = warehouse.strings("SELECT CAST(NET_INCOME_TTM AS VARCHAR) FROM FINANCIALS_TTM_VERSION "
                + "WHERE SYMBOL = ? AND PERIOD_END = CAST(? AS DATE) AND KNOWN_FROM = DATE '2026-11-24'", SYMBOL,
                quarter.toString()).get(0);
        assertThat(Double.parseDouble(restated) - Double.parseDouble(filed)).isEqualTo(CHANGE);

        assertPriceToEarnings("2026-11-23", filed);
        assertPriceToEarnings("2026-11-24", restated);
    }

    private void assertPriceToEarnings(String day, String netIncomeTtm) {
        WarehouseProbe warehouse = WarehouseProbe.current();
        List<String> row = warehouse.strings("SELECT CAST(FINANCIALS_PERIOD_END AS VARCHAR) || ' ' "
                + "|| CAST(MARKET_CAP AS VARCHAR) || ' ' || CAST(PE_RATIO AS VARCHAR) FROM MARKET_METRICS "
                + "WHERE SYMBOL = ? AND PRICE_DATE = CAST(? AS DATE)", SYMBOL, day);
        assertThat(row).as(day).hasSize(1);
        String[] fields = row.get(0).split(" ");
        assertThat(fields[0]).as(day).isEqualTo(quarter.toString());
        assertThat(Double.parseDouble(fields[2])).as(day)
                .isCloseTo(Double.parseDouble(fields[1]) / Double.parseDouble(netIncomeTtm), within(1e-9));
    }

    private static long versions(String table) {
        return WarehouseProbe.current().count("SELECT COUNT(*) FROM " + table + " WHERE SYMBOL = ?", SYMBOL);
    }

    private static JsonPath run(String request) {
        JsonPath report = new JsonPath(Lambda.invoke(request).then().statusCode(200).extract().asString());
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("SUCCEEDED");
        return report;
    }
}
