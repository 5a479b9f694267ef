package org.marketetl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bulk endpoints and symbol lists over a simulated market of 2,000 securities, as FMP serves
 * them (issue 19): CSV with a quoted header, absent values as empty cells and {@code ""}, a 400 JSON
 * for a bad parameter, an empty body for no data, 402 text without the plan, bodies sent at a rate
 * and broken on request; and the same data per symbol as in bulk.
 */
class SimulatorBulkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final LocalDate DELISTED = LocalDate.of(2025, 6, 16);

    private static FmpSimulator sim;

    @BeforeAll
    static void start() {
        sim = FmpSimulator.start(SimulatorConfig.builder().universe(List.of("AAPL", "MSFT", "KO")).marketSize(2_000)
                .delisted(List.of(new Delisting("ACMEX", DELISTED))).build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clear() {
        sim.faults().clear();
        sim.setBulkEndpoints(true);
        sim.setBulkBytesPerSecond(0);
    }

    @Test
    void profileBulk_listsEverySecurityOnce_inFourParts_thenAnEmptyBody() throws Exception {
        Set<String> symbols = new HashSet<>();
        int rows = 0;
        for (int part = 0; part < 4; part++) {
            List<String> lines = lines(get("/profile-bulk?part=" + part));
            assertThat(lines.get(0)).startsWith("\"symbol\",\"price\",\"marketCap\"").endsWith("\"isFund\"");
            assertThat(lines.get(0).split(",")).hasSize(36);
            for (String line : lines.subList(1, lines.size())) {
                symbols.add(line.substring(1, line.indexOf('"', 1)));
                rows++;
            }
        }
        HttpResponse<String> after = get("/profile-bulk?part=4");

        assertThat(rows).isEqualTo(2_000);
        assertThat(symbols).hasSize(2_000).contains("AAPL", "ACMEX");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(after.body()).isEmpty();
    }

    @Test
    void profileBulk_writesAbsentValuesBothWays_andSomeVolumesAsFractions() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int part = 0; part < 4; part++) {
            all.append(get("/profile-bulk?part=" + part).body());
        }
        String body = all.toString();

        assertThat(body.contains(",\"\",")).as("an absent value as \"\"").isTrue();
        assertThat(body.contains(",,")).as("an absent value as an empty cell").isTrue();
        assertThat(java.util.regex.Pattern.compile(",\"\\d+\\.\\d\",\\d+,\"").matcher(body).find())
                .as("a fractional volume").isTrue();
        assertThat(body.length() / 2_000).as("about 2 KB a row, as FMP's").isGreaterThan(1_500);
    }

    @Test
    void statementBulk_refusesQuarterAndAnnual_withJson_andAnswersNoDataWithAnEmptyBody() throws Exception {
        HttpResponse<String> quarter = get("/income-statement-bulk?year=2025&period=quarter");
        HttpResponse<String> noYear = get("/cash-flow-statement-bulk?period=Q1");
        HttpResponse<String> future = get("/balance-sheet-statement-bulk?year=2031&period=Q1");

        assertThat(quarter.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(quarter.body()).get("Error Message").asText()).contains("Q1, Q2, Q3, Q4, FY");
        assertThat(noYear.statusCode()).isEqualTo(400);
        assertThat(future.statusCode()).isEqualTo(200);
        assertThat(future.body()).isEmpty();
    }

    @Test
    void statementBulk_hasTheJsonStatementsFigures_withQuotedFiscalYearAndCik_andSomeEmptyCells() throws Exception {
        List<String> lines = lines(get("/income-statement-bulk?year=2025&period=Q2"));
        String header = lines.get(0);
        List<String> columns = Arrays.stream(header.strip().split(",")).map(c -> c.replace("\"", "")).toList();
        String aapl = lines.stream().filter(line -> line.startsWith("\"2025-")).filter(l -> l.contains("\"AAPL\""))
                .findFirst().orElseThrow();
        String[] cells = aapl.split(",");
        JsonNode json = JSON.readTree(get("/income-statement?symbol=AAPL&period=quarter&limit=20").body());
        JsonNode same = null;
        for (JsonNode quarter : json) {
            if (quarter.get("fiscalYear").asText().equals("2025") && quarter.get("period").asText().equals("Q2")) {
                same = quarter;
            }
        }

        assertThat(columns).hasSize(39).startsWith("date", "symbol", "reportedCurrency", "cik", "filingDate",
                "acceptedDate", "fiscalYear", "period", "revenue");
        assertThat(cells[columns.indexOf("fiscalYear")]).isEqualTo("\"2025\"");
        assertThat(cells[columns.indexOf("cik")]).startsWith("\"").endsWith("\"");
        assertThat(same).isNotNull();
        for (String figure : List.of("revenue", "netIncome", "eps", "weightedAverageShsOutDil")) {
            assertThat(cells[columns.indexOf(figure)]).as(figure).isEqualTo(same.get(figure).asText());
        }
        assertThat(String.join("\n", lines)).contains(",,");
        assertThat(lines.size() - 1).isGreaterThan(500);
    }

    @Test
    void aPlanWithoutBulk_answers402WithFmpsText() throws Exception {
        sim.setBulkEndpoints(false);

        HttpResponse<String> refused = get("/eod-bulk?date=2026-11-20");

        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(refused.body()).startsWith("Restricted Endpoint: This endpoint is not available under your current "
                + "subscription");
    }

    @Test
    void eodBulk_listsWhatTradedThatDay_notADelistedCompanyAfterItsDelisting() throws Exception {
        String before = get("/eod-bulk?date=2025-06-13").body();
        String after = get("/eod-bulk?date=2025-06-16").body();

        assertThat(before).startsWith("\"symbol\",\"date\",\"open\",\"low\",\"high\",\"close\",\"adjClose\",\"volume\"")
                .contains("\"ACMEX\",\"2025-06-13\"");
        assertThat(after).doesNotContain("\"ACMEX\"");
        assertThat(lines(get("/eod-bulk?date=2025-06-16")).size()).isGreaterThan(1_000);
    }

    @Test
    void aDelistedCompany_isListedNewestFirst_andItsDataEndsTheDayBeforeItsDelisting() throws Exception {
        JsonNode first = JSON.readTree(get("/delisted-companies?page=0&limit=50").body());
        JsonNode prices = JSON.readTree(get("/historical-price-eod/full?symbol=ACMEX&from=2025-06-01").body());
        JsonNode profile = JSON.readTree(get("/profile?symbol=ACMEX").body()).get(0);
        List<String> dates = new ArrayList<>();
        first.forEach(company -> dates.add(company.get("delistedDate").asText()));

        assertThat(first).hasSize(50);
        assertThat(dates).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(prices.get(0).get("date").asText()).isEqualTo("2025-06-13");
        assertThat(profile.get("isActivelyTrading").asBoolean()).isFalse();
        assertThat(JSON.readTree(get("/stock-list").body()).toString()).doesNotContain("\"ACMEX\"");
    }

    @Test
    void aGeneratedSecurity_servesPerSymbolTheDataItHasInBulk() throws Exception {
        String line = lines(get("/income-statement-bulk?year=2025&period=Q2")).stream()
                .filter(l -> l.contains("\"U0")).findFirst().orElseThrow();
        String symbol = line.split(",")[1].replace("\"", "");
        JsonNode perSymbol = JSON.readTree(get("/income-statement?symbol=" + symbol + "&period=Q2&limit=20").body());
        String revenue = null;
        for (JsonNode quarter : perSymbol) {
            if (quarter.get("fiscalYear").asText().equals("2025")) {
                revenue = quarter.get("revenue").asText();
            }
        }

        assertThat(revenue).isNotNull();
        assertThat(line.split(",")[8]).isEqualTo(revenue);
    }

    @Test
    void aBulkBody_takesTimeInProportionToItsBytes() throws Exception {
        long bytes = get("/balance-sheet-statement-bulk?year=2025&period=Q1").body().length();
        sim.setBulkBytesPerSecond(bytes * 2);
        long start = System.nanoTime();

        get("/balance-sheet-statement-bulk?year=2025&period=Q1");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aBodyCutMidway_breaksTheConnection_ratherThanEndingShort() {
        sim.faults().cutBulkBodyNext(1);

        assertThatThrownBy(() -> {
            HttpResponse<InputStream> response = HTTP.send(request("/profile-bulk?part=0"),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                body.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String pathAndQuery) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        return HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery + separator + "apikey=" + sim.apiKey()))
                .timeout(Duration.ofSeconds(60)).build();
    }

    private static List<String> lines(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().lines().toList();
    }
}
