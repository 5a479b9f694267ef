package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A first load's dividend histories from {@code dividends-calendar} in chunks, over a simulated
 * market of 200 securities: ten symbols from 2025-11-24 to 90 days past the business date
 * (2026-11-24) are 456 days, six chunks of 90 days, fewer requests than ten (bytes weigh nothing
 * here, {@link BulkStrategyTest.Ultimate}). Either way the history keeps the dividends from the
 * symbol's first price day on, so both ways load the same rows.
 */
@QuarkusTest
@TestProfile(BulkStrategyTest.Ultimate.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class DividendChunksTest {

    private static final List<String> TEN = BulkStrategyTest.TEN;
    private static final String BACKFILL = "{\"mode\":\"backfill\",\"startDate\":\"2025-11-24\",\"symbols\":["
            + TEN.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}";
    private static final String OF_TEN = " WHERE SYMBOL IN (" + TEN.stream().map(s -> "'" + s + "'")
            .collect(Collectors.joining(",")) + ")";
    private static final int CHUNKS = 6;

    @SimulatorResource.Simulator
    FmpSimulator simulator;
    /** The 500s of a fallback open the client's circuit breaker for 30 s: closed again between runs. */
    @Inject
    CircuitBreakerMaintenance breakers;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void market() {
        simulator.setMarket(200, List.of());
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
        forget();
        simulator.resetCounters();
    }

    @AfterEach
    void restore() {
        simulator.faults().clear();
        simulator.setMarket(0, List.of());
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void firstLoadOfTenSymbols_asksOnlyTheCalendarsChunks_andLoadsTheSameRowsAsPerSymbol() {
        // Act: the load in chunks, counted first (a failing calendar's chunks still being retried
        // when the per-symbol run moves on would land in a count taken after it)
        JsonPath chunked = runs.run(BACKFILL);
        long calendarRequests = simulator.counters().requests("dividends-calendar");
        long historyRequests = simulator.counters().requests("dividends");
        Map<String, String> chunkedRows = runs.fingerprints(TEN);
        Map<String, String> chunkedMetrics = metrics();
        List<String> chunkedDividends = dividends();
        long remembered = runs.warehouse().count("SELECT COUNT(*) FROM MARKET_DATA_FETCH" + OF_TEN
                + " AND DATASET = 'dividends'");
        String reason = FaultRuns.stepString(chunked, "price", "strategyReason");
        // the same load with the calendar answering 500, so per symbol: the reference
        forget();
        simulator.resetCounters();
        simulator.faults().failing("dividends-calendar", 500);
        JsonPath perSymbol = runs.run(BACKFILL);
        assertThat(simulator.counters().requests("dividends")).isEqualTo(TEN.size());

        // Assert: six calendar requests and no dividends?symbol=; the same rows, dividends, metrics
        assertThat(perSymbol.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(chunked.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(historyRequests).isZero();
        assertThat(calendarRequests).isEqualTo(CHUNKS);
        assertThat(reason).contains("dividends of 10 symbols: "
                + "dividends-calendar in 6 chunks of 90 days (6 requests").contains("rather than dividends per symbol");
        assertThat(dividends()).isNotEmpty().allMatch(row -> row.compareTo("2025-11-24") >= 0);
        assertThat(chunkedDividends).isEqualTo(dividends());
        assertThat(chunkedRows).isEqualTo(runs.fingerprints(TEN));
        assertThat(chunkedMetrics).isEqualTo(metrics());
        assertThat(remembered).isEqualTo(TEN.size());
        runs.assertEveryKeyOnce();
    }

    @Test
    void aChunkAnswering500_makesEverySymbolAskItsOwnHistory_andTheReportSaysWhy() {
        // Arrange
        simulator.faults().failing("dividends-calendar", 500);

        // Act
        JsonPath report = runs.run(BACKFILL);

        // Assert: every symbol's history per symbol, loaded and remembered; the reason in the report
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(simulator.counters().requests("dividends")).isEqualTo(TEN.size());
        assertThat(FaultRuns.stepString(report, "price", "strategyReason"))
                .contains("dividends of 10 symbols: dividends-calendar in 6 chunks")
                .contains("but dividends-calendar failed").endsWith("so dividends per symbol");
        assertThat(dividends()).isNotEmpty();
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM MARKET_DATA_FETCH" + OF_TEN
                + " AND DATASET = 'dividends'"))
                .isEqualTo(TEN.size());
    }

    /** Every dividend row of the ten, as text, in key order. */
    private List<String> dividends() {
        return runs.warehouse().strings("SELECT CAST(EX_DATE AS VARCHAR) || ' ' || SYMBOL || ' ' || CAST(DIVIDEND AS "
                + "VARCHAR) || ' ' || COALESCE(CAST(ADJ_DIVIDEND AS VARCHAR), '-') || ' ' || COALESCE(CAST(PAYMENT_DATE "
                + "AS VARCHAR), '-') FROM DIVIDEND" + OF_TEN + " ORDER BY 1");
    }

    private Map<String, String> metrics() {
        return runs.warehouse().fingerprints(List.of("MARKET_METRICS"), FaultRuns.WRITE_TIMES, TEN);
    }

    private void forget() {
        breakers.resetAll();
        runs.forget(TEN);
        runs.warehouse().update("DELETE FROM MARKET_METRICS" + OF_TEN);
        runs.warehouse().update("DELETE FROM PLAN_REFUSAL");
    }
}
