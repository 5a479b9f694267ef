package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.SimulatorConfig;
import org.marketetl.testing.Lambda;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseProbe;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Incremental runs ask only for what can be new: profiles within their age and statements not
 * yet due cost nothing, and one new day for many symbols is one {@code eod-bulk} request.
 */
@QuarkusTest
@TestProfile(FewerRequestsTest.BulkEod.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class FewerRequestsTest {

    /** In the simulator's bulk universe, so eod-bulk lists them. */
    private static final String LISTED = "\"AAPL\",\"MSFT\",\"KO\",\"PEP\"";
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    @AfterEach
    void restoreAsOf() {
        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
    }

    @Test
    void secondIncrementalRun_fetchesNoProfileAndNoStatements() {
        run("{\"symbols\":[\"NFLX\",\"AMGN\"],\"steps\":[\"company\",\"financial\"]}");
        simulator.resetCounters();

        JsonPath again = run("{\"symbols\":[\"NFLX\",\"AMGN\"],\"steps\":[\"company\",\"financial\"]}");

        assertThat(again.getList("steps.apiRequests", Long.class)).containsOnly(0L);
        assertThat(simulator.totalRequests()).isZero();
    }

    @Test
    void newDaysForManySymbols_areOneBulkRequestPerDay_andLoadWhatPerSymbolRequestsWould() {
        simulator.setAsOf(FRIDAY);
        run("{\"mode\":\"backfill\",\"startDate\":\"2026-11-02\",\"symbols\":[" + LISTED + "],\"steps\":[\"price\"]}");
        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
        simulator.resetCounters();

        JsonPath incremental = run("{\"symbols\":[" + LISTED + ",\"ZZZZ\"],\"steps\":[\"price\"]}");

        // Monday and Tuesday (the business date) are missing: two bulk requests serve the four
        // listed symbols; ZZZZ has no history yet and goes per symbol, with its splits and its
        // dividends. One splits-calendar request rules out new splits for the four with history
        // (issue 13), one dividends-calendar request brings their new dividends (issue 20).
        assertThat(simulator.requests("eod-bulk")).isEqualTo(2);
        assertThat(simulator.requests("historical-price-eod/full")).isEqualTo(1);
        assertThat(simulator.requests("splits-calendar")).isEqualTo(1);
        assertThat(simulator.requests("splits")).isEqualTo(1);
        assertThat(simulator.requests("dividends-calendar")).isEqualTo(1);
        assertThat(simulator.requests("dividends")).isEqualTo(1);
        assertThat(incremental.getLong("steps[0].apiRequests")).isEqualTo(7);
        assertThat(incremental.getString("steps[0].status")).isEqualTo("SUCCEEDED");
        WarehouseProbe warehouse = WarehouseProbe.current();
        assertThat(warehouse.count("SELECT COUNT(*) FROM DAILY_PRICE WHERE PRICE_DATE = DATE '2026-11-23' "
                + "AND SYMBOL IN ('AAPL','MSFT','KO','PEP','ZZZZ')")).isEqualTo(5);
        assertThat(warehouse.count("SELECT COUNT(*) FROM DAILY_PRICE WHERE PRICE_DATE = DATE '2026-11-23' "
                + "AND SYMBOL = 'AAPL' AND CLOSE = ?", simulator.data().priceBars("AAPL", MONDAY, MONDAY).get(0).close()))
                .isEqualTo(1);
    }

    private static JsonPath run(String request) {
        return new JsonPath(Lambda.invoke(request).then().statusCode(200).extract().asString());
    }

    /** The switch is off by default because bulk endpoints need a higher FMP plan. */
    public static class BulkEod implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market-etl.market-data.bulk-eod", "true");
        }
    }
}
