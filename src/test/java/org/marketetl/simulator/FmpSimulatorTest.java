package org.marketetl.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FmpSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final List<String> SAMPLE = List.of("AAPL", "MSFT", "KO", "BRK-B", "XOM", "ZZTEST");

    private static FmpSimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = FmpSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void clearFaults() {
        sim.faults().clear();
        sim.setAsOf(SimulatorConfig.DEFAULT_AS_OF);
        sim.setLatency(Duration.ZERO);
        sim.setRateLimitPerMinute(0);
        sim.resetCounters();
        sim.setSplits(List.of());
    }

    // ---- auth, legacy, unknown symbols -------------------------------------------------------

    @Test
    void missingOrWrongKeyIs401WithFmpBody() throws Exception {
        HttpResponse<String> missing = get(sim.baseUrl() + "/profile?symbol=AAPL");
        HttpResponse<String> wrong = get(sim.baseUrl() + "/profile?symbol=AAPL&apikey=nope");
        for (HttpResponse<String> r : List.of(missing, wrong)) {
            assertEquals(401, r.statusCode());
            assertTrue(JSON.readTree(r.body()).get("Error Message").asText().startsWith("Invalid API KEY."));
        }
    }

    @Test
    void legacyPathsAre403() throws Exception {
        HttpResponse<String> r = get("http://127.0.0.1:" + sim.port() + "/api/v3/profile/AAPL?apikey=" + sim.apiKey());
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("Legacy Endpoint : Due to Legacy endpoints being no longer supported"));
        assertEquals(1, sim.requests("legacy"));
    }

    @Test
    void unknownSymbolsAnswerEmptyArray() throws Exception {
        assertEquals("[]", call("profile", "symbol=not_a_symbol").body());
        assertEquals("[]", call("income-statement", "symbol=lower&period=quarter").body());
        try (FmpSimulator closed = FmpSimulator.start(SimulatorConfig.builder().acceptAnySymbol(false).build())) {
            HttpResponse<String> r = get(closed.baseUrl() + "/historical-price-eod/full?symbol=NOTLISTED&apikey="
                    + closed.apiKey());
            assertEquals(200, r.statusCode());
            assertEquals("[]", r.body());
        }
    }

    @Test
    void missingParametersAndAnnualPeriodAre400() throws Exception {
        assertEquals(400, call("profile", "").statusCode());
        assertEquals(400, call("income-statement", "symbol=AAPL").statusCode());
        assertEquals(400, call("cash-flow-statement", "symbol=AAPL&period=annual").statusCode());
        assertEquals(400, call("historical-price-eod/full", "symbol=AAPL&from=24-01-01").statusCode());
    }

    // ---- profile and quotes ------------------------------------------------------------------

    @Test
    void profileHasFmpFieldsTypesAndConsistentPrice() throws Exception {
        JsonNode p = array(call("profile", "symbol=AAPL")).get(0);
        List<String> names = new ArrayList<>();
        p.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("symbol", "price", "marketCap", "beta", "lastDividend", "range", "change",
                "changePercentage", "volume", "averageVolume", "companyName", "currency", "cik", "isin", "cusip",
                "exchangeFullName", "exchange", "industry", "website", "description", "ceo", "sector", "country",
                "fullTimeEmployees", "phone", "address", "city", "state", "zip", "image", "ipoDate", "defaultImage",
                "isEtf", "isActivelyTrading", "isAdr", "isFund"), names);
        assertTrue(p.get("fullTimeEmployees").isTextual());
        assertTrue(p.get("cik").isTextual());
        assertTrue(p.get("isEtf").isBoolean());
        assertTrue(p.get("marketCap").isIntegralNumber());
        assertEquals("USD", p.get("currency").asText());

        JsonNode lastBar = array(call("historical-price-eod/full", "symbol=AAPL&from=2026-11-24&to=2026-11-24")).get(0);
        assertEquals(lastBar.get("close").asDouble(), p.get("price").asDouble());
        long shares = array(call("income-statement", "symbol=AAPL&period=quarter&limit=1")).get(0)
                .get("weightedAverageShsOutDil").asLong();
        assertEquals(Math.round(p.get("price").asDouble() * shares), p.get("marketCap").asLong());
    }

    @Test
    void batchQuoteAgreesWithPricesAndSkipsUnknownSymbols() throws Exception {
        JsonNode quotes = array(call("batch-quote", "symbols=AAPL,nope,MSFT"));
        assertEquals(2, quotes.size());
        for (JsonNode q : quotes) {
            String s = q.get("symbol").asText();
            JsonNode bars = array(call("historical-price-eod/full", "symbol=" + s + "&from=2026-11-20&to=2026-11-24"));
            assertEquals(bars.get(0).get("close").asDouble(), q.get("price").asDouble());
            assertEquals(bars.get(1).get("close").asDouble(), q.get("previousClose").asDouble());
            assertEquals(bars.get(0).get("volume").asLong(), q.get("volume").asLong());
            assertTrue(q.get("timestamp").isIntegralNumber());
            assertTrue(q.get("yearLow").asDouble() <= q.get("dayLow").asDouble());
            assertTrue(q.get("yearHigh").asDouble() >= q.get("dayHigh").asDouble());
        }
    }

    // ---- prices --------------------------------------------------------------------------------

    @Test
    void pricesAreNewestFirstWeekdaysAndInternallyConsistent() throws Exception {
        for (String s : SAMPLE) {
            JsonNode bars = array(call("historical-price-eod/full", "symbol=" + s));
            assertTrue(bars.size() > 5 * 250 && bars.size() < 5 * 262, s + " rows " + bars.size());
            assertEquals("2026-11-24", bars.get(0).get("date").asText());
            LocalDate previous = null;
            for (JsonNode b : bars) {
                LocalDate d = LocalDate.parse(b.get("date").asText());
                assertFalse(d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY);
                if (previous != null) {
                    assertTrue(d.isBefore(previous), "newest first");
                }
                previous = d;
                double o = b.get("open").asDouble(), h = b.get("high").asDouble(), l = b.get("low").asDouble(),
                        c = b.get("close").asDouble();
                assertTrue(l <= Math.min(o, c) && h >= Math.max(o, c) && l > 0, b.toString());
                assertEquals(Money.cents(c - o), b.get("change").asDouble(), 1e-9);
                assertEquals(Money.round((c - o) / o * 100, 5), b.get("changePercent").asDouble(), 1e-9);
                assertEquals(Money.round((o + h + l + c) / 4, 4), b.get("vwap").asDouble(), 1e-9);
                assertTrue(b.get("volume").isIntegralNumber());
            }
            assertFalse(previous.isBefore(LocalDate.of(2021, 11, 24)));
        }
    }

    @Test
    void fromToFilterIsInclusive() throws Exception {
        JsonNode bars = array(call("historical-price-eod/full", "symbol=MSFT&from=2026-11-16&to=2026-11-20"));
        assertEquals(5, bars.size());
        assertEquals("2026-11-20", bars.get(0).get("date").asText());
        assertEquals("2026-11-16", bars.get(4).get("date").asText());
        assertEquals("[]", call("historical-price-eod/full", "symbol=MSFT&from=2026-11-21&to=2026-11-22").body());
        assertEquals("[]", call("historical-price-eod/full", "symbol=MSFT&from=2026-11-25").body(), "after asOf");
    }

    @Test
    void movingAsOfAppendsDaysAndFilingsWithoutRewritingHistory() throws Exception {
        String before = call("historical-price-eod/full", "symbol=KO&from=2026-06-01&to=2026-11-24").body();
        int quartersBefore = array(call("income-statement", "symbol=KO&period=quarter&limit=100")).size();
        String newestBefore = array(call("income-statement", "symbol=KO&period=quarter&limit=1")).get(0).toString();
        sim.setAsOf(LocalDate.of(2027, 3, 1));
        String after = call("historical-price-eod/full", "symbol=KO&from=2026-06-01&to=2026-11-24").body();
        assertEquals(before, after);
        assertEquals("2027-03-01", array(call("historical-price-eod/full", "symbol=KO")).get(0).get("date").asText());
        JsonNode quarters = array(call("income-statement", "symbol=KO&period=quarter&limit=100"));
        assertEquals(Math.min(24, quartersBefore + 1), quarters.size());
        boolean found = false;
        for (JsonNode q : quarters) {
            found |= q.toString().equals(newestBefore);
        }
        assertTrue(found, "an already filed quarter is served unchanged");
    }

    // ---- statements ----------------------------------------------------------------------------

    @Test
    void statementsTieOutForEveryQuarter() throws Exception {
        for (String s : SAMPLE) {
            JsonNode inc = array(call("income-statement", "symbol=" + s + "&period=quarter&limit=100"));
            JsonNode bal = array(call("balance-sheet-statement", "symbol=" + s + "&period=quarter&limit=100"));
            JsonNode cf = array(call("cash-flow-statement", "symbol=" + s + "&period=quarter&limit=100"));
            assertEquals(24, inc.size(), s);
            assertEquals(24, bal.size());
            assertEquals(24, cf.size());
            for (int i = 0; i < 24; i++) {
                JsonNode in = inc.get(i), b = bal.get(i), c = cf.get(i);
                String ctx = s + " " + in.get("date").asText();
                for (JsonNode row : List.of(in, b, c)) {
                    assertEquals(in.get("date"), row.get("date"));
                    assertEquals(in.get("filingDate"), row.get("filingDate"));
                    assertEquals(in.get("acceptedDate"), row.get("acceptedDate"));
                    assertTrue(row.get("fiscalYear").isTextual());
                    assertTrue(row.get("period").asText().matches("Q[1-4]"));
                }
                LocalDate end = LocalDate.parse(in.get("date").asText());
                LocalDate filed = LocalDate.parse(in.get("filingDate").asText());
                long lag = ChronoUnit.DAYS.between(end, filed);
                assertTrue(lag >= 30 && lag <= 48, ctx + " lag " + lag);
                assertFalse(filed.isAfter(SimulatorConfig.DEFAULT_AS_OF));
                assertTrue(in.get("acceptedDate").asText().matches(filed + " \\d\\d:\\d\\d:\\d\\d"));
                assertEquals(end, end.withDayOfMonth(end.lengthOfMonth()));
                assertEquals(0, end.getMonthValue() % 3);
                if (i > 0) {
                    assertEquals(FiscalQuarter.nextQuarterEnd(end), LocalDate.parse(inc.get(i - 1).get("date").asText()),
                            "newest first, consecutive quarters");
                }

                assertEquals(l(in, "revenue") - l(in, "costOfRevenue"), l(in, "grossProfit"), ctx);
                assertEquals(l(in, "grossProfit") - l(in, "operatingExpenses"), l(in, "operatingIncome"), ctx);
                assertEquals(l(in, "operatingIncome") + l(in, "depreciationAndAmortization"), l(in, "ebitda"), ctx);
                assertEquals(l(in, "incomeBeforeTax") - l(in, "incomeTaxExpense"), l(in, "netIncome"), ctx);
                assertEquals(l(in, "operatingIncome") + l(in, "totalOtherIncomeExpensesNet"), l(in, "incomeBeforeTax"));
                assertEquals(l(in, "costOfRevenue") + l(in, "operatingExpenses"), l(in, "costAndExpenses"));
                assertEquals((double) l(in, "netIncome") / l(in, "weightedAverageShsOut"), in.get("eps").asDouble(),
                        0.0051, ctx);
                assertTrue(in.get("eps").isFloatingPointNumber() || in.get("eps").isIntegralNumber());

                assertEquals(l(b, "totalLiabilities") + l(b, "totalStockholdersEquity") + l(b, "minorityInterest"),
                        l(b, "totalAssets"), ctx);
                assertEquals(l(b, "totalLiabilitiesAndTotalEquity"), l(b, "totalAssets"));
                assertEquals(l(b, "totalCurrentAssets") + l(b, "totalNonCurrentAssets"), l(b, "totalAssets"));
                assertTrue(l(b, "totalCurrentAssets") <= l(b, "totalAssets"));
                assertEquals(l(b, "shortTermDebt") + l(b, "longTermDebt"), l(b, "totalDebt"));
                assertEquals(l(b, "totalDebt") - l(b, "cashAndCashEquivalents"), l(b, "netDebt"));
                assertTrue(l(b, "cashAndCashEquivalents") >= 0);

                assertEquals(l(in, "netIncome"), l(c, "netIncome"), ctx);
                assertEquals(l(in, "depreciationAndAmortization"), l(c, "depreciationAndAmortization"));
                assertTrue(l(c, "capitalExpenditure") <= 0);
                assertEquals(l(c, "operatingCashFlow") + l(c, "capitalExpenditure"), l(c, "freeCashFlow"));
                assertEquals(l(c, "netCashProvidedByOperatingActivities"), l(c, "operatingCashFlow"));
                assertEquals(l(c, "netCashProvidedByOperatingActivities") + l(c, "netCashProvidedByInvestingActivities")
                        + l(c, "netCashProvidedByFinancingActivities"), l(c, "netChangeInCash"));
                assertEquals(l(c, "cashAtBeginningOfPeriod") + l(c, "netChangeInCash"), l(c, "cashAtEndOfPeriod"));
                assertEquals(l(b, "cashAndCashEquivalents"), l(c, "cashAtEndOfPeriod"), ctx);
                if (i > 0) {
                    assertEquals(l(c, "cashAtEndOfPeriod"), l(cf.get(i - 1), "cashAtBeginningOfPeriod"));
                }
            }
        }
    }

    @Test
    void limitIsRespectedAndFiscalLabelsFollowTheFiscalYear() throws Exception {
        assertEquals(3, array(call("cash-flow-statement", "symbol=AAPL&period=quarter&limit=3")).size());
        assertEquals(5, array(call("cash-flow-statement", "symbol=AAPL&period=quarter")).size(), "default limit");
        assertEquals("[]", call("income-statement", "symbol=AAPL&period=quarter&limit=0").body());

        String septemberYear = null;
        String decemberYear = null;
        for (int n = 0; (septemberYear == null || decemberYear == null) && n < 500; n++) {
            String s = "FY" + n;
            int fyEnd = CompanyTraits.of(s).fiscalYearEndMonth();
            if (fyEnd == 9 && septemberYear == null) {
                septemberYear = s;
            } else if (fyEnd == 12 && decemberYear == null) {
                decemberYear = s;
            }
        }
        for (JsonNode q : array(call("income-statement", "symbol=" + septemberYear + "&period=quarter&limit=8"))) {
            LocalDate end = LocalDate.parse(q.get("date").asText());
            int expectedYear = end.getMonthValue() > 9 ? end.getYear() + 1 : end.getYear();
            String expectedPeriod = switch (end.getMonthValue()) {
                case 12 -> "Q1"; case 3 -> "Q2"; case 6 -> "Q3"; default -> "Q4";
            };
            assertEquals(Integer.toString(expectedYear), q.get("fiscalYear").asText());
            assertEquals(expectedPeriod, q.get("period").asText());
        }
        for (JsonNode q : array(call("income-statement", "symbol=" + decemberYear + "&period=quarter&limit=8"))) {
            LocalDate end = LocalDate.parse(q.get("date").asText());
            assertEquals(Integer.toString(end.getYear()), q.get("fiscalYear").asText());
            assertEquals("Q" + end.getMonthValue() / 3, q.get("period").asText());
        }
        JsonNode q2 = array(call("income-statement", "symbol=" + decemberYear + "&period=Q2&limit=10"));
        assertEquals(6, q2.size());
        q2.forEach(q -> assertEquals("Q2", q.get("period").asText()));
    }

    // ---- bulk, determinism -------------------------------------------------------------------

    @Test
    void eodBulkIsCsvMatchingTheDailyBars() throws Exception {
        HttpResponse<String> r = call("eod-bulk", "date=2026-11-23");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = r.body().split("\n");
        assertEquals("\"symbol\",\"date\",\"open\",\"low\",\"high\",\"close\",\"adjClose\",\"volume\"", lines[0]);
        assertEquals(SimulatorConfig.DEFAULT_UNIVERSE.size() + 1, lines.length);
        String aapl = List.of(lines).stream().filter(x -> x.startsWith("\"AAPL\"")).findFirst().orElseThrow();
        String[] cells = aapl.split(",");
        JsonNode bar = array(call("historical-price-eod/full", "symbol=AAPL&from=2026-11-23&to=2026-11-23")).get(0);
        assertEquals(bar.get("open").asDouble(), Double.parseDouble(cells[2]));
        assertEquals(bar.get("low").asDouble(), Double.parseDouble(cells[3]));
        assertEquals(bar.get("high").asDouble(), Double.parseDouble(cells[4]));
        assertEquals(bar.get("close").asDouble(), Double.parseDouble(cells[5]));
        assertEquals(bar.get("volume").asLong(), Long.parseLong(cells[7]));
        assertEquals(1, call("eod-bulk", "date=2026-11-22").body().split("\n").length, "Sunday: header only");
    }

    @Test
    void twoSimulatorsServeIdenticalData() throws Exception {
        try (FmpSimulator a = FmpSimulator.start(); FmpSimulator b = FmpSimulator.start()) {
            for (String path : List.of("profile?symbol=NVDA", "historical-price-eod/full?symbol=NVDA",
                    "income-statement?symbol=NVDA&period=quarter&limit=24",
                    "balance-sheet-statement?symbol=QQQX&period=quarter&limit=24",
                    "cash-flow-statement?symbol=T&period=quarter&limit=24", "batch-quote?symbols=A,B,C",
                    "eod-bulk?date=2026-11-24")) {
                String ra = get(a.baseUrl() + "/" + path + "&apikey=" + a.apiKey()).body();
                String rb = get(b.baseUrl() + "/" + path + "&apikey=" + b.apiKey()).body();
                assertEquals(ra, rb, path);
            }
        }
        assertNotEquals(call("profile", "symbol=AAA").body(), call("profile", "symbol=AAB").body());
    }

    // ---- limits, faults, counters ------------------------------------------------------------

    @Test
    void rateLimitAnswers429WithFmpBodyAndRecoversWhenTheWindowSlides() throws Exception {
        SimulatorConfig cfg = SimulatorConfig.builder().rateLimitPerMinute(5)
                .rateLimitWindow(Duration.ofMillis(700)).build();
        try (FmpSimulator limited = FmpSimulator.start(cfg)) {
            String url = limited.baseUrl() + "/profile?symbol=AAPL&apikey=" + limited.apiKey();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, get(url).statusCode());
            }
            HttpResponse<String> refused = get(url);
            assertEquals(429, refused.statusCode());
            assertEquals("{\"Error Message\":\"Limit Reach . Please upgrade your plan or visit our documentation for "
                    + "more details at https://site.financialmodelingprep.com/\"}", refused.body());
            assertEquals(1, limited.throttledResponses());
            Thread.sleep(800);
            assertEquals(200, get(url).statusCode());
            assertEquals(7, limited.totalRequests());
        }
    }

    @Test
    void countedFaultsHappenExactlyAndThenStop() throws Exception {
        sim.faults().failNext(2, 503);
        assertEquals(503, call("profile", "symbol=AAPL").statusCode());
        assertEquals(503, call("profile", "symbol=AAPL").statusCode());
        assertEquals(200, call("profile", "symbol=AAPL").statusCode());

        sim.faults().burstOf429(3);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = call("batch-quote", "symbols=AAPL");
            assertEquals(429, r.statusCode());
            assertTrue(r.body().contains("Limit Reach"));
        }
        assertEquals(200, call("batch-quote", "symbols=AAPL").statusCode());
        assertEquals(3, sim.throttledResponses());

        // The JDK HttpClient silently retries an idempotent GET once when the connection drops
        // before any response, so it takes two resets to surface; a raw socket sees the first.
        sim.faults().resetNext(1);
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            socket.getOutputStream().write(("GET /stable/profile?symbol=AAPL&apikey=" + sim.apiKey()
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5000);
            assertEquals(-1, socket.getInputStream().read(), "connection closed without a response");
        }
        sim.faults().resetNext(2);
        assertThrows(IOException.class, () -> call("profile", "symbol=AAPL"));
        assertEquals(200, call("profile", "symbol=AAPL").statusCode());
    }

    @Test
    void perSymbolAndPerEndpointFaults() throws Exception {
        sim.faults().malformedJsonFor("MSFT").emptyFor("KO").premiumOnly("eod-bulk");
        HttpResponse<String> broken = call("income-statement", "symbol=MSFT&period=quarter&limit=2");
        assertEquals(200, broken.statusCode());
        assertThrows(JsonProcessingException.class, () -> JSON.readTree(broken.body()));
        assertThrows(JsonProcessingException.class, () -> JSON.readTree(call("batch-quote", "symbols=AAPL,MSFT").body()));
        assertEquals("[]", call("profile", "symbol=KO").body());
        assertEquals(1, array(call("batch-quote", "symbols=AAPL,KO")).size());
        HttpResponse<String> premium = call("eod-bulk", "date=2026-11-24");
        assertEquals(402, premium.statusCode());
        assertTrue(JSON.readTree(premium.body()).get("Error Message").asText().startsWith("Premium Query Parameter"));
        assertEquals(200, call("profile", "symbol=AAPL").statusCode());
    }

    @Test
    void rateBasedFaultsAreDeterministicForASeed() throws Exception {
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (List<Integer> statuses : List.of(first, second)) {
            try (FmpSimulator s = FmpSimulator.start()) {
                s.faults().serverErrorRate(0.3);
                for (int i = 0; i < 40; i++) {
                    statuses.add(get(s.baseUrl() + "/profile?symbol=AAPL&apikey=" + s.apiKey()).statusCode());
                }
            }
        }
        assertEquals(first, second);
        assertTrue(first.stream().anyMatch(c -> c == 200));
        assertTrue(first.stream().anyMatch(c -> c >= 500), first.toString());
        assertTrue(first.stream().allMatch(c -> c == 200 || c == 500 || c == 502 || c == 503));
    }

    @Test
    void timeoutsStallLongerThanTheClientWaits() throws Exception {
        sim.faults().timeoutRate(1.0, Duration.ofSeconds(3));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/profile?symbol=AAPL&apikey="
                + sim.apiKey())).timeout(Duration.ofMillis(300)).build();
        assertThrows(HttpTimeoutException.class, () -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void latencyIsAddedToEveryRequest() throws Exception {
        sim.setLatency(Duration.ofMillis(150));
        long t0 = System.nanoTime();
        call("profile", "symbol=AAPL");
        assertTrue(System.nanoTime() - t0 >= 150_000_000L);
    }

    @Test
    void countersCountPerEndpointAndReset() throws Exception {
        call("profile", "symbol=AAPL");
        call("profile", "symbol=MSFT");
        call("batch-quote", "symbols=AAPL");
        get(sim.baseUrl() + "/profile?symbol=AAPL");
        RequestCounters.Snapshot c = sim.counters();
        assertEquals(4, c.total());
        assertEquals(3, c.requests("profile"));
        assertEquals(1, c.requests("batch-quote"));
        assertEquals(1L, c.byStatus().get(401));
        sim.resetCounters();
        assertEquals(0, sim.totalRequests());
    }

    @Test
    void fiveHundredSymbolsOfFullHistoryServeQuickly() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        long t0 = System.nanoTime();
        try {
            List<Future<Integer>> rows = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String symbol = "P" + i;
                rows.add(pool.submit(() -> array(call("historical-price-eod/full", "symbol=" + symbol)).size()
                        + array(call("income-statement", "symbol=" + symbol + "&period=quarter&limit=24")).size()));
            }
            for (Future<Integer> f : rows) {
                assertTrue(f.get() > 1200);
            }
        } finally {
            pool.shutdown();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("500 symbols x (5y prices + 24 quarters): " + ms + " ms");
        assertTrue(ms < 30_000, ms + " ms");
    }

    @Test
    void typedViewsMatchTheHttpAnswers() throws Exception {
        List<PriceBar> bars = sim.data().priceBars("AAPL", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 31));
        JsonNode http = array(call("historical-price-eod/full", "symbol=AAPL&from=2026-11-01&to=2026-12-31"));
        assertEquals(http.size(), bars.size());
        assertArrayEquals(JSON.writeValueAsBytes(bars), JSON.writeValueAsBytes(http));
        assertEquals(24, sim.data().quarters("AAPL", 100).size());
    }

    // ---- splits ------------------------------------------------------------------------------

    @Test
    void splitsAreListedPerSymbolNewestFirstWithFmpKeys() throws Exception {
        JsonNode nvda = array(call("splits", "symbol=NVDA"));
        JsonNode ko = array(call("splits", "symbol=KO"));

        assertEquals(2, nvda.size());
        assertEquals(List.of("symbol", "date", "numerator", "denominator"), fieldNames(nvda.get(0)));
        assertEquals("NVDA", nvda.get(0).get("symbol").asText());
        assertEquals("2024-06-10", nvda.get(0).get("date").asText());
        assertEquals(10, nvda.get(0).get("numerator").asInt());
        assertEquals(1, nvda.get(0).get("denominator").asInt());
        assertEquals("2021-07-20", nvda.get(1).get("date").asText());
        assertEquals(0, ko.size());
        assertEquals(400, call("splits", "").statusCode());
    }

    @Test
    void splitsCalendarListsEverySymbolInTheRangeWithASplitTypeThatMayBeNull() throws Exception {
        JsonNode summer2022 = array(call("splits-calendar", "from=2022-06-01&to=2022-08-31"));
        JsonNode odd = array(call("splits-calendar", "from=2023-01-01&to=2023-01-31"));

        List<String> symbols = new ArrayList<>();
        summer2022.forEach(row -> symbols.add(row.get("symbol").asText() + " " + row.get("date").asText()));
        assertEquals(List.of("AMZN 2022-06-06", "GOOGL 2022-07-18", "TSLA 2022-08-25"), symbols);
        assertEquals(List.of("symbol", "date", "numerator", "denominator", "splitType"),
                fieldNames(summer2022.get(0)));
        assertEquals(20, summer2022.get(0).get("numerator").asInt());
        assertEquals("forward", summer2022.get(0).get("splitType").asText());
        assertEquals(1, odd.size());
        assertEquals("GE", odd.get(0).get("symbol").asText());
        assertEquals(1239, odd.get(0).get("numerator").asInt());
        assertEquals(1000, odd.get(0).get("denominator").asInt());
        assertTrue(odd.get(0).get("splitType").isNull());
    }

    @Test
    void fullHistoryIsRewrittenOnTheNewBasisOnceTheSimulatedDayPassesASplit() throws Exception {
        long walkShares = l(array(call("income-statement", "symbol=KO&period=quarter&limit=1")).get(0),
                "weightedAverageShsOutDil");
        sim.setSplits(List.of(SplitEvent.of("KO", "2026-11-23", "10", "1")));
        sim.setAsOf(LocalDate.of(2026, 11, 20));
        JsonNode before = array(call("historical-price-eod/full", "symbol=KO&from=2026-11-20&to=2026-11-20")).get(0);
        JsonNode splitsBefore = array(call("splits", "symbol=KO"));

        sim.setAsOf(LocalDate.of(2026, 11, 24));
        JsonNode after = array(call("historical-price-eod/full", "symbol=KO&from=2026-11-20&to=2026-11-20")).get(0);
        JsonNode traded = array(call("historical-price-eod/non-split-adjusted",
                "symbol=KO&from=2026-11-20&to=2026-11-20")).get(0);
        JsonNode splitsAfter = array(call("splits", "symbol=KO"));
        long reportedShares = l(array(call("income-statement", "symbol=KO&period=quarter&limit=1")).get(0),
                "weightedAverageShsOutDil");

        // Friday's close: as traded before the split, a tenth of it on the new basis after.
        assertEquals(before.get("close").asDouble() / 10, after.get("close").asDouble(), 1e-9);
        assertEquals(before.get("volume").asLong(), Math.round(after.get("volume").asLong() / 10.0));
        assertEquals(before.get("close").asDouble(), traded.get("adjClose").asDouble(), 1e-9);
        assertEquals(List.of("symbol", "date", "adjOpen", "adjHigh", "adjLow", "adjClose", "volume"),
                fieldNames(traded));
        assertEquals(0, splitsBefore.size());
        assertEquals("2026-11-23", splitsAfter.get(0).get("date").asText());
        // The quarter ending before the split reports its shares as they were: a tenth of the new count.
        assertEquals(Math.round(walkShares / 10.0), reportedShares);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static long l(JsonNode row, String field) {
        JsonNode v = row.get(field);
        assertTrue(v != null && v.isIntegralNumber(), field + " in " + row);
        return v.asLong();
    }

    private static HttpResponse<String> call(String endpoint, String query) throws IOException, InterruptedException {
        String sep = query.isEmpty() ? "" : "&";
        return get(sim.baseUrl() + "/" + endpoint + "?" + query + sep + "apikey=" + sim.apiKey());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode array(HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        JsonNode node = JSON.readTree(r.body());
        assertTrue(node.isArray(), r.body());
        return node;
    }
}
