package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A bulk step cut by the run's deadline leaves the parts and periods it has not loaded, and the
 * run's next invocation (same run id, as the state machine invokes it) loads exactly those: one
 * request per unit left, and the tables end as those of a run with time enough. Each FMP answer takes two
 * seconds here and one bulk request goes at a time, so a six-second invocation loads a few units.
 */
@QuarkusTest
@TestProfile(BulkContinuationTest.ShortUltimateRuns.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class BulkContinuationTest {

    private static final List<String> TEN = List.of("AAPL", "MSFT", "GOOGL", "AMZN", "META", "JPM", "V", "JNJ",
            "WMT", "PG");
    private static final String STEPS = "\"mode\":\"backfill\",\"steps\":[\"company\",\"financial\"],\"symbols\":"
            + "[\"AAPL\",\"MSFT\",\"GOOGL\",\"AMZN\",\"META\",\"JPM\",\"V\",\"JNJ\",\"WMT\",\"PG\"]";

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void market() {
        simulator.setMarket(200, List.of());
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
    }

    @AfterEach
    void restore() {
        simulator.setLatency(Duration.ZERO);
        simulator.setMarket(0, List.of());
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void aBulkStepCutByTheDeadline_goesOnWithTheUnitsLeft_andEndsAsARunLeftToItself() {
        // Arrange: a run's rows (invoked until done, as the state machine would), then the symbols forgotten
        JsonPath clean = runs.run("{\"runId\":\"bulk-clean\"," + STEPS + "}");
        for (int invocation = 1; clean.getBoolean("workLeft") && invocation < 10; invocation++) {
            clean = runs.run("{\"runId\":\"bulk-clean\"," + STEPS + "}");
        }
        assertThat(clean.getString("status")).isEqualTo("SUCCEEDED");
        Map<String, String> cleanRows = runs.fingerprints(TEN);
        runs.forget(TEN);
        simulator.setLatency(Duration.ofSeconds(2));

        // Act: the first invocation, cut by its deadline
        JsonPath cut = runs.run("{\"runId\":\"bulk-cut\"," + STEPS + "}");

        // Assert: work left, counted in units
        assertThat(cut.getString("status")).isEqualTo("PARTIAL");
        assertThat(cut.getBoolean("workLeft")).isTrue();
        List<String> partsLeft = units(cut, "company");
        List<String> periodsLeft = units(cut, "financial");
        assertThat(partsLeft).isNotEmpty().allSatisfy(unit -> assertThat(unit).startsWith("part-"));
        assertThat(periodsLeft).isNotEmpty().allSatisfy(unit -> assertThat(unit).matches("\\d{4}-Q[1-4]"));
        assertThat(FaultRuns.stepLong(cut, "company", "unitsDone")).isPositive();
        assertThat(FaultRuns.stepLong(cut, "financial", "unitsDone")).isPositive();
        runs.assertEveryKeyOnce();

        // Act: the run's next invocation, with time enough
        simulator.setLatency(Duration.ZERO);
        simulator.resetCounters();
        JsonPath next = runs.run("{\"runId\":\"bulk-cut\"," + STEPS + "}");

        // Assert: only the units left were asked for, and the tables are the other run's
        assertThat(next.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(next.getList("invocations")).hasSize(2);
        assertThat(units(next, "company")).isEmpty();
        assertThat(simulator.counters().requests("income-statement-bulk")).isEqualTo(periodsLeft.size());
        assertThat(simulator.counters().requests("cash-flow-statement-bulk")).isEqualTo(periodsLeft.size());
        assertThat(simulator.counters().requests("profile-bulk")).isBetween((long) partsLeft.size(),
                partsLeft.size() + 1L);
        assertThat(FaultRuns.stepLong(next, "financial", "unitsDone")).isEqualTo(8);
        assertThat(runs.fingerprints(TEN)).isEqualTo(cleanRows);
        runs.assertEveryKeyOnce();
    }

    @Test
    void priceDaysCutByTheDeadline_areLoadedByTheNextInvocation_forTheSymbolsTheyWereFor() {
        List<String> twelve = List.of("AAPL", "MSFT", "GOOGL", "AMZN", "META", "JPM", "V", "JNJ", "WMT", "PG", "KO",
                "PEP");
        String days = "\"mode\":\"backfill\",\"startDate\":\"2026-11-10\",\"steps\":[\"price\"],\"symbols\":["
                + String.join(",", twelve.stream().map(s -> "\"" + s + "\"").toList()) + "]";
        runs.forget(twelve);
        JsonPath clean = runs.run("{\"runId\":\"days-clean\"," + days + "}");
        for (int invocation = 1; clean.getBoolean("workLeft") && invocation < 10; invocation++) {
            clean = runs.run("{\"runId\":\"days-clean\"," + days + "}");
        }
        assertThat(clean.getString("status")).isEqualTo("SUCCEEDED");
        Map<String, String> cleanRows = runs.fingerprints(twelve);
        runs.forget(twelve);
        simulator.setLatency(Duration.ofSeconds(2));

        JsonPath cut = runs.run("{\"runId\":\"days-cut\"," + days + "}");
        List<String> daysLeft = units(cut, "price");
        simulator.setLatency(Duration.ZERO);
        simulator.resetCounters();
        JsonPath next = runs.run("{\"runId\":\"days-cut\"," + days + "}");

        assertThat(cut.getBoolean("workLeft")).isTrue();
        assertThat(FaultRuns.stepString(cut, "price", "status")).isEqualTo("PARTIAL");
        assertThat(daysLeft).isNotEmpty().allSatisfy(day -> assertThat(day).startsWith("2026-11-"));
        assertThat(next.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(simulator.counters().requests("eod-bulk")).isEqualTo(daysLeft.size());
        assertThat(simulator.counters().requests("historical-price-eod/full")).isZero();
        assertThat(runs.fingerprints(twelve)).isEqualTo(cleanRows);
        runs.assertEveryKeyOnce();
    }

    private static List<String> units(JsonPath report, String step) {
        return report.getList("steps.find { it.step == '" + step + "' }.unitsLeft", String.class);
    }

    /** Ultimate's bulk, bytes free, four quarters; invocations of six seconds, one bulk request at a time. */
    public static class ShortUltimateRuns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market-etl.market-data.plan", "ultimate",
                    "market-etl.market-data.bulk.bytes-per-call", "1000000000000000",
                    "market-etl.market-data.statement-quarters", "4",
                    "market-etl.market-data.bulk.concurrency", "1",
                    "market-etl.run.max-duration", "PT6S",
                    "market-etl.run.deadline-reserve", "PT0.5S");
        }
    }
}
