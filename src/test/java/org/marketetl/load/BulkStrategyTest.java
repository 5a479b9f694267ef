package org.marketetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.SimulatorConfig;
import org.marketetl.simulator.SplitEvent;
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
 * The fetch strategy per step, on a plan with bulk endpoints (Ultimate), over a simulated market of
 * 200 securities: profiles by part and statements by fiscal period when that costs less, per symbol
 * otherwise; the same rows either way; the plan's refusal (402) taken as per-symbol and remembered;
 * a part cut mid-body read again; FMP's empty cells read as absent. Bytes are made free here
 * ({@code bulk.bytes-per-call} huge), so the break-even points are in requests alone: four profile
 * parts, and eight statement periods (of three files each) for four quarters.
 */
@QuarkusTest
@TestProfile(BulkStrategyTest.Ultimate.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class BulkStrategyTest {

    /** Of the simulator's universe, so part of the market the bulk files list. */
    static final List<String> TEN = List.of("AAPL", "MSFT", "GOOGL", "AMZN", "META", "JPM", "V", "JNJ",
            "WMT", "PG");
    private static final int MARKET = 200;

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void market() {
        simulator.setMarket(MARKET, List.of());
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
        runs.forget(TEN);
        runs.warehouse().update("DELETE FROM PLAN_REFUSAL");
        simulator.resetCounters();
    }

    @AfterEach
    void restore() {
        simulator.faults().clear();
        simulator.setBulkEndpoints(true);
        simulator.setMarket(0, List.of());
        simulator.setLatency(Duration.ZERO);
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void manySymbols_loadProfilesByPartAndStatementsByPeriod_theSameRowsAsPerSymbol() {
        // Arrange: the same symbols loaded per symbol (the plan refusing bulk), their fingerprints
        simulator.setBulkEndpoints(false);
        JsonPath perSymbol = runs.run(backfill(TEN, "company", "financial"));
        assertThat(strategy(perSymbol, "company")).isEqualTo("bulk, per-symbol");
        Map<String, String> perSymbolRows = runs.fingerprints(TEN);
        runs.forget(TEN);
        runs.warehouse().update("DELETE FROM PLAN_REFUSAL");
        simulator.setBulkEndpoints(true);
        simulator.resetCounters();

        // Act
        JsonPath bulk = runs.run(backfill(TEN, "company", "financial"));

        // Assert: bulk requests only, each unit once, and fingerprint for fingerprint the same rows
        assertThat(bulk.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(strategy(bulk, "company")).isEqualTo("bulk");
        assertThat(strategy(bulk, "financial")).isEqualTo("bulk");
        assertThat(reason(bulk, "financial")).contains("8 statement periods in bulk (24 requests");
        assertThat(simulator.counters().byEndpoint()).containsOnly(Map.entry("profile-bulk", 5L),
                Map.entry("income-statement-bulk", 8L), Map.entry("balance-sheet-statement-bulk", 8L),
                Map.entry("cash-flow-statement-bulk", 8L));
        assertThat(FaultRuns.stepLong(bulk, "company", "unitsDone")).isEqualTo(5);
        assertThat(FaultRuns.stepLong(bulk, "financial", "unitsDone")).isEqualTo(8);
        assertThat(runs.fingerprints(TEN)).isEqualTo(perSymbolRows);
        runs.assertEveryKeyOnce();
    }

    @Test
    void priceHistory_forMoreSymbolsThanDays_comesFromEodBulkDays_theSameRowsAsPerSymbol() {
        // Arrange: eleven trading days of history for twelve symbols, one of which splits in them
        List<String> twelve = List.of("AAPL", "MSFT", "GOOGL", "AMZN", "META", "JPM", "V", "JNJ", "WMT", "PG", "KO",
                "PEP");
        simulator.setSplits(List.of(SplitEvent.of("PEP", "2026-11-16", "2", "1")));
        String request = "{\"mode\":\"backfill\",\"startDate\":\"2026-11-10\",\"steps\":[\"price\"],\"symbols\":["
                + twelve.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}";
        runs.forget(twelve);
        simulator.setBulkEndpoints(false);
        JsonPath perSymbol = runs.run(request);
        Map<String, String> perSymbolRows = runs.fingerprints(twelve);
        List<String> perSymbolSplits = splits(twelve);
        runs.forget(twelve);
        runs.warehouse().update("DELETE FROM SPLIT");
        runs.warehouse().update("DELETE FROM PLAN_REFUSAL");
        simulator.setBulkEndpoints(true);
        simulator.resetCounters();

        // Act
        JsonPath bulk = runs.run(request);

        // Assert: a request per day for eleven symbols, /full for the one that split, the same rows
        assertThat(perSymbol.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(bulk.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(strategy(bulk, "price")).isEqualTo("bulk");
        assertThat(reason(bulk, "price")).startsWith("11 days of eod-bulk (11 requests").contains("splits-calendar in");
        assertThat(simulator.counters().requests("eod-bulk")).isEqualTo(11);
        assertThat(simulator.counters().requests("historical-price-eod/full")).isEqualTo(1);
        assertThat(simulator.counters().requests("splits")).isZero();
        assertThat(runs.fingerprints(twelve)).isEqualTo(perSymbolRows);
        assertThat(splits(twelve)).isEqualTo(perSymbolSplits).contains("PEP 2026-11-16");
        runs.assertEveryKeyOnce();
        simulator.setSplits(List.of());
    }

    private List<String> splits(List<String> symbols) {
        return runs.warehouse().strings("SELECT SYMBOL || ' ' || CAST(SPLIT_DATE AS VARCHAR) FROM SPLIT WHERE SYMBOL IN ("
                + symbols.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + ") ORDER BY 1");
    }

    @Test
    void profiles_goPerSymbolAtFourSymbols_andByPartAtFive() {
        JsonPath four = runs.run(backfill(TEN.subList(0, 4), "company"));
        JsonPath five = runs.run(backfill(TEN.subList(0, 5), "company"));

        assertThat(strategy(four, "company")).isEqualTo("per-symbol");
        assertThat(reason(four, "company")).startsWith("a profile per symbol (4 requests");
        assertThat(FaultRuns.stepLong(four, "company", "apiRequests")).isEqualTo(4);
        assertThat(strategy(five, "company")).isEqualTo("bulk");
        assertThat(reason(five, "company")).startsWith("4 profile-bulk parts (4 requests");
    }

    @Test
    void statements_goPerSymbolAtEightSymbols_andByPeriodAtNine() {
        List<String> nine = TEN.subList(0, 9);

        JsonPath eight = runs.run(backfill(nine.subList(0, 8), "financial"));
        JsonPath atNine = runs.run(backfill(nine, "financial"));

        assertThat(strategy(eight, "financial")).isEqualTo("per-symbol");
        assertThat(FaultRuns.stepLong(eight, "financial", "apiRequests")).isEqualTo(24);
        assertThat(strategy(atNine, "financial")).isEqualTo("bulk");
        assertThat(FaultRuns.stepLong(atNine, "financial", "apiRequests")).isEqualTo(24);
    }

    @Test
    void planRefusesBulk_theStepGoesPerSymbol_andLaterRunsDoNotAskAgain() {
        // Act: the plan answers 402 "Restricted Endpoint" to every bulk endpoint
        simulator.setBulkEndpoints(false);
        JsonPath first = runs.run(backfill(TEN, "company", "financial"));
        long refusedFirst = bulkRequests();
        runs.forget(TEN);
        simulator.resetCounters();
        JsonPath second = runs.run(backfill(TEN, "company", "financial"));

        // Assert: the first run tried, was refused, fetched per symbol; the second did not try
        assertThat(first.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(reason(first, "company")).contains("refused by the plan").contains("Restricted Endpoint");
        assertThat(refusedFirst).isPositive();
        // the first refusal of each step is remembered (the three statement files go at once)
        assertThat(runs.warehouse().strings("SELECT ENDPOINT FROM PLAN_REFUSAL WHERE PLAN_NAME = 'ultimate'"))
                .contains("profile-bulk").anySatisfy(endpoint -> assertThat(endpoint).endsWith("-statement-bulk"));
        assertThat(second.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(strategy(second, "company")).isEqualTo("per-symbol");
        assertThat(reason(second, "company")).contains("profile-bulk was refused (402) under plan ultimate");
        assertThat(bulkRequests()).isZero();
        assertThat(simulator.counters().requests("profile")).isEqualTo(TEN.size());
        runs.assertConsistent(List.of(), List.of());
    }

    @Test
    void aRefusalUnderAnotherPlan_doesNotStopThisPlanFromAsking() {
        runs.warehouse().update("INSERT INTO PLAN_REFUSAL (PLAN_NAME, ENDPOINT, REFUSED_AT, MESSAGE) "
                + "VALUES ('premium', 'profile-bulk', CURRENT_TIMESTAMP, 'refused under premium')");

        JsonPath run = runs.run(backfill(TEN, "company"));

        assertThat(strategy(run, "company")).isEqualTo("bulk");
        assertThat(simulator.counters().requests("profile-bulk")).isEqualTo(5);
    }

    @Test
    void aPartCutMidBody_isReadAgain_andItsRowsLoadOnce() {
        JsonPath clean = runs.run(backfill(TEN, "company"));
        Map<String, String> cleanRows = runs.fingerprints(TEN);
        runs.forget(TEN);
        simulator.resetCounters();
        simulator.faults().cutBulkBodyNext(1);

        JsonPath cut = runs.run(backfill(TEN, "company"));

        assertThat(clean.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(cut.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(FaultRuns.stepLong(cut, "company", "retries")).isEqualTo(1);
        assertThat(simulator.counters().requests("profile-bulk")).isEqualTo(6);
        assertThat(runs.fingerprints(TEN)).isEqualTo(cleanRows);
        runs.assertEveryKeyOnce();
    }

    @Test
    void aStalledBody_isCutByTheIdleTimeout_andReadAgain() {
        simulator.faults().stallBulkBodyNext(1, Duration.ofSeconds(6));

        JsonPath run = runs.run(backfill(TEN, "company"));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(FaultRuns.stepLong(run, "company", "retries")).isEqualTo(1);
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM COMPANY WHERE SYMBOL IN ('AAPL', 'PG')")).isEqualTo(2);
        runs.assertEveryKeyOnce();
    }

    @Test
    void emptyCellsAndEmptyQuotes_areAbsentValues_inBulkAsPerSymbol() {
        List<String> etfs = simulator.data().marketSymbols().stream().filter(simulator.data()::isEtf).limit(6).toList();
        assertThat(etfs).hasSizeGreaterThan(4);
        JsonPath bulk = runs.run(backfill(etfs, "company"));
        Map<String, String> inBulk = runs.fingerprints(etfs);
        List<String> sectors = runs.warehouse().strings("SELECT COALESCE(SECTOR, '(null)') || '/' || "
                + "COALESCE(CEO, '(null)') || '/' || CAST(IS_ETF AS VARCHAR) FROM COMPANY WHERE SYMBOL IN ("
                + etfs.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + ")");
        runs.forget(etfs);
        runs.run(backfill(etfs.subList(0, 4), "company"));
        runs.run(backfill(etfs.subList(4, etfs.size()), "company"));

        assertThat(strategy(bulk, "company")).isEqualTo("bulk");
        assertThat(sectors).hasSize(etfs.size()).allSatisfy(row -> assertThat(row).isIn("(null)/(null)/true",
                "(null)/(null)/TRUE"));
        assertThat(runs.fingerprints(etfs)).isEqualTo(inBulk);
    }

    private long bulkRequests() {
        return simulator.counters().byEndpoint().entrySet().stream().filter(e -> e.getKey().endsWith("-bulk"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static String backfill(List<String> symbols, String... steps) {
        return "{\"mode\":\"backfill\",\"symbols\":[" + symbols.stream().map(s -> "\"" + s + "\"")
                .collect(Collectors.joining(",")) + "],\"steps\":[" + List.of(steps).stream()
                .map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}";
    }

    private static String strategy(JsonPath report, String step) {
        return report.getString("steps.find { it.step == '" + step + "' }.strategy");
    }

    private static String reason(JsonPath report, String step) {
        return report.getString("steps.find { it.step == '" + step + "' }.strategyReason");
    }

    /**
     * Ultimate's bulk endpoints; bytes weigh nothing against a call; four quarters of statements
     * (eight fiscal periods in bulk); bulk bodies idle for 3 s are cut.
     */
    public static class Ultimate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("market-etl.market-data.plan", "ultimate",
                    "market-etl.market-data.bulk.bytes-per-call", "1000000000000000",
                    "market-etl.market-data.statement-quarters", "4",
                    "market-etl.market-data.bulk.concurrency", "2",
                    "market-etl.market-data.bulk.idle-timeout", "PT3S",
                    "market-etl.run.as-of", SimulatorConfig.DEFAULT_AS_OF.toString());
        }
    }
}
