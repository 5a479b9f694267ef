package org.marketetl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.bookkeeping.RunLedger;
import org.marketetl.report.RequestWindow;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.report.StepProgress;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;
import org.marketetl.testing.WatchedRunProfile;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Progress symbol by symbol, read while the run goes on: the simulator answers slowly (250 ms a
 * request, two in flight), the run records its progress at every lock renewal (every 300 ms here),
 * and the ledger's RUNNING record, like the progress API a display reads, shows the loads' symbols
 * done of total mid-step, never going back. The finished report has no progress left and counts
 * its requests per rate window.
 */
@QuarkusTest
@TestProfile(WatchedRunProfile.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class RunProgressTest {

    private static final List<String> SYMBOLS = List.of("PGA", "PGB", "PGC", "PGD", "PGE", "PGF", "PGG", "PGH");

    @SimulatorResource.Simulator
    FmpSimulator simulator;
    @Inject
    Pipeline pipeline;
    @Inject
    RunRequestReader reader;
    @Inject
    RunLedger ledger;
    @Inject
    RunProgress progress;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void slowSimulator() {
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
        runs.forget(SYMBOLS);
        simulator.setLatency(Duration.ofMillis(250));
    }

    @AfterEach
    void noLatency() {
        simulator.setLatency(Duration.ZERO);
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void runningRecord_showsEachLoadsSymbolsDoneOfTotal_whileTheStepGoesOn() throws Exception {
        // Arrange
        RunRequest request = reader.read(new ObjectMapper().readTree("{\"runId\":\"progress-1\",\"mode\":\"backfill\","
                + "\"symbols\":" + new ObjectMapper().writeValueAsString(SYMBOLS) + "}"), Trigger.DIRECT);

        // Act: the run on a thread of its own, the ledger and the progress API read meanwhile
        CompletableFuture<RunReport> running = CompletableFuture.supplyAsync(() -> pipeline.run(request,
                Deadline.none()));
        List<RunReport> records = new ArrayList<>();
        List<ProgressSnapshot> snapshots = new ArrayList<>();
        while (!running.isDone()) {
            ledger.find("progress-1").filter(r -> r.status() == RunStatus.RUNNING).ifPresent(records::add);
            progress.snapshot().ifPresent(snapshots::add);
            Thread.sleep(100);
        }
        RunReport report = running.get(1, TimeUnit.MINUTES);
        scan.add(records.toString());

        // Assert: mid-step records with some but not all symbols done, counts never going back
        List<StepProgress> midStep = records.stream().flatMap(r -> r.progress().stream())
                .filter(p -> p.state().equals(StepProgress.RUNNING) && p.symbols() == SYMBOLS.size()
                        && p.symbolsDone() > 0 && p.symbolsDone() < SYMBOLS.size())
                .toList();
        assertThat(midStep).as("RUNNING records with a load part-way").isNotEmpty();
        assertThat(midStep).allSatisfy(p -> assertThat(p.startedAt()).isNotNull());
        Map<String, Long> last = new HashMap<>();
        for (RunReport record : records) {
            for (StepProgress step : record.progress()) {
                assertThat(step.symbolsDone()).as("%s done, record after record", step.step())
                        .isGreaterThanOrEqualTo(last.getOrDefault(step.step(), 0L));
                last.put(step.step(), step.symbolsDone());
            }
        }
        for (RunReport record : records) {
            List<String> finished = record.steps().stream().map(s -> s.step()).toList();
            assertThat(record.progress()).as("a finished step leaves the progress list for the steps list")
                    .noneMatch(p -> finished.contains(p.step()));
        }
        // the progress API showed the same run, with the rate window's fill
        int plan = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("market-etl.market-data.calls-per-minute", Integer.class);
        assertThat(snapshots).isNotEmpty().allSatisfy(s -> {
            assertThat(s.run().runId()).isEqualTo("progress-1");
            assertThat(s.callsPerWindow()).isEqualTo(plan);
            assertThat(s.callsInWindow()).isBetween(0, plan);
        });
        assertThat(snapshots).anySatisfy(s -> assertThat(s.run().progress()).anySatisfy(p -> assertThat(
                p.apiRequests()).isPositive()));
        // and at the end: no progress left, requests per rate window counted
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.progress()).isEmpty();
        assertThat(ledger.find("progress-1").map(RunReport::progress)).contains(List.of());
        long requests = report.steps().stream().mapToLong(s -> s.apiRequests()).sum();
        assertThat(report.requestWindows()).isNotEmpty()
                .allSatisfy(w -> assertThat(w.limit()).isEqualTo(plan));
        assertThat(report.requestWindows().stream().mapToLong(RequestWindow::requests).sum()).isEqualTo(requests);
        assertThat(progress.snapshot()).as("nothing shown between runs").isEqualTo(Optional.empty());
    }
}
