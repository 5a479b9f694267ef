package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.load.SymbolExtraction;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A run that reaches its deadline stops starting symbols, merges what it has and reports
 * PARTIAL; the next incremental run fetches only what was left and ends where a run without a
 * deadline ends. The mock event server sends no invocation deadline, so the deadline here is the
 * operator's {@code market-etl.run.max-duration}, which the pipeline combines with the invocation's
 * in the same way: three seconds, one symbol at a time, one second per FMP answer.
 */
@QuarkusTest
@TestProfile(DeadlineTest.ShortRuns.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class DeadlineTest {

    private static final List<String> SYMBOLS = List.of("DLA", "DLB", "DLC", "DLD", "DLE", "DLF");
    private static final String REQUEST = "{\"symbols\":[\"DLA\",\"DLB\",\"DLC\",\"DLD\",\"DLE\",\"DLF\"],"
            + "\"steps\":[\"company\",\"financial\"]}";

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void captureLogs() {
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
    }

    @AfterEach
    void scanForSecrets() {
        simulator.setLatency(Duration.ZERO);
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void deadlineHit_stopsStartingSymbols_reportsPartial_andTheNextRunCompletesToTheCleanState() {
        // Arrange: a clean run's result, then the symbols forgotten again (incremental runs until
        // nothing is left: on a loaded machine three seconds may not hold the six symbols)
        JsonPath reference = runs.run(REQUEST);
        for (int more = 0; more < 10 && "PARTIAL".equals(reference.getString("status")); more++) {
            reference = runs.run(REQUEST);
        }
        assertThat(reference.getString("status")).isEqualTo("SUCCEEDED");
        Map<String, String> clean = runs.fingerprints(SYMBOLS);
        runs.forget(SYMBOLS);
        simulator.setLatency(Duration.ofSeconds(1));

        // Act
        JsonPath cut = runs.run(REQUEST);

        // Assert: PARTIAL, the symbols not started listed with the reason, the rest loaded once
        assertThat(cut.getString("status")).isEqualTo("PARTIAL");
        List<String> skippedCompany = FaultRuns.failedSymbols(cut, "company");
        List<String> skippedFinancial = FaultRuns.failedSymbols(cut, "financial");
        assertThat(skippedCompany).isNotEmpty().hasSizeLessThan(SYMBOLS.size());
        assertThat(skippedFinancial).isNotEmpty().hasSizeLessThan(SYMBOLS.size());
        assertThat(FaultRuns.failureReasons(cut, "company")).containsOnly(SymbolExtraction.NOT_STARTED);
        assertThat(FaultRuns.failureReasons(cut, "financial")).containsOnly(SymbolExtraction.NOT_STARTED);
        assertThat(FaultRuns.stepLong(cut, "company", "apiRequests")).isEqualTo(SYMBOLS.size() - skippedCompany.size());
        assertThat(runs.warehouse().strings("SELECT SYMBOL FROM COMPANY WHERE SYMBOL LIKE 'DL%'"))
                .containsExactlyInAnyOrderElementsOf(without(SYMBOLS, skippedCompany));
        assertThat(runs.warehouse().strings("SELECT DISTINCT SYMBOL FROM INCOME_STATEMENT WHERE SYMBOL LIKE 'DL%'"))
                .containsExactlyInAnyOrderElementsOf(without(SYMBOLS, skippedFinancial));
        runs.assertEveryKeyOnce();

        // Act: the next run, with time enough
        simulator.setLatency(Duration.ZERO);
        JsonPath next = runs.run(REQUEST);

        // Assert: it asks only for what was left, and ends where the clean run ended
        assertThat(next.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(FaultRuns.stepLong(next, "company", "apiRequests")).isEqualTo(skippedCompany.size());
        assertThat(FaultRuns.stepLong(next, "financial", "apiRequests")).isEqualTo(3L * skippedFinancial.size());
        assertThat(runs.fingerprints(SYMBOLS)).isEqualTo(clean);
        runs.assertEveryKeyOnce();
    }

    private static List<String> without(List<String> all, List<String> removed) {
        List<String> rest = new ArrayList<>(all);
        rest.removeAll(removed);
        return rest;
    }

    /** Runs may take three seconds, keep half a second in reserve, and fetch one symbol at a time. */
    public static class ShortRuns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market-etl.run.max-duration", "PT3S",
                    "market-etl.run.deadline-reserve", "PT0.5S",
                    "market-etl.market-data.max-concurrency", "1");
        }
    }
}
