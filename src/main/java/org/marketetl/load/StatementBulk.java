package org.marketetl.load;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.MarketDataConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.BalanceSheet;
import org.marketetl.marketdata.BulkCsvClient;
import org.marketetl.marketdata.BulkRequest;
import org.marketetl.marketdata.CashFlowStatement;
import org.marketetl.marketdata.CsvRows;
import org.marketetl.marketdata.IncomeStatement;
import org.marketetl.report.SymbolFailure;
import org.marketetl.run.RunContext;
import org.marketetl.warehouse.StagedTable;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Quarterly statements in bulk: {@code income-statement-bulk}, {@code balance-sheet-statement-bulk}
 * and {@code cash-flow-statement-bulk} by fiscal year and quarter ({@link StatementPeriods}), each a
 * CSV of every company filing that quarter, with the JSON statements' keys as columns. A period is
 * one unit: its three files are read whole, kept to the run's symbols and to the quarters each
 * symbol's load keeps, and only then staged, into the same staging tables and MERGEs as the
 * per-symbol statements (each row is the DTO the JSON would have given, made into the same staging
 * row). A quarter is staged once even if two files list it.
 */
@ApplicationScoped
class StatementBulk {

    static final List<String> ENDPOINTS = List.of("income-statement-bulk", "balance-sheet-statement-bulk",
            "cash-flow-statement-bulk");

    private static final Table<IncomeStatement> INCOME = new Table<>(ENDPOINTS.get(0), IncomeStatement.class,
            IncomeStatement::date, FinancialEtl::incomeRows);
    private static final Table<BalanceSheet> BALANCE = new Table<>(ENDPOINTS.get(1), BalanceSheet.class,
            BalanceSheet::date, FinancialEtl::balanceRows);
    private static final Table<CashFlowStatement> CASH_FLOW = new Table<>(ENDPOINTS.get(2), CashFlowStatement.class,
            CashFlowStatement::date, FinancialEtl::cashFlowRows);

    private final BulkCsvClient client;
    private final BulkAccess access;
    private final MarketDataConfig config;

    StatementBulk(BulkCsvClient client, BulkAccess access, MarketDataConfig config) {
        this.client = client;
        this.access = access;
        this.config = config;
    }

    /** The first period end each due symbol's load keeps ({@code due}: symbol -> quarters). */
    static Map<String, LocalDate> cutoffs(LocalDate asOf, Map<String, Integer> due) {
        Map<String, LocalDate> cutoffs = new HashMap<>();
        due.forEach((symbol, quarters) -> cutoffs.put(symbol, StatementPeriods.cutoff(asOf, quarters)));
        return cutoffs;
    }

    /** Per symbol, or in bulk: whichever costs less, if the plan has the bulk endpoints. */
    Strategy choose(RunContext context, Map<String, Integer> due) {
        if (!context.bulkUnitsLeft().isEmpty()) {
            return new Strategy(true, "going on with the " + context.bulkUnitsLeft().size()
                    + " statement periods an earlier invocation of the run left");
        }
        if (due.isEmpty()) {
            return Strategy.perSymbol("no statements due");
        }
        for (String endpoint : ENDPOINTS) {
            Optional<String> unavailable = access.unavailable(endpoint);
            if (unavailable.isPresent()) {
                return Strategy.perSymbol(unavailable.get());
            }
        }
        long quarters = due.values().stream().mapToLong(Integer::longValue).sum();
        return byCost(due.size(), quarters, units(context, due).size(), config.bulk().bytesPerCall());
    }

    /**
     * The statements of {@code symbols} ({@code quarters} in all) per symbol, or {@code units} fiscal
     * periods in bulk (three files each): the cheaper.
     */
    static Strategy byCost(long symbols, long quarters, long units, long bytesPerCall) {
        FetchCost perSymbol = new FetchCost(3 * symbols, 3 * quarters * MarketSize.STATEMENT_JSON_BYTES);
        FetchCost bulk = new FetchCost(3 * units,
                3 * units * MarketSize.STATEMENT_BULK_ROWS * MarketSize.STATEMENT_CSV_ROW_BYTES);
        return Strategy.cheaper("3 statements per symbol", perSymbol, units + " statement periods in bulk", bulk,
                bytesPerCall);
    }

    /** The periods to load: those an earlier invocation left, or all that the due quarters need. */
    private List<String> units(RunContext context, Map<String, Integer> due) {
        if (!context.bulkUnitsLeft().isEmpty()) {
            return context.bulkUnitsLeft();
        }
        LocalDate earliest = cutoffs(context.asOf(), due).values().stream().min(LocalDate::compareTo)
                .orElse(context.asOf());
        LocalDate served = context.asOf().minusYears(config.plan().historyYears());
        return StatementPeriods.units(earliest.isBefore(served) ? served : earliest, context.asOf());
    }

    /** Loads the due statements in bulk into the three staging tables. */
    Loaded load(RunContext context, Map<String, Integer> due, Strategy strategy, ApiCallCounter calls,
            StagedTable.Load income, StagedTable.Load balance, StagedTable.Load cashFlow) throws java.sql.SQLException {
        Map<String, LocalDate> cutoffs = cutoffs(context.asOf(), due);
        StagedKeys staged = new StagedKeys();
        Map<String, String> malformed = new LinkedHashMap<>();
        long[] rows = { 0 };
        BulkUnits.Outcome outcome = BulkUnits.run(units(context, due), context.deadline(), config.bulk().concurrency(),
                unit -> fetch(unit, cutoffs, calls), (unit, period) -> {
                    rows[0] += stage(income, staged.fresh(0, period.income())) + stage(balance,
                            staged.fresh(1, period.balance())) + stage(cashFlow, staged.fresh(2, period.cashFlow()));
                    period.malformed().forEach(malformed::putIfAbsent);
                });
        if (outcome.refused() != null) {
            access.refused(outcome.refused());
        }
        List<SymbolFailure> failures = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        malformed.forEach((symbol, reason) -> {
            failures.add(new SymbolFailure(symbol, reason));
            failed.add(symbol);
        });
        if (!outcome.failed().isEmpty()) {
            Map.Entry<String, String> first = outcome.failed().entrySet().iterator().next();
            String reason = "statement bulk period " + first.getKey() + " failed: " + first.getValue()
                    + (outcome.failed().size() > 1 ? " (and " + (outcome.failed().size() - 1) + " more periods)" : "");
            due.keySet().stream().filter(failed::add).forEach(symbol -> failures.add(new SymbolFailure(symbol, reason)));
        }
        List<String> perSymbol = outcome.refused() == null ? List.of()
                : due.keySet().stream().filter(symbol -> !failed.contains(symbol)).toList();
        boolean complete = outcome.left().isEmpty() && outcome.refused() == null;
        List<String> loaded = complete ? due.keySet().stream().filter(symbol -> !failed.contains(symbol)).toList()
                : List.of();
        String how = outcome.refused() == null ? Strategy.BULK : Strategy.BULK + ", " + Strategy.PER_SYMBOL;
        String why = outcome.refused() == null ? strategy.reason()
                : strategy.reason() + "; refused by the plan, so per symbol: " + outcome.refused().getMessage();
        return new Loaded(new BulkLoad(how, why, perSymbol, loaded, failures, rows[0], outcome.left(),
                outcome.done().size()), staged);
    }

    private static long stage(StagedTable.Load load, List<Object[]> rows) {
        load.stage(rows);
        return rows.size();
    }

    /**
     * One period's three files, read at once (each on a worker thread) and whole, kept to the run's
     * symbols and quarters. If one fails (after its retries), the period fails: none of its rows
     * is staged.
     */
    private PeriodRows fetch(String unit, Map<String, LocalDate> cutoffs, ApiCallCounter calls) {
        Map<String, String> malformed = new ConcurrentHashMap<>();
        var files = Uni.combine().all().unis(read(INCOME, unit, cutoffs, calls, malformed),
                read(BALANCE, unit, cutoffs, calls, malformed), read(CASH_FLOW, unit, cutoffs, calls, malformed))
                .asTuple().await().indefinitely();
        return new PeriodRows(files.getItem1(), files.getItem2(), files.getItem3(), malformed);
    }

    private <T> Uni<List<Object[]>> read(Table<T> table, String unit, Map<String, LocalDate> cutoffs,
            ApiCallCounter calls, Map<String, String> malformed) {
        BulkRequest request = BulkRequest.of(table.endpoint(), "year", StatementPeriods.year(unit), "period",
                StatementPeriods.period(unit));
        return Uni.createFrom().item(() -> client.fetch(request, calls,
                body -> rows(table, body, cutoffs, request.describe(), malformed)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static <T> List<Object[]> rows(Table<T> table, InputStream body, Map<String, LocalDate> cutoffs,
            String what, Map<String, String> malformed) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (CsvRows csv = CsvRows.of(body)) {
            while (csv.next()) {
                String symbol = csv.get("symbol");
                LocalDate cutoff = symbol == null ? null : cutoffs.get(symbol);
                if (cutoff == null) {
                    continue;
                }
                try {
                    T statement = csv.as(table.type());
                    LocalDate periodEnd = table.periodEnd().apply(statement);
                    if (periodEnd == null || !periodEnd.isBefore(cutoff)) {
                        rows.addAll(table.rows().apply(symbol, List.of(statement)));
                    }
                } catch (IllegalArgumentException | MalformedDataException e) {
                    malformed.putIfAbsent(symbol, what + ": row unreadable: " + e.getMessage());
                }
            }
        }
        return rows;
    }

    /** How to read one statement's bulk file into its staging rows. */
    private record Table<T>(String endpoint, Class<T> type, Function<T, LocalDate> periodEnd,
            BiFunction<String, List<T>, List<Object[]>> rows) {
    }

    /** One period's staging rows, per table, and the symbols whose rows could not be read. */
    private record PeriodRows(List<Object[]> income, List<Object[]> balance, List<Object[]> cashFlow,
            Map<String, String> malformed) {
    }

    /**
     * What the bulk part did, and which quarters it staged: after a refusal midway the per-symbol
     * part stages only the quarters not staged yet (a staging table must not hold a key twice).
     */
    record Loaded(BulkLoad bulk, StagedKeys staged) {
    }

    /** The (symbol, period end) keys staged per table (0 income, 1 balance, 2 cash flow). */
    static final class StagedKeys {

        private final List<Set<String>> keys = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>());

        /** The rows of {@code table} not staged before; remembers them as staged. */
        List<Object[]> fresh(int table, List<Object[]> rows) {
            List<Object[]> fresh = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                if (keys.get(table).add(row[0] + "|" + row[1])) {
                    fresh.add(row);
                }
            }
            return fresh;
        }
    }
}
