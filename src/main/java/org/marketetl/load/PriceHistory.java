package org.marketetl.load;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.MarketDataConfig;
import org.marketetl.config.RunConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.BulkCsvClient;
import org.marketetl.marketdata.BulkRequest;
import org.marketetl.marketdata.EodBulk;
import org.marketetl.marketdata.EodPrice;
import org.marketetl.marketdata.MarketDataClient;
import org.marketetl.marketdata.StockSplit;
import org.marketetl.report.SymbolFailure;
import org.marketetl.run.RunContext;
import org.marketetl.warehouse.StagedTable;

/**
 * How the price step fetches the history of many symbols, beyond the recent days that
 * {@link BulkDays} catches up:
 * <ul>
 * <li><b>Splits of first loads.</b> A symbol without prices needs its splits (its share counts'
 * basis). One {@code splits?symbol=} request each, or the {@code splits-calendar} in chunks
 * ({@link SplitChunks}) for all of them: whichever takes fewer requests.</li>
 * <li><b>Price history.</b> Per symbol ({@code historical-price-eod/full}, one request each), or one
 * {@code eod-bulk?date=} per trading day, each the whole market (~90,000 rows): bulk costs a
 * multiple of the bytes, so it pays only when the symbols are a large share of the market (cost
 * model: {@link Strategy}). In bulk, each day is a unit, read whole and kept to the symbols, oldest
 * day first; a symbol with a split dated after its first missing day is left to {@code /full} (the
 * bulk file has the prices as traded that day, {@code /full} on today's basis), so both ways load
 * the same rows. A run cut by its deadline leaves the newest days (and their symbols, as "not
 * started") to its next invocation.</li>
 * </ul>
 */
@ApplicationScoped
class PriceHistory {

    static final String EOD_BULK = "eod-bulk";

    private final MarketDataClient client;
    private final BulkCsvClient bulkClient;
    private final BulkAccess access;
    private final MarketDataConfig marketData;
    private final RunConfig runConfig;

    PriceHistory(MarketDataClient client, BulkCsvClient bulkClient, BulkAccess access, MarketDataConfig marketData,
            RunConfig runConfig) {
        this.client = client;
        this.bulkClient = bulkClient;
        this.access = access;
        this.marketData = marketData;
        this.runConfig = runConfig;
    }

    /**
     * The plan for {@code due} symbols: which first loads take their splits from the calendar, and
     * which symbols' history comes in bulk. {@code excluded} symbols (re-based by a new split, or
     * asking their splits one by one) always go per symbol.
     */
    Plan plan(RunContext context, List<String> due, Map<String, LoadedDays> loaded, Map<String, LocalDate> firstMissing,
            Set<String> excluded, ApiCallCounter calls) {
        LocalDate asOf = context.asOf();
        if (!context.bulkUnitsLeft().isEmpty()) {
            return continuing(context, due, loaded);
        }
        List<String> firstLoads = due.stream().filter(symbol -> !loaded.containsKey(symbol)).toList();
        Map<String, LocalDate> history = new LinkedHashMap<>();
        LocalDate recent = asOf.minusDays(BulkDays.MAX_CALENDAR_DAYS);
        due.stream().filter(symbol -> !excluded.contains(symbol) && firstMissing.get(symbol).isBefore(recent))
                .forEach(symbol -> history.put(symbol, firstMissing.get(symbol)));
        Strategy prices = choose(context, history);

        LocalDate from = earliest(context.historyStart(runConfig.historyYears()),
                StatementPeriods.cutoff(asOf, marketData.statementQuarters()));
        if (prices.bulk()) {
            from = earliest(from, history.values().stream().min(LocalDate::compareTo).orElse(from));
        }
        int days = marketData.bulk().splitsCalendarDays();
        int chunks = CalendarChunks.chunks(from, asOf, days);
        FetchCost perSymbolSplits = new FetchCost(firstLoads.size(), firstLoads.size() * MarketSize.SPLITS_JSON_BYTES);
        FetchCost chunked = new FetchCost(chunks, (asOf.toEpochDay() - from.toEpochDay() + 1) * MarketSize.CALENDAR_DAY_BYTES);
        Strategy splits = firstLoads.isEmpty() ? Strategy.perSymbol("no first loads")
                : Strategy.cheaper("splits per new symbol", perSymbolSplits, "splits-calendar in " + chunks
                        + " chunks of " + days + " days", chunked, marketData.bulk().bytesPerCall());
        Set<String> wanted = new HashSet<>(firstLoads);
        wanted.addAll(history.keySet());
        SplitChunks.Result calendar = splits.bulk() || prices.bulk()
                ? SplitChunks.fetch(client, from, asOf, days, wanted, calls)
                : SplitChunks.Result.none("not asked");
        String splitsReason = firstLoads.isEmpty() ? ""
                : "; splits of " + firstLoads.size() + " new symbols: " + (calendar.complete() ? splits.reason()
                        : splits.bulk() ? calendar.failure() + ", so splits per new symbol" : splits.reason());
        Map<String, List<StockSplit>> firstLoadSplits = new HashMap<>();
        if (calendar.complete()) {
            firstLoads.forEach(symbol -> firstLoadSplits.put(symbol, calendar.of(symbol)));
        }
        if (prices.bulk() && !calendar.complete()) {
            prices = Strategy.perSymbol(prices.reason() + "; but " + calendar.failure()
                    + ", and bulk days need the splits, so per symbol");
        }
        Map<String, LocalDate> inBulk = new LinkedHashMap<>();
        if (prices.bulk()) {
            history.forEach((symbol, first) -> {
                if (!calendar.splitsAfter(symbol, first.minusDays(1))) {
                    inBulk.put(symbol, first);
                }
            });
        }
        List<String> units = prices.bulk() ? tradingDays(inBulk.values().stream().min(LocalDate::compareTo)
                .orElse(asOf), asOf) : List.of();
        return new Plan(prices, splitsReason, firstLoadSplits, inBulk, units, false, calendar);
    }

    /**
     * A run's next invocation goes on with the days the last one left, for the symbols whose history
     * it loaded up to them (oldest day first, so up to the week before the first day left); any other
     * symbol it left (not started per symbol) goes per symbol.
     */
    private Plan continuing(RunContext context, List<String> due, Map<String, LoadedDays> loaded) {
        Optional<String> refused = access.unavailableByRefusal(EOD_BULK);
        if (refused.isPresent()) {
            return new Plan(Strategy.perSymbol(refused.get()), "", Map.of(), Map.of(), List.of(), true,
                    SplitChunks.Result.none("not asked"));
        }
        LocalDate firstLeft = LocalDate.parse(context.bulkUnitsLeft().stream().min(String::compareTo).orElseThrow())
                .minusDays(BulkDays.MAX_CALENDAR_DAYS);
        Map<String, LocalDate> inBulk = new LinkedHashMap<>();
        due.stream().filter(symbol -> loaded.containsKey(symbol) && !loaded.get(symbol).last().isBefore(firstLeft))
                .forEach(symbol -> inBulk.put(symbol, LocalDate.MIN));
        return new Plan(new Strategy(true, "going on with the " + context.bulkUnitsLeft().size()
                + " days of eod-bulk an earlier invocation of the run left"), "", Map.of(), inBulk,
                context.bulkUnitsLeft(), true, SplitChunks.Result.none("not asked"));
    }

    private Strategy choose(RunContext context, Map<String, LocalDate> history) {
        if (history.isEmpty()) {
            return Strategy.perSymbol("no price history to fetch beyond the recent days");
        }
        Optional<String> unavailable = access.unavailable(EOD_BULK);
        if (unavailable.isPresent()) {
            return Strategy.perSymbol(unavailable.get());
        }
        LocalDate earliest = history.values().stream().min(LocalDate::compareTo).orElseThrow();
        long days = tradingDays(earliest, context.asOf()).size();
        long symbolDays = history.values().stream().mapToLong(from -> tradingDays(from, context.asOf()).size()).sum();
        return byCost(history.size(), symbolDays, days, marketData.bulk().bytesPerCall());
    }

    /**
     * The history of {@code symbols} ({@code symbolDays} days in all) per symbol, or {@code days}
     * days of eod-bulk: the cheaper.
     */
    static Strategy byCost(long symbols, long symbolDays, long days, long bytesPerCall) {
        return Strategy.cheaper("prices per symbol", new FetchCost(symbols, symbolDays * MarketSize.PRICE_JSON_DAY_BYTES),
                days + " days of eod-bulk", new FetchCost(days, days * MarketSize.EOD_BULK_ROWS
                        * MarketSize.EOD_CSV_ROW_BYTES), bytesPerCall);
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** Weekdays from {@code from} to {@code to} ({@code eod-bulk} of a holiday is an empty body). */
    static List<String> tradingDays(LocalDate from, LocalDate to) {
        List<String> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(day.toString());
            }
        }
        return days;
    }

    /**
     * @param prices          per symbol or in bulk, and why
     * @param splitsReason    how the first loads' splits were fetched, for the report ("" if none)
     * @param firstLoadSplits the splits of first loads the calendar gave (absent: ask per symbol)
     * @param inBulk          symbols whose history comes in bulk, each from its first missing day
     * @param days            the days to load in bulk, oldest first
     * @param continued       going on with days an earlier invocation left
     * @param calendar        the chunks read
     */
    record Plan(Strategy prices, String splitsReason, Map<String, List<StockSplit>> firstLoadSplits,
            Map<String, LocalDate> inBulk, List<String> days, boolean continued, SplitChunks.Result calendar) {

        /** Whether {@code symbol}'s history comes in bulk. */
        boolean covers(String symbol) {
            return inBulk.containsKey(symbol);
        }

        /** The splits the calendar gave for a first load, or null: ask {@code splits?symbol=}. */
        List<StockSplit> splitsOf(String symbol) {
            return firstLoadSplits.get(symbol);
        }
    }

    /**
     * Loads the plan's days into STG_DAILY_PRICE, and the bulk symbols' splits into STG_SPLIT. If the
     * plan refuses {@code eod-bulk} before anything is staged, the symbols go per symbol after all.
     */
    BulkLoad load(RunContext context, Plan plan, ApiCallCounter calls, StagedTable.Load prices,
            StagedTable.Load splits, List<String> perSymbolOthers) throws SQLException {
        String reason = plan.prices().reason() + plan.splitsReason();
        if (plan.inBulk().isEmpty()) {
            return BulkLoad.perSymbol(perSymbolOthers, reason);
        }
        long[] rows = { 0 };
        Map<String, String> malformed = new HashMap<>();
        BulkUnits.Outcome outcome = BulkUnits.run(plan.days(), context.deadline(), marketData.bulk().concurrency(),
                day -> bulkClient.fetch(BulkRequest.of(EOD_BULK, "date", day), calls,
                        body -> read(body, plan.inBulk())),
                (day, bulk) -> {
                    List<Object[]> staged = new ArrayList<>();
                    for (EodPrice price : bulk.prices()) {
                        if (!price.date().isBefore(plan.inBulk().get(price.symbol()))) {
                            staged.addAll(PriceEtl.rows(price.symbol(), List.of(price)));
                        }
                    }
                    prices.stage(staged);
                    rows[0] += staged.size();
                    bulk.malformed().forEach((symbol, why) -> malformed.putIfAbsent(symbol, why + " (" + day + ")"));
                });
        if (outcome.refused() != null) {
            access.refused(outcome.refused());
            if (outcome.done().isEmpty()) {
                List<String> all = new ArrayList<>(perSymbolOthers);
                all.addAll(plan.inBulk().keySet());
                return new BulkLoad(Strategy.PER_SYMBOL, reason + "; refused by the plan, so per symbol: "
                        + outcome.refused().getMessage(), all, List.of(), List.of(), 0, List.of(), 0);
            }
        }
        if (!plan.continued()) {
            List<Object[]> splitRows = new ArrayList<>();
            plan.inBulk().keySet().forEach(symbol -> splitRows.addAll(SplitRows.rows(symbol,
                    plan.calendar().bySymbol().getOrDefault(symbol, List.of()), context.asOf())));
            splits.stage(splitRows);
        }
        // Days that failed (after retries) or were refused midway are left, as the deadline's are: the
        // run's next invocation loads them; a symbol with a gap in the middle is never merged as complete.
        List<String> left = new ArrayList<>(outcome.left());
        left.addAll(outcome.failed().keySet());
        plan.days().stream().filter(day -> outcome.refused() != null && !outcome.done().contains(day)
                && !left.contains(day)).forEach(left::add);
        left.sort(String::compareTo);
        List<SymbolFailure> failures = new ArrayList<>();
        malformed.forEach((symbol, why) -> failures.add(new SymbolFailure(symbol, why)));
        if (!left.isEmpty()) {
            plan.inBulk().keySet().stream().filter(symbol -> !malformed.containsKey(symbol))
                    .forEach(symbol -> failures.add(new SymbolFailure(symbol, SymbolFailure.NOT_STARTED)));
        }
        List<String> loaded = left.isEmpty() ? plan.inBulk().keySet().stream()
                .filter(symbol -> !malformed.containsKey(symbol)).toList() : List.of();
        return new BulkLoad(Strategy.BULK, reason, perSymbolOthers, loaded, failures, rows[0], left,
                outcome.done().size());
    }

    private static EodBulk read(InputStream body, Map<String, LocalDate> wanted) throws IOException {
        return EodBulk.read(body, wanted::containsKey);
    }
}
