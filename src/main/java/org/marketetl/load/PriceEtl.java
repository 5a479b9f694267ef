package org.marketetl.load;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.FmpPlan;
import org.marketetl.config.MarketDataConfig;
import org.marketetl.config.RunConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.BulkCsvClient;
import org.marketetl.marketdata.EodPrice;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.marketdata.StockSplit;
import org.marketetl.run.Mode;
import org.marketetl.run.RunContext;
import org.marketetl.report.Step;
import org.marketetl.run.StepOutcome;
import org.marketetl.run.StepTask;
import org.marketetl.report.SymbolFailure;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.StagedTable;
import org.marketetl.warehouse.Warehouse;
import org.marketetl.warehouse.WarehouseSession;

import io.quarkus.logging.Log;

import io.smallrye.mutiny.Uni;

/**
 * Daily prices: one FMP call per symbol for the days it lacks -> STG_DAILY_PRICE -> MERGE
 * DAILY_PRICE. An incremental run asks only from the day after the last loaded one; a symbol that
 * is already current costs no request; with {@code bulk-eod}, many symbols missing the same few
 * recent days cost one {@code eod-bulk} request per day instead.
 *
 * <p>Splits, so that DAILY_PRICE holds each symbol on one basis, that of its latest split in SPLIT
 * (FMP's {@code /full} prices are split-adjusted and rewritten after each split):
 * <ul>
 * <li>symbols with prices: one {@code splits-calendar} request for the whole universe, over the
 * days since the earliest last loaded day, finds the splits dated after a symbol's last loaded
 * day. A symbol with one is re-based: its stored history is fetched again from its first loaded
 * day (one request per split symbol, FMP's own adjusted figures), and the stored rows older than
 * FMP still serves (its plans serve a limited depth, 5 years on Basic and Starter) are scaled by
 * the new splits' factor in the warehouse, in the same transaction ({@code price-rebase.sql}), so
 * every stored row ends on the new basis; the report counts the rows re-based each way. If the
 * calendar cannot be read (down, or not in the plan), each of those symbols asks
 * {@code splits?symbol=} instead, before its prices: dearer (one request per symbol, and no
 * {@code eod-bulk}) but never a price history on two bases.</li>
 * <li>symbols without prices (a first load): {@code splits?symbol=} each, with the history: the
 * share-count factors of quarters before the history need splits older than it, and FMP documents
 * the per-symbol list as the company's full history, not the calendar's depth or range limit.</li>
 * </ul>
 * Dividends the same way: a symbol whose dividend history was never loaded (a first load, or one
 * loaded before dividends were) loads its dividend history once (remembered in the fetch log;
 * {@code dividends?symbol=}, or the calendar in chunks for many: see below); the others learn of
 * new dividends from one {@code dividends-calendar} request for the universe, or each from {@code dividends?symbol=} when the calendar cannot be read. A daily run thus costs
 * one request more than before. Stored dividends' ADJ_DIVIDEND is re-based with the prices
 * ({@code dividend-rebase.sql}).
 *
 * <p>Splits and dividends merge into SPLIT and DIVIDEND in the same transaction as the prices, and
 * only for symbols whose prices were fetched: SPLIT and DAILY_PRICE never disagree on a symbol's
 * basis, and a symbol's dividends are known as far as its prices are.
 *
 * <p>For many symbols at once ({@link PriceHistory}): the first loads' splits come from the
 * calendar in chunks rather than per symbol when that takes fewer requests, and the price history
 * comes from {@code eod-bulk} days when the symbols are a large share of the market. The dividend
 * histories to load come from {@code dividends-calendar} in chunks rather than per symbol when that
 * costs less ({@link DividendHistories}, which also says which dividends a history holds); a symbol
 * whose prices came in bulk and that asks its own dividend history asks it alone.
 */
@ApplicationScoped
public class PriceEtl implements StepTask {

    static final StagedTable DAILY_PRICE = new StagedTable("STG_DAILY_PRICE", List.of("SYMBOL", "PRICE_DATE", "OPEN",
            "HIGH", "LOW", "CLOSE", "VOLUME", "VWAP", "CHANGE_PERCENT"),
            SqlResource.load(PriceEtl.class, "price-merge.sql"));
    private static final String PRICE_REBASE = SqlResource.load(PriceEtl.class, "price-rebase.sql");
    private static final String DIVIDEND_REBASE = SqlResource.load(PriceEtl.class, "dividend-rebase.sql");

    private final MarketDataClient client;
    private final SymbolExtraction extraction;
    private final Warehouse warehouse;
    private final RunConfig config;
    private final MarketDataConfig marketData;
    private final PriceHistory history;
    private final BulkCsvClient bulkClient;
    private final BulkAccess access;
    private final FetchLog fetchLog;

    public PriceEtl(MarketDataClient client, SymbolExtraction extraction, Warehouse warehouse, RunConfig config,
            MarketDataConfig marketData, PriceHistory history, BulkCsvClient bulkClient, BulkAccess access,
            FetchLog fetchLog) {
        this.marketData = marketData;
        this.history = history;
        this.bulkClient = bulkClient;
        this.access = access;
        this.fetchLog = fetchLog;
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
        Instant now = Instant.now();
        Map<String, LoadedDays> loaded = loadedDays(context);
        Map<String, LocalDate> firstMissing = firstMissingDays(context, loaded);
        List<String> due = context.request().symbols().stream()
                .filter(symbol -> !firstMissing.get(symbol).isAfter(context.asOf())).toList();
        Map<String, LoadedDays> loadedDue = new HashMap<>();
        due.stream().filter(loaded::containsKey).forEach(symbol -> loadedDue.put(symbol, loaded.get(symbol)));
        SplitCalendar.Result calendar = SplitCalendar.newSplits(client, loadedDue, context.asOf(), calls);
        // Without the calendar, symbols with prices ask for their splits one by one.
        Set<String> askEach = calendar.failure() == null ? Set.of()
                : SplitCalendar.inDoubt(loadedDue, context.asOf());
        // A new split re-bases the symbol: its whole stored history is fetched again, adjusted.
        calendar.bySymbol().keySet().forEach(symbol -> firstMissing.put(symbol,
                earlier(loaded.get(symbol).first(), firstMissing.get(symbol))));
        DividendPlan dividends = DividendPlan.usesCalendar(context, due)
                ? DividendPlan.of(client, context, due, loadedDue, fetchLog.lastFetched(FetchLog.DIVIDENDS).keySet(), calls)
                : DividendPlan.histories(due);
        Set<String> rebased = new HashSet<>(calendar.bySymbol().keySet());
        rebased.addAll(askEach);
        PriceHistory.Plan plan = history.plan(context, due, loaded, firstMissing, rebased, calls);
        Map<String, LocalDate> firstPriceDay = new HashMap<>();
        dividends.askHistory().forEach(symbol -> firstPriceDay.put(symbol, loaded.containsKey(symbol)
                ? earlier(loaded.get(symbol).first(), firstMissing.get(symbol)) : firstMissing.get(symbol)));
        DividendHistories histories = DividendHistories.choose(client, dividends.askHistory(), firstPriceDay,
                context.asOf(), marketData.bulk(), calls);
        return warehouse.inTransaction(session -> {
            try (StagedTable.Load prices = DAILY_PRICE.open(session);
                    StagedTable.Load splits = SplitRows.SPLIT.open(session);
                    StagedTable.Load dividendRows = DividendRows.DIVIDEND.open(session)) {
                List<String> bulkable = due.stream().filter(s -> !calendar.bySymbol().containsKey(s)
                        && !askEach.contains(s) && !dividends.askHistory().contains(s) && !plan.covers(s)).toList();
                BulkDays.Result bulk = bulkDays(context, bulkable, firstMissing).load(calls, prices);
                Set<String> bulkFailed = bulk.failures().stream().map(SymbolFailure::symbol).collect(Collectors.toSet());
                bulk.covered().stream().filter(symbol -> !bulkFailed.contains(symbol))
                        .forEach(symbol -> dividendRows.stage(dividends.rowsOf(symbol)));
                BulkLoad inBulk = history.load(context, plan, calls, prices, splits, due.stream()
                        .filter(symbol -> !bulk.covered().contains(symbol) && !plan.covers(symbol)).toList());
                // Symbols whose history came in bulk: their dividends from the calendar's rows, or
                // their dividend history alone when it was never loaded.
                List<String> dividendsOnly = inBulk.loaded().stream().filter(dividends.askHistory()::contains).toList();
                inBulk.loaded().stream().filter(symbol -> !dividends.askHistory().contains(symbol))
                        .forEach(symbol -> dividendRows.stage(dividends.rowsOf(symbol)));
                List<String> perSymbol = new ArrayList<>(inBulk.perSymbol());
                perSymbol.addAll(dividendsOnly);
                Set<String> onlyDividends = Set.copyOf(dividendsOnly);
                Tally tally = new Tally(loaded);
                SymbolExtraction.Result result = extraction.extract(perSymbol, context.deadline(),
                        symbol -> onlyDividends.contains(symbol) ? dividendHistory(symbol, histories, calls)
                                : withDividends(symbol, dividends, histories, calls, askEach.contains(symbol)
                                        ? fetchAskingSplits(symbol, loaded.get(symbol), firstMissing.get(symbol),
                                                context.asOf(), calls)
                                        : fetch(symbol, firstMissing.get(symbol), context.asOf(),
                                                loaded.containsKey(symbol),
                                                calendar.bySymbol().getOrDefault(symbol, List.of()),
                                                plan.splitsOf(symbol), calls)),
                        Fetched::rowCount, chunk -> {
                            prices.stage(Rows.flatten(chunk.stream().map(Fetched::prices).toList()));
                            splits.stage(Rows.flatten(chunk.stream().map(Fetched::splits).toList()));
                            dividendRows.stage(Rows.flatten(chunk.stream().map(Fetched::dividends).toList()));
                            tally.add(chunk);
                        });
                long scaled = tally.rebasedSymbols > 0 ? rebase(session, prices, splits, dividendRows) : 0;
                int merged = prices.merge() + splits.merge() + dividendRows.merge();
                fetchLog.record(session, FetchLog.DIVIDENDS, tally.historyLoaded, now);
                List<String> fetched = new ArrayList<>(inBulk.loaded());
                fetched.addAll(result.succeeded(inBulk.perSymbol()));
                fetched.addAll(bulk.covered());
                fetchLog.recordFinal(session, step(), fetched, context, now);
                List<SymbolFailure> failures = new ArrayList<>(bulk.failures());
                failures.addAll(inBulk.failures());
                failures.addAll(result.failures());
                return new StepOutcome(context.request().symbols().size(), bulk.rows() + inBulk.rows() + result.rows(),
                        merged, failures, new StepOutcome.Rebased(tally.refetched, scaled))
                        .fetched(inBulk.strategy(), inBulk.reason() + histories.reason(), inBulk.unitsLeft(),
                                inBulk.unitsDone());
            }
        });
    }

    /**
     * Re-bases the stored rows a new split's refetch did not cover: prices, and the split-adjusted
     * amounts of stored dividends ({@code price-rebase.sql}, {@code dividend-rebase.sql}). Runs with
     * the staging tables loaded and before DAILY_PRICE and SPLIT are merged: the new splits are the
     * staged ones SPLIT lacks, dated after the last stored day. Answers the price rows scaled.
     */
    private static long rebase(WarehouseSession session, StagedTable.Load prices, StagedTable.Load splits,
            StagedTable.Load dividends) throws SQLException {
        if (!splits.load()) {
            return 0;
        }
        // A staging table that got no rows this time may hold an earlier load's: empty it, as
        // "not restaged" must mean every stored row then.
        if (!prices.load()) {
            session.update("DELETE FROM " + DAILY_PRICE.stagingTable());
        }
        if (!dividends.load()) {
            session.update("DELETE FROM " + DividendRows.DIVIDEND.stagingTable());
        }
        long scaled = session.update(PRICE_REBASE);
        long dividendsScaled = session.update(DIVIDEND_REBASE);
        Log.infof("re-based for new splits: %d stored price rows and %d stored dividends scaled", scaled,
                dividendsScaled);
        return scaled;
    }

    /**
     * What the chunks of fetched symbols brought, counted as they are staged (on the one thread
     * that stages them): the symbols a new split re-based, their stored days fetched again, and
     * the symbols whose whole dividend history came.
     */
    private static final class Tally {

        private final Map<String, LoadedDays> stored;
        private int rebasedSymbols;
        private long refetched;
        private final List<String> historyLoaded = new ArrayList<>();

        Tally(Map<String, LoadedDays> stored) {
            this.stored = stored;
        }

        void add(List<Fetched> chunk) {
            for (Fetched fetched : chunk) {
                if (fetched.rebased()) {
                    rebasedSymbols++;
                    LocalDate last = stored.get(fetched.symbol()).last();
                    // The refetch also brings the new days; only the days it had are re-based.
                    refetched += fetched.prices().stream().filter(row -> !((LocalDate) row[1]).isAfter(last)).count();
                }
                if (fetched.dividendHistory()) {
                    historyLoaded.add(fetched.symbol());
                }
            }
        }
    }

    /**
     * One symbol's staging rows: its prices, and the splits and dividends to record with them;
     * {@code rebased} when a new split had its stored history fetched again, {@code dividendHistory}
     * when the dividends are its whole history ({@code dividends?symbol=}).
     */
    private record Fetched(String symbol, List<Object[]> prices, List<Object[]> splits, List<Object[]> dividends,
            boolean rebased, boolean dividendHistory) {
        int rowCount() {
            return prices.size() + splits.size() + dividends.size();
        }

        Fetched with(List<Object[]> dividendRows, boolean history) {
            return new Fetched(symbol, prices, splits, dividendRows, rebased, history);
        }
    }

    /** {@code prices} with the symbol's dividends: its history if it asks for it, else the calendar's. */
    private Uni<Fetched> withDividends(String symbol, DividendPlan dividends, DividendHistories histories,
            ApiCallCounter calls, Uni<Fetched> prices) {
        if (!dividends.askHistory().contains(symbol)) {
            return prices.map(fetched -> fetched.with(dividends.rowsOf(symbol), false));
        }
        return Uni.combine().all().unis(prices, histories.of(symbol, client, calls))
                .with((fetched, history) -> fetched.with(history, true));
    }

    /**
     * The symbols whose missing days are all recent enough for {@code eod-bulk}: worth it when
     * they outnumber the days to ask for, each day being one request for all of them.
     */
    private BulkDays bulkDays(RunContext context, List<String> due, Map<String, LocalDate> firstMissing) {
        if (!FmpPlan.bulkEod(marketData) || context.request().mode() != Mode.INCREMENTAL || due.isEmpty()
                || access.unavailableByRefusal(PriceHistory.EOD_BULK).isPresent()) {
            return BulkDays.none();
        }
        LocalDate oldestBulkDay = context.asOf().minusDays(BulkDays.MAX_CALENDAR_DAYS);
        Map<String, LocalDate> recent = new LinkedHashMap<>();
        due.stream().filter(symbol -> !firstMissing.get(symbol).isBefore(oldestBulkDay))
                .forEach(symbol -> recent.put(symbol, firstMissing.get(symbol)));
        BulkDays bulk = BulkDays.of(bulkClient, access, recent, context.asOf());
        return bulk.requests() < recent.size() ? bulk : BulkDays.none();
    }

    /** Per symbol in the request, the first and last day DAILY_PRICE holds (none for a new symbol). */
    private Map<String, LoadedDays> loadedDays(RunContext context) {
        Set<String> requested = new HashSet<>(context.request().symbols());
        Map<String, LoadedDays> loaded = new HashMap<>();
        warehouse.withSession(session -> session.query(SqlResource.load(PriceEtl.class, "price-last-dates.sql"),
                row -> Map.entry(row.getString(1), new LoadedDays(row.getDate(2).toLocalDate(),
                        row.getDate(3).toLocalDate()))))
                .stream().filter(days -> requested.contains(days.getKey()))
                .forEach(days -> loaded.put(days.getKey(), days.getValue()));
        return loaded;
    }

    /** Per symbol, the first day to fetch: after the last loaded day, or the start of history. */
    private Map<String, LocalDate> firstMissingDays(RunContext context, Map<String, LoadedDays> loaded) {
        LocalDate historyStart = context.historyStart(config.historyYears());
        boolean incremental = context.request().mode() == Mode.INCREMENTAL;
        Map<String, LocalDate> first = new HashMap<>();
        for (String symbol : context.request().symbols()) {
            LoadedDays days = loaded.get(symbol);
            first.put(symbol, incremental && days != null ? days.last().plusDays(1) : historyStart);
        }
        return first;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * A symbol's prices from {@code from}; with them its splits: {@code newSplits} from the calendar
     * for a symbol with prices; for a new symbol those the calendar's chunks gave
     * ({@code firstLoadSplits}), or else its full list.
     */
    private Uni<Fetched> fetch(String symbol, LocalDate from, LocalDate to, boolean hasPrices,
            List<StockSplit> newSplits, List<StockSplit> firstLoadSplits, ApiCallCounter calls) {
        Uni<List<Object[]>> splits = hasPrices ? Uni.createFrom().item(SplitRows.rows(symbol, newSplits, to))
                : firstLoadSplits != null ? Uni.createFrom().item(SplitRows.rows(symbol, firstLoadSplits, to))
                : client.splits(symbol, calls).map(all -> SplitRows.rows(symbol, all, to));
        boolean rebased = hasPrices && !newSplits.isEmpty();
        return splits.chain(splitRows -> client.dailyPrices(symbol, from, to, calls)
                .map(prices -> new Fetched(symbol, rows(symbol, prices), splitRows, List.of(), rebased, false)));
    }

    /** The dividend history of a symbol whose prices came in bulk: no prices or splits with it. */
    private Uni<Fetched> dividendHistory(String symbol, DividendHistories histories, ApiCallCounter calls) {
        return histories.of(symbol, client, calls).map(history -> new Fetched(symbol, List.of(), List.of(), history,
                false, true));
    }

    /**
     * A symbol with prices when the calendar could not be read: its splits first; one dated after
     * its last loaded day re-bases it (prices from its first loaded day), else prices from
     * {@code from}. All its splits are staged (the MERGE leaves known ones untouched).
     */
    private Uni<Fetched> fetchAskingSplits(String symbol, LoadedDays days, LocalDate from, LocalDate to,
            ApiCallCounter calls) {
        return client.splits(symbol, calls).chain(all -> {
            List<Object[]> splitRows = SplitRows.rows(symbol, all, to);
            boolean newSplit = all.stream().anyMatch(split -> split.date() != null
                    && split.date().isAfter(days.last()) && !split.date().isAfter(to));
            LocalDate start = newSplit ? earlier(days.first(), from) : from;
            return client.dailyPrices(symbol, start, to, calls).map(prices -> new Fetched(symbol,
                    rows(symbol, prices), splitRows, List.of(), newSplit, false));
        });
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
