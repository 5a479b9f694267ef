package org.marketetl.universe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.simulator.Delisting;
import org.marketetl.simulator.FmpSimulator;
import org.marketetl.simulator.MarketDataStore;
import org.marketetl.simulator.SimulatorConfig;
import org.marketetl.testing.FaultRuns;
import org.marketetl.testing.SecretScan;
import org.marketetl.testing.SimulatorResource;
import org.marketetl.testing.WarehouseResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A run's universe chosen from the market's list of securities: SECURITY loaded from FMP's symbol
 * lists, a selector by exchange with or without the delisted companies (survivorship-free), and the
 * delisted ones' history loaded once, kept, and never asked for again by an incremental run.
 * The simulated market: the simulator's universe, two companies delisted in 2024 and 2025, and
 * generated securities up to 120 (US, OTC and foreign stocks, ETFs, some delisted).
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class UniverseSelectionTest {

    private static final LocalDate ACME_DELISTED = LocalDate.of(2025, 6, 16);
    private static final LocalDate OLDCO_DELISTED = LocalDate.of(2024, 2, 1);
    private static final Set<String> US = Set.of("NASDAQ", "NYSE", "AMEX");
    private static final String US_STOCKS = "{\"exchanges\":[\"NASDAQ\",\"NYSE\",\"amex\"]";

    @SimulatorResource.Simulator
    FmpSimulator simulator;

    private SecretScan scan;
    private FaultRuns runs;

    @BeforeEach
    void market() {
        simulator.setMarket(120, List.of(new Delisting("ACMEX", ACME_DELISTED), new Delisting("OLDCO", OLDCO_DELISTED)));
        scan = SecretScan.start();
        runs = new FaultRuns(scan);
        // Each test starts from a market list never loaded.
        runs.warehouse().update("DELETE FROM SECURITY");
        runs.warehouse().update("DELETE FROM MARKET_DATA_FETCH WHERE DATASET = 'symbol-lists'");
    }

    @AfterEach
    void restore() {
        simulator.faults().clear();
        simulator.setMarket(0, List.of());
        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
        scan.close();
        scan.assertNoSecrets();
    }

    @Test
    void aSelectorWithTheDelisted_loadsSecurityAndSelectsEveryUsStockThatEverTraded() {
        List<String> expected = usStocks(true);
        assertThat(expected).contains("ACMEX", "OLDCO", "AAPL");

        JsonPath run = runs.run("{\"mode\":\"backfill\",\"startDate\":\"2023-11-01\",\"universe\":" + US_STOCKS
                + ",\"includeDelisted\":true},\"steps\":[\"company\",\"price\"]}");

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getBoolean("universe.refreshed")).isTrue();
        assertThat(run.getInt("universe.symbols")).isEqualTo(expected.size());
        assertThat(run.getInt("symbols")).isEqualTo(expected.size());
        assertThat(run.getInt("universe.delisted")).isEqualTo((int) simulator.data().securities().stream()
                .filter(s -> expected.contains(s.symbol()) && s.delisted() != null).count());
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM SECURITY")).isEqualTo(120);
        assertThat(runs.warehouse().strings("SELECT EXCHANGE || '/' || SECURITY_TYPE || '/' || CAST(ACTIVE AS VARCHAR)"
                + " || '/' || CAST(DELISTED_ON AS VARCHAR) FROM SECURITY WHERE SYMBOL = 'ACMEX'"))
                .singleElement().satisfies(row -> assertThat(row.toLowerCase()).endsWith("/stock/false/2025-06-16"));
        // prices for every selected company that traded after the start date, delisted or not
        LocalDate start = LocalDate.of(2023, 11, 1);
        List<String> tradedSince = simulator.data().securities().stream()
                .filter(s -> expected.contains(s.symbol()) && (s.delisted() == null || s.delisted().isAfter(start)))
                .map(MarketDataStore.Security::symbol).toList();
        assertThat(tradedSince).contains("ACMEX", "OLDCO");
        assertThat(runs.warehouse().strings("SELECT DISTINCT SYMBOL FROM DAILY_PRICE")).containsAll(tradedSince);
        // ACMEX's history ends on its last trading day, the Friday before its delisting
        assertThat(runs.warehouse().strings("SELECT CAST(MAX(PRICE_DATE) AS VARCHAR) FROM DAILY_PRICE "
                + "WHERE SYMBOL = 'ACMEX'")).containsExactly("2025-06-13");
    }

    @Test
    void withoutTheDelisted_theSelectionIsWhatTradesNow_andASelectionOfNothingFails() {
        runs.run("{\"dryRun\":false,\"universe\":\"us-common-stocks\",\"steps\":[\"company\"]}");

        JsonPath listed = runs.run("{\"dryRun\":true,\"universe\":" + US_STOCKS + "}}");
        JsonPath all = runs.run("{\"dryRun\":true,\"universe\":\"us-common-stocks\"}");
        JsonPath none = runs.run("{\"dryRun\":true,\"universe\":{\"exchanges\":[\"NOWHERE\"]}}");

        assertThat(listed.getInt("symbols")).isEqualTo(usStocks(false).size());
        assertThat(all.getInt("symbols")).isEqualTo(usStocks(true).size());
        assertThat(all.getInt("universe.delisted")).isEqualTo(usStocks(true).size() - usStocks(false).size())
                .isGreaterThanOrEqualTo(2);
        assertThat(listed.getBoolean("universe.refreshed")).isFalse();
        assertThat(listed.getLong("universe.apiRequests")).isZero();
        assertThat(none.getString("status")).isEqualTo("FAILED");
        assertThat(none.getString("reason")).contains("matched no security in SECURITY");
    }

    @Test
    void aDelistedSymbol_keepsItsHistory_andIsNeverAskedForAgainByIncrementalRuns() {
        String request = "{\"symbols\":[\"ACMEX\",\"KO\"],\"steps\":[\"company\",\"price\",\"financial\"]}";
        runs.run("{\"universe\":\"us-common-stocks\",\"dryRun\":false,\"steps\":[\"company\"],\"mode\":\"backfill\"}");
        runs.forget(List.of("ACMEX", "KO"));
        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF.minusDays(4));
        JsonPath first = runs.run(request);
        String history = runs.fingerprints(List.of("ACMEX")).toString();
        assertThat(runs.warehouse().count("SELECT COUNT(*) FROM DAILY_PRICE WHERE SYMBOL = 'ACMEX'")).isPositive();
        // from now on any answer about ACMEX would be unreadable: asking for it would fail the symbol
        simulator.faults().malformedJsonFor("ACMEX");
        simulator.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
        simulator.resetCounters();

        JsonPath next = runs.run(request);

        assertThat(first.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(next.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(next.getList("steps.failedSymbols.symbol").toString()).doesNotContain("ACMEX");
        assertThat(simulator.counters().requests("historical-price-eod/full")).isEqualTo(1);
        assertThat(runs.fingerprints(List.of("ACMEX")).toString()).isEqualTo(history);
        assertThat(runs.warehouse().strings("SELECT DATASET FROM MARKET_DATA_FETCH WHERE SYMBOL = 'ACMEX' "
                + "AND DATASET LIKE 'final-%'")).containsExactlyInAnyOrder("final-company", "final-price",
                        "final-financial");
    }

    /** The market's US stocks (NASDAQ, NYSE, AMEX) that trade on the simulated day, and with the delisted ones. */
    private List<String> usStocks(boolean withDelisted) {
        LocalDate asOf = SimulatorConfig.DEFAULT_AS_OF;
        return simulator.data().securities().stream()
                .filter(s -> US.contains(s.exchange()) && !s.etf())
                .filter(s -> s.delisted() == null || s.delisted().isAfter(asOf) || withDelisted)
                .map(MarketDataStore.Security::symbol).sorted().collect(Collectors.toList());
    }
}
