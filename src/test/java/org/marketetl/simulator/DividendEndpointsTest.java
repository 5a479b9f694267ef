package org.marketetl.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The simulator's dividend endpoints answer in FMP's documented shape: {@code dividends?symbol=}
 * and {@code dividends-calendar?from=&to=}, the same keys in the same order, dates FMP does not
 * know as "", and the split-adjusted amount as of the simulated day.
 */
class DividendEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FmpSimulator sim;

    @BeforeAll
    static void start() {
        sim = FmpSimulator.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
        sim.setSplits(List.of());
        sim.setDividends(List.of());
    }

    @Test
    void dividendsOfASymbol_haveFmpsKeysInFmpsOrder_newestFirst() throws Exception {
        sim.setDividends(List.of(DividendEvent.quarterly("DIVA", "2026-08-05", "0.25"),
                new DividendEvent("DIVA", LocalDate.parse("2026-11-03"), new java.math.BigDecimal("1.50"),
                        LocalDate.parse("2026-10-01"), null, null, "Irregular")));

        JsonNode rows = get("/dividends?symbol=DIVA");

        assertThat(rows).hasSize(2);
        assertThat(fieldNames(rows.get(0))).containsExactly("symbol", "date", "recordDate", "paymentDate",
                "declarationDate", "adjDividend", "dividend", "yield", "frequency");
        assertThat(rows.get(0).get("date").asText()).isEqualTo("2026-11-03");
        assertThat(rows.get(0).get("recordDate").asText()).isEmpty();
        assertThat(rows.get(0).get("frequency").asText()).isEqualTo("Irregular");
        assertThat(rows.get(1).get("declarationDate").asText()).isEqualTo("2026-07-08");
        assertThat(rows.get(1).get("dividend").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(rows.get(1).get("yield").asDouble()).isPositive();
    }

    @Test
    void aDividendBeforeASplit_isAdjustedOnceTheSplitIsPast() throws Exception {
        sim.setDividends(List.of(DividendEvent.quarterly("DIVB", "2026-08-05", "1.20")));
        sim.setSplits(List.of(SplitEvent.of("DIVB", "2026-10-14", "3", "2")));

        sim.setAsOf(LocalDate.parse("2026-10-13"));
        JsonNode before = get("/dividends?symbol=DIVB").get(0);
        sim.setAsOf(LocalDate.parse("2026-10-14"));
        JsonNode after = get("/dividends?symbol=DIVB").get(0);

        assertThat(before.get("adjDividend").decimalValue()).isEqualByComparingTo("1.20");
        assertThat(after.get("adjDividend").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(after.get("dividend").decimalValue()).isEqualByComparingTo("1.20");
    }

    @Test
    void calendar_listsEverySymbolsDividendsInTheRange_declaredOnesAhead_butNotUndeclaredOnes() throws Exception {
        sim.setDividends(List.of(DividendEvent.quarterly("DIVC", "2026-11-20", "0.10"),
                DividendEvent.quarterly("DIVD", "2026-12-10", "0.20"), // declared 2026-11-12
                DividendEvent.quarterly("DIVD", "2027-01-20", "0.20"), // declared only on 2026-12-23
                DividendEvent.quarterly("DIVC", "2026-10-01", "0.10")));

        JsonNode rows = get("/dividends-calendar?from=2026-11-01&to=2027-02-01");

        List<String> listed = new ArrayList<>();
        rows.forEach(row -> {
            if (row.get("symbol").asText().startsWith("DIV")) {
                listed.add(row.get("symbol").asText() + " " + row.get("date").asText());
            }
        });
        assertThat(listed).containsExactly("DIVC 2026-11-20", "DIVD 2026-12-10");
        assertThat(fieldNames(rows.get(0))).containsExactly("symbol", "date", "recordDate", "paymentDate",
                "declarationDate", "adjDividend", "dividend", "yield", "frequency");
    }

    @Test
    void generatedDividends_areQuarterly_onTradingDays() throws Exception {
        // Of the default universe, some pay: their dividends go ex on trading days, four a year.
        JsonNode rows = get("/dividends-calendar?from=2025-01-01&to=2025-12-31");

        assertThat(rows.size()).isPositive();
        for (JsonNode row : rows) {
            LocalDate ex = LocalDate.parse(row.get("date").asText());
            assertThat(TradingCalendar.isTradingDay(ex)).as(row.toString()).isTrue();
            assertThat(row.get("frequency").asText()).isEqualTo("Quarterly");
        }
    }

    @Test
    void calendar_listsEverySecurityOfTheMarket_withTheValuesOfItsOwnDividends() throws Exception {
        // Arrange: a market of 300 securities, none of them asked for yet
        sim.setMarket(300, List.of());
        try {
            // Act
            JsonNode calendar = get("/dividends-calendar?from=2024-01-01&to=2026-12-31");

            // Assert: generated securities are listed (not only the universe), and a sample of
            // payers answers dividends?symbol= with exactly its calendar rows
            Map<String, List<String>> bySymbol = new TreeMap<>();
            for (JsonNode row : calendar) {
                bySymbol.computeIfAbsent(row.get("symbol").asText(), s -> new ArrayList<>()).add(row.toString());
            }
            List<String> generated = bySymbol.keySet().stream().filter(s -> !sim.config().universe().contains(s))
                    .toList();
            assertThat(generated).hasSizeGreaterThan(20);
            for (String symbol : generated.subList(0, 5)) {
                List<String> own = new ArrayList<>();
                get("/dividends?symbol=" + symbol).forEach(row -> {
                    LocalDate ex = LocalDate.parse(row.get("date").asText());
                    if (!ex.isBefore(LocalDate.parse("2024-01-01")) && !ex.isAfter(LocalDate.parse("2026-12-31"))) {
                        own.add(0, row.toString());
                    }
                });
                assertThat(bySymbol.get(symbol)).as(symbol).isEqualTo(own);
            }
        } finally {
            sim.setMarket(0, List.of());
        }
    }

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode get(String path) throws Exception {
        String separator = path.contains("?") ? "&" : "?";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path + separator
                + "apikey=" + sim.apiKey())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
