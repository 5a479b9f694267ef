package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.testing.Lambda;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;
import org.marketetl.testing.WarehouseProbe;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Whole runs through the Lambda event flow: the independent ETLs run at once, and loads are idempotent. */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class PipelineTest {

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    @AfterEach
    void noLatency() {
        simulator.setLatency(Duration.ZERO);
    }

    @Test
    void independentEtls_runConcurrently_theirRecordedIntervalsOverlap() {
        simulator.setLatency(Duration.ofMillis(150));

        JsonPath report = run("{\"mode\":\"backfill\",\"symbols\":[\"AMD\",\"INTC\"],"
                + "\"steps\":[\"company\",\"price\",\"financial\"]}");

        List<Map<String, Object>> steps = report.getList("steps");
        assertThat(steps).extracting(s -> s.get("status")).containsOnly("SUCCEEDED");
        for (Map<String, Object> a : steps) {
            for (Map<String, Object> b : steps) {
                // Two intervals overlap when each starts before the other finishes.
                assertThat(instant(a, "startedAt")).as("%s starts before %s finishes", a.get("step"), b.get("step"))
                        .isBefore(instant(b, "finishedAt"));
            }
        }
        assertThat(report.getBoolean("phases[0].parallel")).isTrue();
        assertThat(report.getDouble("phases[0].speedUp")).isGreaterThan(1.0);
    }

    @Test
    void repeatedRun_changesNothing_rowCountsAndChecksumsStayTheSame() {
        String request = "{\"mode\":\"full-refresh\",\"symbols\":[\"IBM\",\"ORCL\",\"CSCO\"],"
                + "\"steps\":[\"company\",\"price\",\"financial\"]}";
        WarehouseProbe warehouse = WarehouseProbe.current();

        JsonPath first = run(request);
        Map<String, String> afterFirst = warehouse.fingerprints(WarehouseProbe.RAW_TABLES);
        JsonPath second = run(request);
        Map<String, String> afterSecond = warehouse.fingerprints(WarehouseProbe.RAW_TABLES);

        assertThat(first.getList("steps.rowsLoaded", Long.class)).allSatisfy(rows -> assertThat(rows).isPositive());
        assertThat(second.getList("steps.rowsExtracted", Long.class))
                .isEqualTo(first.getList("steps.rowsExtracted", Long.class));
        assertThat(second.getList("steps.rowsLoaded", Long.class)).containsOnly(0L);
        assertThat(afterSecond).isEqualTo(afterFirst);
    }

    @Test
    void incrementalRun_fetchesOnlyWhatIsNew_andCostsNoRequestForACurrentSymbol() {
        run("{\"mode\":\"backfill\",\"symbols\":[\"ADBE\"],\"steps\":[\"price\"]}");
        simulator.resetCounters();

        JsonPath incremental = run("{\"symbols\":[\"ADBE\"],\"steps\":[\"price\"]}");

        assertThat(incremental.getLong("steps[0].apiRequests")).isZero();
        assertThat(incremental.getLong("steps[0].rowsLoaded")).isZero();
        assertThat(simulator.totalRequests()).isZero();
    }

    private static JsonPath run(String request) {
        String body = Lambda.invoke(request).then().statusCode(200).extract().asString();
        return new JsonPath(body);
    }

    private static Instant instant(Map<String, Object> step, String field) {
        return Instant.parse((String) step.get(field));
    }
}
