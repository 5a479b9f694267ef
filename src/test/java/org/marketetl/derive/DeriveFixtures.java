package org.marketetl.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSetMetaData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.run.Deadline;
import org.marketetl.run.Mode;
import org.marketetl.run.RunContext;
import org.marketetl.run.RunRequest;
import org.marketetl.report.Step;
import org.marketetl.run.Trigger;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;

/**
 * Hand-built raw data for the derive tests, loaded the way the ETLs load it: rows staged, then the
 * product's own MERGE into the raw table (which stamps LOADED_AT). Runs the three derive steps and
 * reads derived rows back. A bean, so each test injects it with the steps it drives.
 */
@ApplicationScoped
class DeriveFixtures {

    static final List<String> TABLES = List.of("INCOME_STATEMENT", "BALANCE_SHEET", "CASH_FLOW",
            "INCOME_STATEMENT_VERSION", "BALANCE_SHEET_VERSION", "CASH_FLOW_VERSION", "DAILY_PRICE", "SPLIT",
            "DIVIDEND", "FINANCIALS_TTM", "FINANCIAL_RATIOS", "FINANCIALS_TTM_VERSION", "FINANCIAL_RATIOS_VERSION",
            "MARKET_METRICS", "DERIVE_WATERMARK");
    static final List<String> DERIVED = List.of("FINANCIALS_TTM", "FINANCIAL_RATIOS", "FINANCIALS_TTM_VERSION",
            "FINANCIAL_RATIOS_VERSION", "MARKET_METRICS");
    /** What a test empties to rebuild the derived tables from scratch. */
    static final List<String> CLEARED_FOR_A_FULL_REFRESH = List.of("FINANCIALS_TTM", "FINANCIAL_RATIOS",
            "FINANCIALS_TTM_VERSION", "FINANCIAL_RATIOS_VERSION", "MARKET_METRICS", "DERIVE_WATERMARK");
    /** The business date of the runs these fixtures stand for, unless a test names another. */
    static final LocalDate RUN_DATE = LocalDate.parse("2026-11-24");

    private static final List<String> KEY = List.of("SYMBOL", "PERIOD_END", "FILING_DATE");
    private static final List<String> INCOME = List.of("REVENUE", "GROSS_PROFIT", "OPERATING_INCOME", "NET_INCOME",
            "EBITDA", "EPS", "EPS_DILUTED", "INTEREST_EXPENSE", "DEPRECIATION_AND_AMORTIZATION",
            "WEIGHTED_AVERAGE_SHS_OUT_DIL");
    private static final List<String> BALANCE = List.of("TOTAL_ASSETS", "TOTAL_EQUITY", "TOTAL_DEBT",
            "CASH_AND_CASH_EQUIVALENTS", "TOTAL_CURRENT_ASSETS", "TOTAL_CURRENT_LIABILITIES");
    private static final List<String> CASH_FLOW = List.of("OPERATING_CASH_FLOW", "CAPITAL_EXPENDITURE",
            "FREE_CASH_FLOW");
    private static final List<String> PRICE = List.of("SYMBOL", "PRICE_DATE", "HIGH", "LOW", "CLOSE");

    private final Warehouse warehouse;
    private final TtmStep ttm;
    private final RatiosStep ratios;
    private final MetricsStep metrics;

    DeriveFixtures(Warehouse warehouse, TtmStep ttm, RatiosStep ratios, MetricsStep metrics) {
        this.warehouse = warehouse;
        this.ttm = ttm;
        this.ratios = ratios;
        this.metrics = metrics;
    }

    /** One fiscal quarter of the three statements; values by column name, numbers as text. */
    record Quarter(String symbol, LocalDate periodEnd, LocalDate filingDate, Map<String, String> values,
            Set<String> unfiledIn) {

        Quarter {
            values = Map.copyOf(values);
            unfiledIn = Set.copyOf(unfiledIn);
        }

        Quarter(String symbol, LocalDate periodEnd, LocalDate filingDate, Map<String, String> values) {
            this(symbol, periodEnd, filingDate, values, Set.of());
        }

        /** A quarter filed 30 days after it ended, every item set to {@code base}'s values. */
        static Quarter of(String symbol, String periodEnd, Map<String, String> base) {
            LocalDate end = LocalDate.parse(periodEnd);
            return new Quarter(symbol, end, end.plusDays(30), base);
        }

        Quarter with(String column, String value) {
            Map<String, String> copy = new LinkedHashMap<>(values);
            copy.put(column, value);
            return new Quarter(symbol, periodEnd, filingDate, copy, unfiledIn);
        }

        Quarter filed(String date) {
            return new Quarter(symbol, periodEnd, LocalDate.parse(date), values, unfiledIn);
        }

        Quarter without(String column) {
            Map<String, String> copy = new LinkedHashMap<>(values);
            copy.remove(column);
            return new Quarter(symbol, periodEnd, filingDate, copy, unfiledIn);
        }

        /** The same quarter with no filing date in these staging tables' statements (STG_INCOME_STATEMENT...). */
        Quarter unfiledIn(String... stagingTables) {
            return new Quarter(symbol, periodEnd, filingDate, values, Set.of(stagingTables));
        }

        private Object[] row(String stagingTable, List<String> columns) {
            List<Object> row = new ArrayList<>();
            row.add(symbol);
            row.add(periodEnd);
            row.add(unfiledIn.contains(stagingTable) ? null : filingDate);
            for (String column : columns) {
                String value = values.get(column);
                row.add(value == null ? null : new BigDecimal(value));
            }
            return row.toArray();
        }
    }

    /** One trading day: HIGH and LOW one above and below the close. */
    record Price(String symbol, LocalDate date, BigDecimal close) {

        static Price of(String symbol, String date, String close) {
            return new Price(symbol, LocalDate.parse(date), new BigDecimal(close));
        }

        private Object[] row() {
            return new Object[] { symbol, date, close.add(BigDecimal.ONE), close.subtract(BigDecimal.ONE), close };
        }
    }

    /** A stock split: {@code numerator} new shares for {@code denominator} old ones from {@code date}. */
    record Split(String symbol, LocalDate date, BigDecimal numerator, BigDecimal denominator) {

        static Split of(String symbol, String date, String numerator, String denominator) {
            return new Split(symbol, LocalDate.parse(date), new BigDecimal(numerator), new BigDecimal(denominator));
        }

        private Object[] row() {
            return new Object[] { symbol, date, numerator, denominator };
        }
    }

    /** Empties every table the derive steps read or write. */
    void clear() {
        warehouse.withSession(session -> {
            for (String table : TABLES) {
                session.update("DELETE FROM " + table);
            }
            return null;
        });
    }

    /**
     * Loads (inserts, or restates) quarters through the financial ETL's MERGE statements, as a run
     * on {@link #RUN_DATE} does: the current view and the statement versions.
     */
    void load(List<Quarter> quarters) {
        load(quarters, RUN_DATE);
    }

    /** As {@link #load(List)}, by a run on {@code runDate}: a changed quarter is a version seen that day. */
    void load(List<Quarter> quarters, LocalDate runDate) {
        String runId = "fixture-run-" + runDate;
        warehouse.inTransaction(session -> {
            stageAndMerge(session, "STG_INCOME_STATEMENT", INCOME, quarters, "income", runDate, runId);
            stageAndMerge(session, "STG_BALANCE_SHEET", BALANCE, quarters, "balance", runDate, runId);
            stageAndMerge(session, "STG_CASH_FLOW", CASH_FLOW, quarters, "cashflow", runDate, runId);
            return null;
        });
    }

    private static void stageAndMerge(org.marketetl.warehouse.WarehouseSession session, String stage,
            List<String> columns, List<Quarter> quarters, String statement, LocalDate runDate, String runId)
            throws java.sql.SQLException {
        List<String> staged = new ArrayList<>(KEY);
        staged.addAll(columns);
        List<Object[]> rows = quarters.stream().map(q -> q.row(stage, columns)).toList();
        session.update("DELETE FROM " + stage);
        session.insertBatches(stage, staged, rows);
        session.update(SqlResource.loadPath("org/marketetl/load/" + statement + "-merge.sql"));
        session.update(SqlResource.loadPath("org/marketetl/load/" + statement + "-versions.sql"), runDate, runId);
    }

    /** Loads (inserts, or corrects) prices through the price ETL's MERGE. */
    void loadPrices(List<Price> prices) {
        warehouse.inTransaction(session -> {
            session.update("DELETE FROM STG_DAILY_PRICE");
            session.insertBatches("STG_DAILY_PRICE", PRICE, prices.stream().map(Price::row).toList());
            session.update(SqlResource.loadPath("org/marketetl/load/price-merge.sql"));
            return null;
        });
    }

    /** Loads splits through the price ETL's split MERGE. */
    void loadSplits(List<Split> splits) {
        warehouse.inTransaction(session -> {
            session.update("DELETE FROM STG_SPLIT");
            session.insertBatches("STG_SPLIT", List.of("SYMBOL", "SPLIT_DATE", "NUMERATOR", "DENOMINATOR"),
                    splits.stream().map(Split::row).toList());
            session.update(SqlResource.loadPath("org/marketetl/load/split-merge.sql"));
            return null;
        });
    }

    /** A dividend: {@code amount} per share as declared, going ex on {@code exDate}. */
    record Dividend(String symbol, LocalDate exDate, BigDecimal amount) {

        static Dividend of(String symbol, String exDate, String amount) {
            return new Dividend(symbol, LocalDate.parse(exDate), new BigDecimal(amount));
        }

        private Object[] row() {
            return new Object[] { symbol, exDate, amount };
        }
    }

    /** Loads (inserts, or corrects) dividends through the price ETL's dividend MERGE. */
    void loadDividends(List<Dividend> dividends) {
        warehouse.inTransaction(session -> {
            session.update("DELETE FROM STG_DIVIDEND");
            session.insertBatches("STG_DIVIDEND", List.of("SYMBOL", "EX_DATE", "DIVIDEND"),
                    dividends.stream().map(Dividend::row).toList());
            session.update(SqlResource.loadPath("org/marketetl/load/dividend-merge.sql"));
            return null;
        });
    }

    /** Runs the three dependent steps in order, as the pipeline does; answers rows changed per step. */
    List<Long> derive(Mode mode) {
        RunRequest request = new RunRequest("derive-test", Trigger.DIRECT, mode, List.of("TEST"), Optional.empty(),
                Set.of(Step.TTM, Step.RATIOS, Step.METRICS), false);
        RunContext context = new RunContext(request, LocalDate.parse("2026-11-24"), Deadline.none());
        ApiCallCounter none = new ApiCallCounter();
        return List.of(ttm.run(context, none).rowsLoaded(), ratios.run(context, none).rowsLoaded(),
                metrics.run(context, none).rowsLoaded());
    }

    /** One derived row by its key, column name to value; empty when there is none. */
    Map<String, Object> row(String table, String dateColumn, String symbol, String date) {
        List<Map<String, Object>> rows = rows(table, "SYMBOL = ? AND " + dateColumn + " = ?", symbol,
                LocalDate.parse(date));
        assertThat(rows).as("%s row for %s on %s", table, symbol, date).hasSize(1);
        return rows.get(0);
    }

    /** The rows of {@code table} that match {@code where}, column name to value (dates as text). */
    List<Map<String, Object>> rows(String table, String where, Object... params) {
        return warehouse.withSession(session -> session.query("SELECT * FROM " + table + " WHERE " + where, r -> {
            ResultSetMetaData meta = r.getMetaData();
            Map<String, Object> values = new TreeMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = r.getObject(i);
                values.put(meta.getColumnName(i).toUpperCase(java.util.Locale.ROOT),
                        value instanceof java.sql.Date || value instanceof LocalDate ? value.toString() : value);
            }
            return values;
        }, params));
    }

    /** Every row of a derived table but its COMPUTED_AT, as sorted text: equal tables, equal lists. */
    List<String> contents(String table) {
        List<String> rows = new ArrayList<>(warehouse.withSession(session -> session.query(
                "SELECT * FROM " + table, r -> {
                    ResultSetMetaData meta = r.getMetaData();
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        if (!meta.getColumnName(i).equalsIgnoreCase("COMPUTED_AT")) {
                            Object value = r.getObject(i);
                            row.append(meta.getColumnName(i)).append('=')
                                    .append(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                                            : String.valueOf(value))
                                    .append(' ');
                        }
                    }
                    return row.toString();
                })));
        rows.sort(null);
        return rows;
    }

    /** A money amount, to the cent. */
    static void assertMoney(Map<String, Object> row, String column, String expected) {
        assertThat(row.get(column)).as(column).isNotNull();
        BigDecimal actual = new BigDecimal(row.get(column).toString()).setScale(2, RoundingMode.HALF_UP);
        assertThat(actual).as(column).isEqualByComparingTo(new BigDecimal(expected).setScale(2, RoundingMode.HALF_UP));
    }

    /** A ratio, to nine decimal places. */
    static void assertRatio(Map<String, Object> row, String column, double expected) {
        assertThat(row.get(column)).as(column).isNotNull();
        assertThat(((Number) row.get(column)).doubleValue()).as(column).isCloseTo(expected, within(1e-9));
    }

    static void assertNull(Map<String, Object> row, String... columns) {
        for (String column : columns) {
            assertThat(row.get(column)).as(column).isNull();
        }
    }
}
