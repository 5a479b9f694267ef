package org.marketetl.load;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.MarketDataConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.BalanceSheet;
import org.marketetl.marketdata.CashFlowStatement;
import org.marketetl.marketdata.IncomeStatement;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.run.Mode;
import org.marketetl.run.RunContext;
import org.marketetl.report.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.StagedTable;
import org.marketetl.warehouse.Warehouse;
import org.marketetl.warehouse.WarehouseSession;

import io.smallrye.mutiny.Uni;

/**
 * Quarterly statements: income, balance sheet and cash flow per symbol (three FMP calls) -> their
 * staging tables -> one MERGE each, in one transaction, so the three tables always hold the same
 * quarters of a symbol. A symbol whose three answers do not all arrive loads none of them.
 *
 * <p>The statement tables are the current view (restated figures replace the old ones); beside
 * each, its {@code _VERSION} table keeps every version as loaded, with the run that first saw it
 * and the run that saw it change (one more MERGE per table, {@code *-versions.sql}). A recheck that
 * finds nothing new writes nothing to either.
 *
 * <p>For many symbols the three statements come in bulk instead, by fiscal period, when that costs
 * less ({@link StatementBulk}); either way a load keeps the quarters that ended on or after the same
 * cutoff ({@link StatementPeriods}), so both ways load the same rows.
 */
@ApplicationScoped
public class FinancialEtl implements StepTask {

    private static final List<String> HEADER = List.of("SYMBOL", "PERIOD_END", "FILING_DATE", "ACCEPTED_DATE",
            "FISCAL_YEAR", "PERIOD", "REPORTED_CURRENCY");

    private static final String INCOME_VERSIONS = SqlResource.load(FinancialEtl.class, "income-versions.sql");
    private static final String BALANCE_VERSIONS = SqlResource.load(FinancialEtl.class, "balance-versions.sql");
    private static final String CASH_FLOW_VERSIONS = SqlResource.load(FinancialEtl.class, "cashflow-versions.sql");

    static final StagedTable INCOME = new StagedTable("STG_INCOME_STATEMENT", columns("REVENUE", "COST_OF_REVENUE",
            "GROSS_PROFIT", "OPERATING_EXPENSES", "OPERATING_INCOME", "INTEREST_EXPENSE",
            "DEPRECIATION_AND_AMORTIZATION", "EBITDA", "INCOME_BEFORE_TAX", "INCOME_TAX_EXPENSE", "NET_INCOME", "EPS",
            "EPS_DILUTED", "WEIGHTED_AVERAGE_SHS_OUT", "WEIGHTED_AVERAGE_SHS_OUT_DIL"),
            SqlResource.load(FinancialEtl.class, "income-merge.sql"));
    static final StagedTable BALANCE = new StagedTable("STG_BALANCE_SHEET", columns("CASH_AND_CASH_EQUIVALENTS",
            "TOTAL_CURRENT_ASSETS", "TOTAL_ASSETS", "TOTAL_CURRENT_LIABILITIES", "TOTAL_LIABILITIES", "TOTAL_EQUITY",
            "TOTAL_DEBT", "NET_DEBT"), SqlResource.load(FinancialEtl.class, "balance-merge.sql"));
    static final StagedTable CASH_FLOW = new StagedTable("STG_CASH_FLOW", columns("NET_INCOME",
            "DEPRECIATION_AND_AMORTIZATION", "OPERATING_CASH_FLOW", "CAPITAL_EXPENDITURE", "FREE_CASH_FLOW",
            "DIVIDENDS_PAID"), SqlResource.load(FinancialEtl.class, "cashflow-merge.sql"));

    /** Quarters an incremental run re-reads for a symbol already loaded: a new filing or a restatement. */
    static final int RECENT_QUARTERS = 4;
    /** Days after a quarter's end before the first companies file it (most file within 40-45 days). */
    static final int FILING_WINDOW_OPENS_DAYS = 14;

    private final MarketDataClient client;
    private final SymbolExtraction extraction;
    private final Warehouse warehouse;
    private final MarketDataConfig config;
    private final FetchLog fetchLog;
    private final StatementBulk bulk;

    public FinancialEtl(MarketDataClient client, SymbolExtraction extraction, Warehouse warehouse,
            MarketDataConfig config, FetchLog fetchLog, StatementBulk bulk) {
        this.fetchLog = fetchLog;
        this.bulk = bulk;
        this.client = client;
        this.extraction = extraction;
        this.warehouse = warehouse;
        this.config = config;
    }

    @Override
    public Step step() {
        return Step.FINANCIAL;
    }

    @Override
    public StepOutcome run(RunContext context, ApiCallCounter calls) {
        Instant now = Instant.now();
        Map<String, Integer> due = quartersDue(context, now);
        Map<String, LocalDate> cutoffs = StatementBulk.cutoffs(context.asOf(), due);
        Strategy strategy = bulk.choose(context, due);
        return warehouse.inTransaction(session -> {
            try (StagedTable.Load income = INCOME.open(session);
                    StagedTable.Load balance = BALANCE.open(session);
                    StagedTable.Load cashFlow = CASH_FLOW.open(session)) {
                StatementBulk.Loaded inBulk = strategy.bulk()
                        ? bulk.load(context, due, strategy, calls, income, balance, cashFlow)
                        : new StatementBulk.Loaded(BulkLoad.perSymbol(List.copyOf(due.keySet()), strategy.reason()),
                                new StatementBulk.StagedKeys());
                List<String> symbols = inBulk.bulk().perSymbol();
                SymbolExtraction.Result result = extraction.extract(symbols, context.deadline(),
                        symbol -> fetch(symbol, due.get(symbol), calls).map(s -> s.from(cutoffs.get(symbol))),
                        Statements::rowCount, chunk -> {
                            income.stage(inBulk.staged().fresh(0, rowsOf(chunk, Statements::income)));
                            balance.stage(inBulk.staged().fresh(1, rowsOf(chunk, Statements::balance)));
                            cashFlow.stage(inBulk.staged().fresh(2, rowsOf(chunk, Statements::cashFlow)));
                        });
                long merged = mergeKeepingVersions(session, income, INCOME_VERSIONS, context)
                        + mergeKeepingVersions(session, balance, BALANCE_VERSIONS, context)
                        + mergeKeepingVersions(session, cashFlow, CASH_FLOW_VERSIONS, context);
                List<String> fetched = inBulk.bulk().fetched(result);
                fetchLog.record(session, FetchLog.STATEMENTS, fetched, now);
                fetchLog.recordFinal(session, step(), fetched, context, now);
                return inBulk.bulk().outcome(context.request().symbols().size(), result, merged);
            }
        });
    }

    /**
     * Merges a statement table (its current view) and records what changed as new versions, seen by
     * this run on its business date; answers the current-view rows inserted or changed.
     */
    private static long mergeKeepingVersions(WarehouseSession session, StagedTable.Load load, String versions,
            RunContext context) throws SQLException {
        if (!load.load()) {
            return 0;
        }
        long merged = load.merge();
        session.update(versions, context.asOf(), context.request().runId());
        return merged;
    }

    /**
     * The symbols to ask for statements, with how many quarters: the full history for a symbol
     * never loaded (and for every symbol outside incremental runs); a few recent quarters for a
     * symbol whose next quarter can have been filed and that was not asked within
     * {@code statement-recheck}; nobody else.
     */
    private Map<String, Integer> quartersDue(RunContext context, Instant now) {
        Map<String, Integer> due = new LinkedHashMap<>();
        if (context.request().mode() != Mode.INCREMENTAL) {
            context.request().symbols().forEach(symbol -> due.put(symbol, config.statementQuarters()));
            return due;
        }
        Map<String, LocalDate> latest = new HashMap<>();
        warehouse.withSession(session -> session.query(SqlResource.load(FinancialEtl.class, "statement-counts.sql"),
                row -> Map.entry(row.getString(1), row.getDate(3).toLocalDate())))
                .forEach(entry -> latest.put(entry.getKey(), entry.getValue()));
        Map<String, Instant> asked = fetchLog.lastFetched(FetchLog.STATEMENTS);
        Instant recheckBefore = now.minus(config.statementRecheck());
        for (String symbol : context.request().symbols()) {
            LocalDate latestQuarter = latest.get(symbol);
            if (latestQuarter == null) {
                due.put(symbol, config.statementQuarters());
            } else if (nextQuarterCanBeFiled(latestQuarter, context.asOf())
                    && (!asked.containsKey(symbol) || asked.get(symbol).isBefore(recheckBefore))) {
                due.put(symbol, RECENT_QUARTERS);
            }
        }
        return due;
    }

    /** The quarter after {@code latestQuarter} has ended and its earliest filings are out. */
    static boolean nextQuarterCanBeFiled(LocalDate latestQuarter, LocalDate asOf) {
        LocalDate nextQuarterEnd = YearMonth.from(latestQuarter).plusMonths(3).atEndOfMonth();
        return !asOf.isBefore(nextQuarterEnd.plusDays(FILING_WINDOW_OPENS_DAYS));
    }

    private Uni<Statements> fetch(String symbol, int quarters, ApiCallCounter calls) {
        return Uni.combine().all()
                .unis(client.incomeStatements(symbol, quarters, calls), client.balanceSheets(symbol, quarters, calls),
                        client.cashFlowStatements(symbol, quarters, calls))
                .with((income, balance, cashFlow) -> new Statements(incomeRows(symbol, income),
                        balanceRows(symbol, balance), cashFlowRows(symbol, cashFlow)));
    }

    static List<Object[]> incomeRows(String symbol, List<IncomeStatement> quarters) {
        return byQuarter(symbol, quarters, IncomeStatement::date, IncomeStatement::symbol, q -> header(symbol,
                q.date(), q.filingDate(), q.acceptedDate(), q.fiscalYear(), q.period(), q.reportedCurrency(), q.revenue(),
                q.costOfRevenue(), q.grossProfit(), q.operatingExpenses(), q.operatingIncome(), q.interestExpense(),
                q.depreciationAndAmortization(), q.ebitda(), q.incomeBeforeTax(), q.incomeTaxExpense(), q.netIncome(),
                q.eps(), q.epsDiluted(), q.weightedAverageShsOut(), q.weightedAverageShsOutDil()));
    }

    static List<Object[]> balanceRows(String symbol, List<BalanceSheet> quarters) {
        return byQuarter(symbol, quarters, BalanceSheet::date, BalanceSheet::symbol, q -> header(symbol, q.date(),
                q.filingDate(), q.acceptedDate(), q.fiscalYear(), q.period(), q.reportedCurrency(), q.cashAndCashEquivalents(),
                q.totalCurrentAssets(), q.totalAssets(), q.totalCurrentLiabilities(), q.totalLiabilities(),
                q.totalStockholdersEquity(), q.totalDebt(), q.netDebt()));
    }

    static List<Object[]> cashFlowRows(String symbol, List<CashFlowStatement> quarters) {
        return byQuarter(symbol, quarters, CashFlowStatement::date, CashFlowStatement::symbol, q -> header(symbol,
                q.date(), q.filingDate(), q.acceptedDate(), q.fiscalYear(), q.period(), q.reportedCurrency(),
                q.netIncome(),
                q.depreciationAndAmortization(), q.operatingCashFlow(), q.capitalExpenditure(), q.freeCashFlow(),
                q.commonDividendsPaid()));
    }

    /** One row per period end (a repeated quarter is kept once), each checked for its key fields. */
    private static <T> List<Object[]> byQuarter(String symbol, List<T> quarters, Function<T, LocalDate> periodEnd,
            Function<T, String> answeredSymbol, Function<T, Object[]> row) {
        Map<LocalDate, Object[]> rows = new LinkedHashMap<>();
        for (T quarter : quarters) {
            Rows.sameSymbol(symbol, answeredSymbol.apply(quarter));
            rows.put(Rows.required(periodEnd.apply(quarter), "period end date"), row.apply(quarter));
        }
        return new ArrayList<>(rows.values());
    }

    private static Object[] header(String symbol, LocalDate periodEnd, LocalDate filingDate, String acceptedDate,
            String fiscalYear, String period, String currency, Object... figures) {
        Object[] row = new Object[HEADER.size() + figures.length];
        row[0] = symbol;
        row[1] = periodEnd;
        row[2] = filingDate;
        row[3] = Rows.optionalTimestamp(acceptedDate);
        row[4] = Rows.fiscalYear(fiscalYear);
        row[5] = period;
        row[6] = currency;
        System.arraycopy(figures, 0, row, HEADER.size(), figures.length);
        return row;
    }

    private static List<Object[]> rowsOf(List<Statements> chunk, Function<Statements, List<Object[]>> table) {
        return chunk.stream().flatMap(statements -> table.apply(statements).stream()).toList();
    }

    private static List<String> columns(String... figures) {
        List<String> columns = new ArrayList<>(HEADER);
        columns.addAll(List.of(figures));
        return columns;
    }

    /** One symbol's three statements as staging rows. */
    record Statements(List<Object[]> income, List<Object[]> balance, List<Object[]> cashFlow) {

        int rowCount() {
            return income.size() + balance.size() + cashFlow.size();
        }

        /** The quarters that ended on or after {@code cutoff}: what a load keeps ({@link StatementPeriods}). */
        Statements from(LocalDate cutoff) {
            return new Statements(from(income, cutoff), from(balance, cutoff), from(cashFlow, cutoff));
        }

        private static List<Object[]> from(List<Object[]> rows, LocalDate cutoff) {
            return rows.stream().filter(row -> !((LocalDate) row[1]).isBefore(cutoff)).toList();
        }
    }
}
