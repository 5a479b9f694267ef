package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A plan without {@code splits-calendar} (FMP answers "Premium"): the daily run asks each symbol
 * with prices for its splits instead, and still re-bases the one that split.
 */
@QuarkusTest
@TestProfile(FewerRequestsTest.BulkEod.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class SplitCalendarRefusedTest {

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    @AfterEach
    void restoreSimulator() {
        simulator.faults().clear();
        simulator.setSplits(List.of());
        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
    }

    @Test
    void calendarRefused_eachSymbolAsksForItsSplits_andTheSplitSymbolIsRebased() {
        simulator.setSplits(List.of(SplitEvent.of("COST", "2026-11-23", "2", "1")));
        simulator.setAsOf(LocalDate.of(2026, 11, 20));
        run("{\"mode\":\"backfill\",\"startDate\":\"2026-06-01\",\"symbols\":[\"COST\",\"ABBV\"],\"steps\":[\"price\"]}");
        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
        simulator.faults().premiumOnly("splits-calendar");
        simulator.resetCounters();

        JsonPath daily = run("{\"symbols\":[\"COST\",\"ABBV\"],\"steps\":[\"price\"]}");

        assertThat(daily.getString("status")).isEqualTo("SUCCEEDED");
        // The dividends calendar is another endpoint and still answers: one request for both.
        assertThat(simulator.counters().byEndpoint()).containsOnly(Map.entry("splits-calendar", 1L),
                Map.entry("splits", 2L), Map.entry("historical-price-eod/full", 2L), Map.entry("dividends-calendar", 1L));
        WarehouseProbe warehouse = WarehouseProbe.current();
        List<PriceBar> served = simulator.data().priceBars("COST", LocalDate.of(2026, 6, 1),
                SimulatorConfig.DEFAULT_AS_OF);
        BigDecimal closes = served.stream().map(b -> BigDecimal.valueOf(b.close())).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertThat(warehouse.strings("SELECT CAST(CAST(SUM(CLOSE) AS DECIMAL(38,4)) AS VARCHAR) FROM DAILY_PRICE "
                + "WHERE SYMBOL = 'COST'")).singleElement()
                .satisfies(sum -> assertThat(new BigDecimal(sum)).isEqualByComparingTo(closes));
        assertThat(warehouse.count("SELECT COUNT(*) FROM SPLIT WHERE SYMBOL = 'COST' AND NUMERATOR = 2")).isEqualTo(1);
    }

    private static JsonPath run(String request) {
        return new JsonPath(Lambda.invoke(request).then().statusCode(200).extract().asString());
    }
}
