package org.marketetl.bookkeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.report.InvocationReport;
import org.marketetl.report.RunReport;
import org.marketetl.report.RunStatus;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.MetricLines;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * One run over several invocations, invoked as the state machine invokes it: the same request with
 * the same run id, again while the answer says {@code workLeft}. Each invocation may work six
 * seconds (the operator's max duration; the mock event server sends no deadline of its own), one
 * symbol at a time per step, with the simulator answering slowly (1.5 s a request), so a backfill of
 * nine symbols cannot finish in fewer than three.
 */
@QuarkusTest
@TestProfile(ContinuationTest.ShortInvocations.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class ContinuationTest {

    private static final List<String> SYMBOLS = List.of("CNA", "CNB", "CNC", "CND", "CNE", "CNF", "CNG", "CNH", "CNI");
    private static final List<String> TABLES = List.of("COMPANY", "DAILY_PRICE", "INCOME_STATEMENT",
            "BALANCE_SHEET", "CASH_FLOW", "FINANCIALS_TTM", "FINANCIAL_RATIOS", "MARKET_METRICS");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    /** As the function writes reports: ISO-8601 instants. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .findAndRegisterModules().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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
        runs.warehouse().update("UPDATE RUN_LOCK SET HOLDER = NULL, OWNER = NULL, ACQUIRED_AT = NULL, RENEWED_AT = NULL, "
                + "EXPIRES_AT = NULL");
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void backfillCutByItsDeadline_isContinuedUnderTheSameRunId_andEndsAsOneUninterruptedRun() {
        // Arrange: the tables one uninterrupted backfill leaves, then the symbols forgotten
        JsonPath clean = runs.run(request("cont-clean"));
        assertThat(clean.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(clean.getList("invocations")).hasSize(1);
        Map<String, String> uninterrupted = fingerprints();
        forget();
        simulator.setLatency(Duration.ofMillis(1500));

        // Act: invoke as the state machine does until no work is left
        List<JsonPath> answers = new ArrayList<>();
        JsonPath answer;
        List<JsonNode> invocationMetrics;
        try (MetricLines metrics = MetricLines.capture()) {
            do {
                answer = runs.run(request("cont-1"));
                answers.add(answer);
            } while (answer.getBoolean("workLeft") && answers.size() < 20);
            invocationMetrics = metrics.with("Continuations");
        }

        // Assert: several invocations, one run, one ledger entry, the same tables
        assertThat(answers).as("invocations").hasSizeGreaterThanOrEqualTo(3);
        answers.subList(0, answers.size() - 1).forEach(partial -> {
            assertThat(partial.getString("status")).isEqualTo("PARTIAL");
            assertThat(partial.getString("reason")).isNotBlank();
        });
        assertThat(answer.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(answer.getString("runId")).isEqualTo("cont-1");
        assertThat(answer.getList("invocations.outcome", String.class)).hasSize(answers.size())
                .endsWith("finished").startsWith("deadline");
        assertThat(answer.getList("steps.step", String.class))
                .containsExactly("company", "price", "financial", "ttm", "ratios", "metrics");
        assertThat(answer.getList("steps.status", String.class)).containsOnly("SUCCEEDED");
        assertThat(FaultRuns.stepLong(answer, "company", "symbolsDone")).isEqualTo(SYMBOLS.size());
        assertThat(FaultRuns.stepLong(answer, "company", "apiRequests")).as("each profile fetched once")
                .isEqualTo(SYMBOLS.size());
        assertThat(answer.getLong("totalMs")).isEqualTo(
                answer.getList("invocations.ms", Long.class).stream().mapToLong(Long::longValue).sum());
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM RUN_LEDGER WHERE RUN_ID = 'cont-1'")).isEqualTo(1);
        assertThat(runs.warehouse().strings("SELECT RUN_STATUS FROM RUN_LEDGER WHERE RUN_ID = 'cont-1'"))
                .containsExactly("SUCCEEDED");
        assertThat(fingerprints()).isEqualTo(uninterrupted);
        runs.assertEveryKeyOnce();
        // Each invocation's metric line: the first began the run, the others continued it
        assertThat(invocationMetrics).hasSize(answers.size()).allSatisfy(line -> {
            assertThat(line.path("RunId").asText()).isEqualTo("cont-1");
            assertThat(line.path("LockWaitMs").isNumber()).isTrue();
        });
        assertThat(invocationMetrics.stream().map(line -> line.path("Continuations").asInt()))
                .containsExactlyElementsOf(answers.stream().map(a -> a == answers.get(0) ? 0 : 1).toList());
        assertThat(invocationMetrics.stream().map(line -> line.path("WorkLeft").asInt()))
                .containsExactlyElementsOf(answers.stream().map(a -> a.getBoolean("workLeft") ? 1 : 0).toList());
    }

    @Test
    void invocationThatDied_isRecordedAsDied_andTheRunGoesOnFromItsLastRecord() {
        // Arrange: what an invocation killed mid-way leaves: the ledger says RUNNING, and the run
        // lock is the dead invocation's until it lapses (which it has by the time the state
        // machine's retry gets it; before, the retry is refused and retried, see RunLockTest)
        // (a loaded machine may need a second invocation for the clean run: loads are idempotent)
        JsonPath clean = runs.run(request("cont-died-clean"));
        for (int more = 0; more < 10 && clean.getBoolean("workLeft"); more++) {
            clean = runs.run(request("cont-died-clean"));
        }
        assertThat(clean.getString("status")).isEqualTo("SUCCEEDED");
        Map<String, String> uninterrupted = fingerprints();
        forget();
        Instant diedAt = Instant.now().minusSeconds(125);
        diedWhileRunning("cont-died", "direct", "backfill", diedAt, 2000, Instant.now().minusSeconds(1));

        // Act: the state machine retries the failed invocation with the same input
        JsonPath answer = runs.run(request("cont-died"));
        while (answer.getBoolean("workLeft")) {
            answer = runs.run(request("cont-died"));
        }

        // Assert: the run took its dead invocation's lock over and went on; the dead invocation is in the report
        assertThat(answer.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(answer.getString("invocations[0].outcome")).isEqualTo("died");
        assertThat(answer.getLong("invocations[0].ms")).isEqualTo(2000);
        assertThat(fingerprints()).isEqualTo(uninterrupted);
    }

    @Test
    void runWhoseHolderDied_isRecordedAbandoned_byTheRunThatTakesTheLockOver() {
        // Arrange: another run died holding the lock; its renewals stopped and the lock lapsed
        Instant diedAt = Instant.now().minusSeconds(300);
        diedWhileRunning("dead-holder", "schedule", "incremental", diedAt, 900, diedAt.plusSeconds(120));

        // Act
        JsonPath answer = runs.run("{\"runId\":\"takes-over\",\"symbols\":[\"CNA\"],\"steps\":[\"company\"]}");

        // Assert
        assertThat(answer.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(runs.warehouse().strings("SELECT RUN_STATUS FROM RUN_LEDGER WHERE RUN_ID = 'dead-holder'"))
                .containsExactly("ABANDONED");
        JsonPath dead = new JsonPath(runs.warehouse()
                .strings("SELECT REPORT FROM RUN_LEDGER WHERE RUN_ID = 'dead-holder'").get(0));
        assertThat(dead.getString("reason")).contains("abandoned").contains("takes-over")
                .contains(diedAt.plusSeconds(120).toString().substring(0, 16));
        assertThat(dead.getString("invocations[0].outcome")).isEqualTo("died");
    }

    /**
     * What an invocation that died leaves: its ledger record still RUNNING (its last progress,
     * {@code ms} into the run, nothing finished), and the run lock still held by its invocation until
     * {@code lockExpires}.
     */
    private void diedWhileRunning(String runId, String trigger, String mode, Instant startedAt, long ms,
            Instant lockExpires) {
        RunReport running = new RunReport(runId, trigger, mode, RunStatus.RUNNING, false, SYMBOLS.size(), startedAt, ms,
                List.of(), List.of(), 0, false, null,
                List.of(new InvocationReport(startedAt, ms, InvocationReport.RUNNING)));
        try {
            runs.warehouse().update("INSERT INTO RUN_LEDGER (RUN_ID, RUN_TRIGGER, RUN_MODE, RUN_STATUS, STARTED_AT, "
                    + "TOTAL_MS, REPORT) VALUES (?, ?, ?, 'RUNNING', CAST(? AS TIMESTAMP), ?, ?)", runId, trigger, mode,
                    UTC.format(startedAt), ms, JSON.writeValueAsString(running));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        runs.warehouse().update("UPDATE RUN_LOCK SET HOLDER = ?, OWNER = 'dead-invocation', "
                + "ACQUIRED_AT = CAST(? AS TIMESTAMP), EXPIRES_AT = CAST(? AS TIMESTAMP)", runId, UTC.format(startedAt),
                UTC.format(lockExpires));
    }

    private static String request(String runId) {
        return "{\"runId\":\"" + runId + "\",\"mode\":\"backfill\",\"startDate\":\"2025-11-24\",\"symbols\":"
                + SYMBOLS.stream().map(s -> "\"" + s + "\"").toList() + "}";
    }

    private Map<String, String> fingerprints() {
        return runs.warehouse().fingerprints(TABLES, FaultRuns.WRITE_TIMES, SYMBOLS);
    }

    /** Every row of the symbols, raw and derived, and what the fetch log knows of them. */
    private void forget() {
        runs.forget(SYMBOLS);
        for (String table : List.of("FINANCIALS_TTM", "FINANCIAL_RATIOS", "MARKET_METRICS")) {
            runs.warehouse().update("DELETE FROM " + table + " WHERE SYMBOL LIKE 'CN%'");
        }
    }

    /**
     * Invocations may work six seconds and keep half a second in reserve; one symbol at a time.
     * The lock is renewed every second, so the renewal and its progress records run here too.
     */
    public static class ShortInvocations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market-etl.run.max-duration", "PT6S",
                    "market-etl.run.deadline-reserve", "PT0.5S",
                    "market-etl.market-data.max-concurrency", "1",
                    "market-etl.run.lock.renew-every", "PT1S",
                    "market-etl.run.lock.wait-for", "PT1S");
        }
    }
}
