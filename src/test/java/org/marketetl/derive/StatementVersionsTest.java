package org.marketetl.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.marketetl.derive.DeriveFixtures.assertRatio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marketetl.derive.DeriveFixtures.Price;
import org.marketetl.derive.DeriveFixtures.Quarter;
import org.marketetl.run.Mode;
import org.marketetl.testing.WarehouseResource;
import org.marketetl.warehouse.Warehouse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Restatements between two runs, on hand figures: the statements keep every version, and TTM,
 * ratios and metrics of a day use the version known that day.
 *
 * <p>RST has CAL's quarters (TtmAndRatiosTest: 2023-03-31 .. 2024-03-31, net income 10 .. 14,
 * revenue 100 .. 140, filed 30 days after their end) and 2024-06-30 (net income 15, filed
 * 2024-07-30); 1,000 diluted shares and a close of 10 every day of 2024, so a market cap of 10,000.
 * Run 1 on 2024-08-01 loads them all. Run 2 on 2024-09-16 finds 2024-03-31 restated in place (net
 * income 14 -> 24, revenue 140 -> 150, the same filing date) and 2023-12-31 restated by an
 * amendment (net income 13 -> 5, filed again on 2024-09-10). Run 3 on 2024-10-01 finds what run 2
 * found: nothing new.
 *
 * <p>The contract for a missing filing date: ONE's 2024-03-31 carries a filing date (2024-05-06) in
 * its cash flow statement only, so it is public from then; NONE's 2024-03-31 carries none in any
 * statement, so it is never used.
 */
@QuarkusTest
@QuarkusTestResource(WarehouseResource.class)
@Tag("warehouse")
class StatementVersionsTest {

    private static final LocalDate RUN_1 = LocalDate.parse("2024-08-01");
    private static final LocalDate RUN_2 = LocalDate.parse("2024-09-16");
    private static final LocalDate RUN_3 = LocalDate.parse("2024-10-01");

    @Inject
    DeriveFixtures fixtures;
    @Inject
    Warehouse warehouse;

    private Map<String, List<String>> afterRun2;
    private List<Long> run3;

    @BeforeEach
    void threeRuns() {
        fixtures.clear();
        List<Price> prices = new ArrayList<>();
        for (LocalDate day = LocalDate.parse("2024-01-01"); day.getYear() == 2024; day = day.plusDays(1)) {
            for (String symbol : List.of("RST", "ONE", "NONE")) {
                prices.add(new Price(symbol, day, BigDecimal.TEN));
            }
        }
        fixtures.loadPrices(prices);
        List<Quarter> quarters = new ArrayList<>(rst(false));
        List<Quarter> one = TtmAndRatiosTest.calendarYear("ONE", thousands());
        quarters.addAll(one.subList(0, 4));
        quarters.add(one.get(4).filed("2024-05-06").unfiledIn("STG_INCOME_STATEMENT", "STG_BALANCE_SHEET"));
        List<Quarter> none = TtmAndRatiosTest.calendarYear("NONE", thousands());
        quarters.addAll(none.subList(0, 4));
        quarters.add(none.get(4).unfiledIn("STG_INCOME_STATEMENT", "STG_BALANCE_SHEET", "STG_CASH_FLOW"));
        fixtures.load(quarters, RUN_1);
        fixtures.derive(Mode.INCREMENTAL);

        fixtures.load(rst(true).subList(2, 6), RUN_2);
        fixtures.derive(Mode.INCREMENTAL);
        afterRun2 = derivedTables();

        fixtures.load(rst(true).subList(2, 6), RUN_3);
        run3 = fixtures.derive(Mode.INCREMENTAL);
    }

    /** RST as FMP serves it before run 2, or from run 2 on ({@code restated}). */
    private static List<Quarter> rst(boolean restated) {
        List<Quarter> quarters = new ArrayList<>(TtmAndRatiosTest.calendarYear("RST", thousands()));
        quarters.add(Quarter.of("RST", "2024-06-30", quarters.get(4).values()).with("NET_INCOME", "15")
                .with("REVENUE", "150"));
        if (restated) {
            quarters.set(3, quarters.get(3).with("NET_INCOME", "5").filed("2024-09-10"));
            quarters.set(4, quarters.get(4).with("NET_INCOME", "24").with("REVENUE", "150"));
        }
        return quarters;
    }

    private static List<Long> thousands() {
        return List.of(1_000L, 1_000L, 1_000L, 1_000L, 1_000L);
    }

    @Test
    void statementVersions_keepTheOriginalAndTheRestatement_withTheRunsThatSawThem() {
        List<String> versions = warehouse.withSession(session -> session.query(
                "SELECT CAST(VERSION AS INTEGER), CAST(SEEN_ON AS VARCHAR), SEEN_BY_RUN, CAST(SUPERSEDED_ON AS VARCHAR), "
                        + "CAST(NET_INCOME AS INTEGER), CAST(FILING_DATE AS VARCHAR) FROM INCOME_STATEMENT_VERSION "
                        + "WHERE SYMBOL = 'RST' AND PERIOD_END = DATE '2024-03-31' ORDER BY VERSION",
                row -> row.getInt(1) + " " + row.getString(2) + " " + row.getString(3) + " " + row.getString(4) + " "
                        + row.getInt(5) + " " + row.getString(6)));

        assertThat(versions).containsExactly(
                "1 2024-08-01 fixture-run-2024-08-01 2024-09-16 14 2024-04-30",
                "2 2024-09-16 fixture-run-2024-09-16 null 24 2024-04-30");
        // The current view has the latest figures only.
        assertThat(count("SELECT COUNT(*) FROM INCOME_STATEMENT WHERE SYMBOL = 'RST' AND PERIOD_END = DATE '2024-03-31' "
                + "AND NET_INCOME = 24")).isEqualTo(1);
        // Its balance sheet and cash flow did not change: one version each.
        assertThat(count("SELECT COUNT(*) FROM BALANCE_SHEET_VERSION WHERE SYMBOL = 'RST' "
                + "AND PERIOD_END = DATE '2024-03-31'")).isEqualTo(1);
        // The amendment changed 2023-12-31's filing date in all three statements.
        assertThat(count("SELECT COUNT(*) FROM CASH_FLOW_VERSION WHERE SYMBOL = 'RST' AND PERIOD_END = DATE '2023-12-31' "
                + "AND VERSION = 2 AND FILING_DATE = DATE '2024-09-10'")).isEqualTo(1);
    }

    @Test
    void aRecheckThatFindsNoChange_writesNothing() {
        assertThat(count("SELECT COUNT(*) FROM INCOME_STATEMENT_VERSION WHERE SYMBOL = 'RST'")).isEqualTo(6 + 2);
        assertThat(count("SELECT COUNT(*) FROM INCOME_STATEMENT_VERSION WHERE SEEN_ON = DATE '2024-10-01' "
                + "OR SUPERSEDED_ON = DATE '2024-10-01'")).isZero();
        assertThat(run3).containsExactly(0L, 0L, 0L);
        assertThat(derivedTables()).isEqualTo(afterRun2);
    }

    @Test
    void ttmVersions_eachKnownFromTheFilingDate_thenFromTheRunThatSawTheRestatement() {
        // 2024-03-31 sums 2023-06-30 .. 2024-03-31: net income 11 + 12 + 13 + 14 = 50 as filed,
        // 11 + 12 + 5 + 24 = 52 once both restatements were seen; revenue 500, then 510.
        assertTtmVersion("2024-03-31", "2024-04-30", "2024-09-16", "50", "500");
        assertTtmVersion("2024-03-31", "2024-09-16", null, "52", "510");
        // The amendment's own filing date (2024-09-10) is when it was filed, not when it was seen.
        Map<String, Object> amended = ttmVersion("2023-12-31", "2024-09-16");
        assertThat(amended.get("FILING_DATE")).isEqualTo("2024-09-10");
        assertThat(amended.get("AVAILABLE_ON")).isEqualTo("2024-01-30");
        assertThat(count("SELECT COUNT(*) FROM FINANCIALS_TTM_VERSION WHERE SYMBOL = 'RST' "
                + "AND PERIOD_END = DATE '2024-03-31'")).isEqualTo(2);
        // The current view: the restated figures, and the amendment's filing date as availability.
        Map<String, Object> current = fixtures.row("FINANCIALS_TTM", "PERIOD_END", "RST", "2024-03-31");
        assertThat(new BigDecimal(current.get("NET_INCOME_TTM").toString())).isEqualByComparingTo("52");
        assertThat(current.get("AVAILABLE_ON")).isEqualTo("2024-09-10");
    }

    @Test
    void ratioVersions_followTheTtmVersions() {
        // ROE of 2024-03-31: net income TTM / average(equity 440 now, 400 a year earlier).
        List<Double> roe = warehouse.withSession(session -> session.query(
                "SELECT ROE FROM FINANCIAL_RATIOS_VERSION WHERE SYMBOL = 'RST' AND PERIOD_END = DATE '2024-03-31' "
                        + "ORDER BY KNOWN_FROM", row -> row.getDouble(1)));
        assertThat(roe).hasSize(2);
        assertThat(roe.get(0)).isCloseTo(50.0 / 420, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(roe.get(1)).isCloseTo(52.0 / 420, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void metricsOfADayBeforeTheRestatement_useTheOriginalFigures_afterIt_theRestated() {
        // 2024-05-15: the latest quarter is 2024-03-31 as filed, net income TTM 50.
        Map<String, Object> may = metric("RST", "2024-05-15");
        assertThat(may.get("FINANCIALS_PERIOD_END")).isEqualTo("2024-03-31");
        assertThat(may.get("FINANCIALS_KNOWN_FROM")).isEqualTo("2024-04-30");
        assertRatio(may, "PE_RATIO", 10_000.0 / 50);
        assertRatio(may, "PS_RATIO", 10_000.0 / 500);
        // 2024-09-13: 2024-06-30 as filed: 12 + 13 + 14 + 15 = 54.
        Map<String, Object> before = metric("RST", "2024-09-13");
        assertThat(before.get("FINANCIALS_PERIOD_END")).isEqualTo("2024-06-30");
        assertThat(before.get("FINANCIALS_KNOWN_FROM")).isEqualTo("2024-07-30");
        assertRatio(before, "PE_RATIO", 10_000.0 / 54);
        // 2024-09-16 on: the restated figures: 12 + 5 + 24 + 15 = 56.
        for (String day : List.of("2024-09-16", "2024-12-31")) {
            Map<String, Object> after = metric("RST", day);
            assertThat(after.get("FINANCIALS_KNOWN_FROM")).as(day).isEqualTo("2024-09-16");
            assertRatio(after, "PE_RATIO", 10_000.0 / 56);
        }
    }

    @Test
    void aQuarterFiledInOneStatementOnly_isPublicFromThatFilingDate() {
        Map<String, Object> dayBefore = metric("ONE", "2024-05-05");
        assertThat(dayBefore.get("FINANCIALS_PERIOD_END")).isEqualTo("2023-12-31");
        assertRatio(dayBefore, "PE_RATIO", 10_000.0 / 46);
        Map<String, Object> filed = metric("ONE", "2024-05-06");
        assertThat(filed.get("FINANCIALS_PERIOD_END")).isEqualTo("2024-03-31");
        assertRatio(filed, "PE_RATIO", 10_000.0 / 50);
        assertThat(fixtures.row("FINANCIALS_TTM", "PERIOD_END", "ONE", "2024-03-31").get("FILING_DATE"))
                .isEqualTo("2024-05-06");
    }

    @Test
    void aQuarterWithoutAnyFilingDate_isNeverUsed() {
        Map<String, Object> current = fixtures.row("FINANCIALS_TTM", "PERIOD_END", "NONE", "2024-03-31");
        assertThat(current.get("FILING_DATE")).isNull();
        assertThat(current.get("AVAILABLE_ON")).isNull();
        assertThat(count("SELECT COUNT(*) FROM FINANCIALS_TTM_VERSION WHERE SYMBOL = 'NONE' "
                + "AND PERIOD_END = DATE '2024-03-31'")).isZero();
        Map<String, Object> endOfYear = metric("NONE", "2024-12-31");
        assertThat(endOfYear.get("FINANCIALS_PERIOD_END")).isEqualTo("2023-12-31");
        assertRatio(endOfYear, "PE_RATIO", 10_000.0 / 46);
    }

    @Test
    void threeIncrementalRuns_giveTheTablesOfAFullRefresh() {
        Map<String, List<String>> incremental = derivedTables();

        warehouse.withSession(session -> {
            for (String table : DeriveFixtures.CLEARED_FOR_A_FULL_REFRESH) {
                session.update("DELETE FROM " + table);
            }
            return null;
        });
        fixtures.derive(Mode.FULL_REFRESH);

        assertThat(derivedTables()).isEqualTo(incremental);
    }

    private void assertTtmVersion(String periodEnd, String knownFrom, String knownUntil, String netIncome,
            String revenue) {
        Map<String, Object> row = ttmVersion(periodEnd, knownFrom);
        assertThat(row.get("KNOWN_UNTIL")).as(knownFrom).isEqualTo(knownUntil);
        assertThat(row.get("AVAILABLE_ON")).as(knownFrom).isEqualTo("2024-04-30");
        assertThat(new BigDecimal(row.get("NET_INCOME_TTM").toString())).as(knownFrom).isEqualByComparingTo(netIncome);
        assertThat(new BigDecimal(row.get("REVENUE_TTM").toString())).as(knownFrom).isEqualByComparingTo(revenue);
    }

    private Map<String, Object> ttmVersion(String periodEnd, String knownFrom) {
        List<Map<String, Object>> rows = fixtures.rows("FINANCIALS_TTM_VERSION",
                "SYMBOL = 'RST' AND PERIOD_END = DATE '" + periodEnd + "' AND KNOWN_FROM = DATE '" + knownFrom + "'");
        assertThat(rows).as("%s known from %s", periodEnd, knownFrom).hasSize(1);
        return rows.get(0);
    }

    private Map<String, Object> metric(String symbol, String day) {
        return fixtures.row("MARKET_METRICS", "PRICE_DATE", symbol, day);
    }

    private long count(String sql) {
        return warehouse.withSession(session -> session.query(sql, row -> row.getLong(1))).get(0);
    }

    private Map<String, List<String>> derivedTables() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : DeriveFixtures.DERIVED) {
            tables.put(table, fixtures.contents(table));
        }
        return tables;
    }
}
