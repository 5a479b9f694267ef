package org.marketetl.load;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.MarketDataConfig;
import org.marketetl.config.RunConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.EodPrice;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.run.Mode;
import org.marketetl.run.RunContext;
import org.marketetl.run.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.run.SymbolFailure;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.StagedTable;
import org.marketetl.warehouse.Warehouse;

import io.smallrye.mutiny.Uni;

/**
 * Daily prices: one FMP call per symbol for the days it lacks -> STG_DAILY_PRICE -> MERGE
 * DAILY_PRICE. An incremental run asks only from the day after the last loaded one; a symbol that
 * is already current costs no request; with {@code bulk-eod}, many symbols missing the same few
 * recent days cost one {@code eod-bulk} request per day instead.
 */
@ApplicationScoped
public class PriceEtl implements StepTask {

    static final StagedTable DAILY_PRICE = new StagedTable("STG_DAILY_PRICE", List.of("SYMBOL", "PRICE_DATE", "OPEN",
            "HIGH", "LOW", "CLOSE", "VOLUME", "VWAP", "CHANGE_PERCENT"),
            SqlResource.load(PriceEtl.class, "price-merge.sql"));

    private final MarketDataClient client;
    private final SymbolExtraction extraction;
    private final Warehouse warehouse;
    private final RunConfig config;
    private final MarketDataConfig marketData;

    public PriceEtl(MarketDataClient client, SymbolExtraction extraction, Warehouse warehouse, RunConfig config,
            MarketDataConfig marketData) {
        this.marketData = marketData;
        this.client = client;
        this.extraction = extraction;
        this.warehouse = warehouse;
        this.config = config;
    }

    @Override
    public Step step() {
        return Step.PRICE;
    }

    @Override
    public StepOutcome run(RunContext context, ApiCallCounter calls) {
        Map<String, LocalDate> firstMissing = firstMissingDays(context);
        List<String> due = context.request().symbols().stream()
                .filter(symbol -> !firstMissing.get(symbol).isAfter(context.asOf())).toList();
        return warehouse.inTransaction(session -> {
            try (StagedTable.Load load = DAILY_PRICE.open(session)) {
                BulkDays.Result bulk = bulkDays(context, due, firstMissing).load(calls, load);
                List<String> perSymbol = due.stream().filter(symbol -> !bulk.covered().contains(symbol)).toList();
                SymbolExtraction.Result result = extraction.extract(perSymbol, context.deadline(),
                        symbol -> fetch(symbol, firstMissing.get(symbol), context.asOf(), calls), List::size,
                        chunk -> load.stage(Rows.flatten(chunk)));
                int merged = load.merge();
                List<SymbolFailure> failures = new ArrayList<>(bulk.failures());
                failures.addAll(result.failures());
                return new StepOutcome(context.request().symbols().size(), bulk.rows() + result.rows(), merged,
                        failures);
            }
        });
    }

    /**
     * The symbols whose missing days are all recent enough for {@code eod-bulk}: worth it when
     * they outnumber the days to ask for, each day being one request for all of them.
     */
    private BulkDays bulkDays(RunContext context, List<String> due, Map<String, LocalDate> firstMissing) {
        if (!marketData.bulkEod() || context.request().mode() != Mode.INCREMENTAL) {
            return BulkDays.none(client);
        }
        LocalDate oldestBulkDay = context.asOf().minusDays(BulkDays.MAX_CALENDAR_DAYS);
        Map<String, LocalDate> recent = new LinkedHashMap<>();
        due.stream().filter(symbol -> !firstMissing.get(symbol).isBefore(oldestBulkDay))
                .forEach(symbol -> recent.put(symbol, firstMissing.get(symbol)));
        BulkDays bulk = BulkDays.of(client, recent, context.asOf());
        return bulk.requests() < recent.size() ? bulk : BulkDays.none(client);
    }

    /** Per symbol, the first day to fetch: after the last loaded day, or the start of history. */
    private Map<String, LocalDate> firstMissingDays(RunContext context) {
        LocalDate historyStart = context.historyStart(config.historyYears());
        Map<String, LocalDate> lastLoaded = new HashMap<>();
        if (context.request().mode() == Mode.INCREMENTAL) {
            warehouse.withSession(session -> session.query(SqlResource.load(PriceEtl.class, "price-last-dates.sql"),
                    row -> Map.entry(row.getString(1), row.getDate(2).toLocalDate())))
                    .forEach(last -> lastLoaded.put(last.getKey(), last.getValue()));
        }
        Map<String, LocalDate> first = new HashMap<>();
        for (String symbol : context.request().symbols()) {
            LocalDate last = lastLoaded.get(symbol);
            first.put(symbol, last == null ? historyStart : last.plusDays(1));
        }
        return first;
    }

    private Uni<List<Object[]>> fetch(String symbol, LocalDate from, LocalDate to, ApiCallCounter calls) {
        return client.dailyPrices(symbol, from, to, calls).map(prices -> rows(symbol, prices));
    }

    /** Staging rows, one per trading day; a day FMP repeats is kept once. */
    static List<Object[]> rows(String symbol, List<EodPrice> prices) {
        Map<LocalDate, Object[]> byDay = new LinkedHashMap<>();
        for (EodPrice p : prices) {
            Rows.sameSymbol(symbol, p.symbol());
            LocalDate day = Rows.required(p.date(), "date");
            byDay.put(day, new Object[] { symbol, day, p.open(), p.high(), p.low(),
                    Rows.required(p.close(), "close on " + day), p.volume(), p.vwap(), p.changePercent() });
        }
        return new ArrayList<>(byDay.values());
    }
}
