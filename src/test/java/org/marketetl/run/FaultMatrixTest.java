package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.testing.FaultProfile;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The pipeline under each fault, against the simulator. Every case follows one pattern: a clean
 * run of the request gives the reference state; the case's symbols are forgotten; the faulted run
 * must end with the right status, every healthy symbol loaded once and consistent across tables;
 * then the same request without the fault must reach the reference state again (fingerprints of
 * every column but the write times). Each case has its own symbols, so cases do not see each
 * other's rows. Logs and reports are scanned for secrets after each case. The invocation-deadline
 * case needs its own configuration: {@link DeadlineTest}.
 */
@QuarkusTest
@TestProfile(FaultProfile.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class FaultMatrixTest {

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void captureLogs() {
        simulator.faults().clear();
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
    }

    @AfterEach
    void clearFaults_andScanForSecrets() {
        simulator.faults().clear();
        simulator.setLatency(Duration.ZERO);
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void burstOf429_withRetryAfter_isAbsorbedByRetries_runSucceeds() {
        List<String> symbols = List.of("TQA", "TQB", "TQC");
        Map<String, String> clean = cleanStateOf(symbols);

        simulator.resetCounters();
        simulator.faults().burstOf429(6).retryAfter(Duration.ofSeconds(1));
        long start = System.nanoTime();
        JsonPath report = runs.run(request(symbols));
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        // Retry-After: 1 paused every request for a second (the retries' own backoff is 20-200 ms;
        // without the header this run takes about 250 ms on DuckDB).
        assertThat(ms).isGreaterThanOrEqualTo(1000);
        assertThat(FaultRuns.total(report, "throttled")).isEqualTo(6).isEqualTo(simulator.throttledResponses());
        assertThat(FaultRuns.total(report, "retries")).isGreaterThanOrEqualTo(6);
        assertLoadedOnce(symbols, List.of());
        assertConverges(symbols, clean);
    }

    @Test
    void tenPercentServerErrors_areAbsorbedByRetries_runSucceeds() {
        // Eight symbols, forty requests: the simulator's seeded draws fail a few of them.
        List<String> symbols = List.of("TSA", "TSB", "TSC", "TSD", "TSE", "TSF", "TSG", "TSH");
        Map<String, String> clean = cleanStateOf(symbols);

        simulator.resetCounters();
        simulator.faults().serverErrorRate(0.10);
        JsonPath report = runs.run(request(symbols));

        Map<Integer, Long> answered = simulator.counters().byStatus();
        long serverErrors = answered.getOrDefault(500, 0L) + answered.getOrDefault(502, 0L)
                + answered.getOrDefault(503, 0L);
        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(serverErrors).isPositive();
        assertThat(FaultRuns.total(report, "retries")).as("one retry per 5xx answer").isEqualTo(serverErrors);
        assertThat(FaultRuns.total(report, "apiRequests")).isEqualTo(simulator.totalRequests());
        assertLoadedOnce(symbols, List.of());
        assertConverges(symbols, clean);
    }

    @Test
    void fivePercentTimeouts_areCutShortAndRetried_runSucceeds() {
        List<String> symbols = List.of("TTA", "TTB", "TTC", "TTD", "TTE", "TTF", "TTG", "TTH");
        Map<String, String> clean = cleanStateOf(symbols);

        simulator.faults().timeoutRate(0.05, Duration.ofSeconds(3));
        long start = System.nanoTime();
        JsonPath report = runs.run(request(symbols));
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        // The client's 400 ms timeout cut every stalled answer short: no run waited out a 3 s stall.
        assertThat(FaultRuns.total(report, "retries")).isPositive();
        assertThat(ms).isLessThan(30_000);
        assertLoadedOnce(symbols, List.of());
        assertConverges(symbols, clean);
    }

    @Test
    void malformedPayloadForOneSymbol_failsThatSymbolOnly_runPartial() {
        List<String> symbols = List.of("TMA", "TMB", "TMC");
        Map<String, String> clean = cleanStateOf(symbols);

        simulator.faults().malformedJsonFor("TMB");
        JsonPath report = runs.run(request(symbols));

        assertThat(report.getString("status")).isEqualTo("PARTIAL");
        for (String step : List.of("company", "price", "financial")) {
            assertThat(FaultRuns.failedSymbols(report, step)).as(step).containsExactly("TMB");
            assertThat(FaultRuns.failureReasons(report, step)).as(step).allMatch(r -> r.contains("unreadable answer"));
            assertThat(report.getString("steps.find { it.step == '" + step + "' }.status")).isEqualTo("PARTIAL");
        }
        assertLoadedOnce(List.of("TMA", "TMC"), List.of("TMB"));
        assertConverges(symbols, clean);
    }

    @Test
    void connectionResets_areRetried_runSucceeds() {
        List<String> symbols = List.of("TRA", "TRB", "TRC");
        Map<String, String> clean = cleanStateOf(symbols);

        simulator.faults().resetNext(4);
        JsonPath report = runs.run(request(symbols));

        assertThat(report.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(FaultRuns.total(report, "retries")).isGreaterThanOrEqualTo(4);
        assertLoadedOnce(symbols, List.of());
        assertConverges(symbols, clean);
    }

    /**
     * The pool closes every connection, in use or not, while the ETLs hold their transactions
     * open (rows staged, merges pending: the simulator answers after 1.5 s). Each ETL's next
     * statement fails, its transaction is gone with the connection, so no table is half-merged; the
     * ledger and the lock get fresh connections from the pool; the rerun converges.
     */
    @Test
    void warehouseConnectionsDroppedMidRun_failTheStepsHoldingThem_tablesUntouched_rerunConverges() throws Exception {
        List<String> symbols = List.of("TWA", "TWB", "TWC");
        Map<String, String> clean = cleanStateOf(symbols);

        simulator.resetCounters();
        simulator.setLatency(Duration.ofMillis(1500));
        CompletableFuture<JsonPath> running = CompletableFuture.supplyAsync(() -> runs.run(request(symbols)));
        Thread.sleep(900);
        pool().flush(AgroalDataSource.FlushMode.ALL);
        JsonPath report = running.get(5, TimeUnit.MINUTES);
        simulator.setLatency(Duration.ZERO);

        assertThat(report.getString("status")).isEqualTo("FAILED");
        assertThat(report.getList("steps.status", String.class)).containsOnly("FAILED");
        assertThat(report.getList("steps.error", String.class)).allMatch(e -> e != null && e.startsWith("warehouse error"));
        assertThat(FaultRuns.total(report, "apiRequests")).as("failed steps still report the requests they made")
                .isPositive().isEqualTo(simulator.totalRequests());
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM RUN_LEDGER WHERE RUN_ID = ?", report.getString("runId")))
                .as("the report was recorded on a fresh connection").isEqualTo(1);
        assertThat(runs.warehouse().strings("SELECT HOLDER FROM RUN_LOCK")).containsOnlyNulls();
        assertLoadedOnce(List.of(), symbols);
        assertConverges(symbols, clean);
    }

    // --- the pattern ------------------------------------------------------------------------------

    private static String request(List<String> symbols) {
        return "{\"mode\":\"backfill\",\"startDate\":\"2026-11-10\",\"symbols\":[\"" + String.join("\",\"", symbols)
                + "\"],\"steps\":[\"company\",\"price\",\"financial\"]}";
    }

    /** A clean run's fingerprints of {@code symbols}; then the symbols are forgotten for the case. */
    private Map<String, String> cleanStateOf(List<String> symbols) {
        JsonPath clean = runs.run(request(symbols));
        assertThat(clean.getString("status")).isEqualTo("SUCCEEDED");
        Map<String, String> state = runs.fingerprints(symbols);
        runs.forget(symbols);
        return state;
    }

    private void assertLoadedOnce(List<String> healthy, List<String> failed) {
        runs.assertEveryKeyOnce();
        runs.assertConsistent(healthy, failed);
    }

    /** The same request without faults reaches the clean run's state. */
    private void assertConverges(List<String> symbols, Map<String, String> clean) {
        simulator.faults().clear();
        JsonPath rerun = runs.run(request(symbols));
        assertThat(rerun.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(runs.fingerprints(symbols)).isEqualTo(clean);
        runs.assertEveryKeyOnce();
        runs.assertConsistent(symbols, List.of());
    }

    private static AgroalDataSource pool() {
        String name = ConfigProvider.getConfig().getValue("market-etl.warehouse.datasource", String.class);
        return Arc.container().select(AgroalDataSource.class, new io.quarkus.agroal.DataSource.DataSourceLiteral(name))
                .get();
    }
}
