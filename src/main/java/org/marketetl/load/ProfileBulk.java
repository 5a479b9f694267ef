package org.marketetl.load;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.config.MarketDataConfig;
import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.BulkCsvClient;
import org.marketetl.marketdata.BulkRequest;
import org.marketetl.marketdata.CompanyProfile;
import org.marketetl.marketdata.CsvRows;
import org.marketetl.report.SymbolFailure;
import org.marketetl.run.RunContext;
import org.marketetl.warehouse.StagedTable;

/**
 * Company profiles in bulk: {@code profile-bulk?part=N}, the whole market's profiles in a few parts
 * (FMP: 0 to 3, some 30 MB each), as CSV with the JSON profile's 36 keys. Each part is a unit, read
 * whole and kept to the run's symbols before it is staged, into STG_COMPANY as the per-symbol
 * profiles are (each row made into the same DTO, then the same staging row). Parts are asked
 * {@code bulk.profile-parts} at a time, and one more while the last one still had rows. A due symbol
 * no part lists has no profile at FMP, as a per-symbol request would have found.
 */
@ApplicationScoped
class ProfileBulk {

    static final String ENDPOINT = "profile-bulk";
    private static final String PART = "part-";

    private final BulkCsvClient client;
    private final BulkAccess access;
    private final MarketDataConfig config;
    private final FetchLog fetchLog;

    ProfileBulk(BulkCsvClient client, BulkAccess access, MarketDataConfig config, FetchLog fetchLog) {
        this.client = client;
        this.access = access;
        this.config = config;
        this.fetchLog = fetchLog;
    }

    /** Per symbol, or in bulk: whichever costs less, if the plan has {@code profile-bulk}. */
    Strategy choose(RunContext context, List<String> due) {
        if (!context.bulkUnitsLeft().isEmpty()) {
            return new Strategy(true, "going on with the " + context.bulkUnitsLeft().size()
                    + " profile parts an earlier invocation of the run left");
        }
        if (due.isEmpty()) {
            return Strategy.perSymbol("no profiles due");
        }
        Optional<String> unavailable = access.unavailable(ENDPOINT);
        if (unavailable.isPresent()) {
            return Strategy.perSymbol(unavailable.get());
        }
        return byCost(due.size(), config.bulk().profileParts(), config.bulk().bytesPerCall());
    }

    /** Profiles of {@code symbols} per symbol, or {@code parts} of profile-bulk: the cheaper. */
    static Strategy byCost(long symbols, int parts, long bytesPerCall) {
        return Strategy.cheaper("a profile per symbol", new FetchCost(symbols, symbols * MarketSize.PROFILE_JSON_BYTES),
                parts + " profile-bulk parts", new FetchCost(parts, parts * MarketSize.PROFILE_PART_BYTES), bytesPerCall);
    }

    /** Loads the due profiles in bulk into STG_COMPANY. */
    BulkLoad load(RunContext context, List<String> due, Strategy strategy, ApiCallCounter calls, StagedTable.Load load)
            throws SQLException {
        Set<String> wanted = new HashSet<>(due);
        Set<String> staged = new HashSet<>();
        Map<String, String> malformed = new HashMap<>();
        List<String> done = new ArrayList<>();
        List<String> left = new ArrayList<>();
        Map<String, String> failed = new HashMap<>();
        long[] rows = { 0 };
        BulkUnits.Sink<PartRows> sink = (unit, part) -> {
            List<Object[]> fresh = new ArrayList<>();
            part.rows().forEach((symbol, row) -> {
                if (staged.add(symbol)) {
                    fresh.addAll(row);
                }
            });
            load.stage(fresh);
            rows[0] += fresh.size();
            part.malformed().forEach(malformed::putIfAbsent);
        };
        List<String> units = context.bulkUnitsLeft().isEmpty()
                ? IntStream.range(0, config.bulk().profileParts()).mapToObj(n -> PART + n).toList()
                : context.bulkUnitsLeft();
        Map<String, PartRows> lastParts = new HashMap<>();
        BulkUnits.Outcome outcome = run(context, units, wanted, calls, sink, lastParts);
        accumulate(outcome, done, left, failed);
        // More parts while the last one asked still had rows (FMP may add parts as the market grows).
        while (outcome.refused() == null && outcome.left().isEmpty() && lastParts.containsKey(last(units)) && lastParts.get(last(units)).marketRows() > 0) {
            units = List.of(PART + (number(last(units)) + 1));
            outcome = run(context, units, wanted, calls, sink, lastParts);
            accumulate(outcome, done, left, failed);
        }
        if (outcome.refused() != null) {
            access.refused(outcome.refused());
        }
        return result(context, due, strategy, staged, malformed, rows[0], done, left, failed, outcome);
    }

    private BulkUnits.Outcome run(RunContext context, List<String> units, Set<String> wanted, ApiCallCounter calls,
            BulkUnits.Sink<PartRows> sink, Map<String, PartRows> seen) throws SQLException {
        return BulkUnits.run(units, context.deadline(), config.bulk().concurrency(), unit -> {
            PartRows part = client.fetch(BulkRequest.of(ENDPOINT, "part", number(unit)), calls,
                    body -> rows(body, wanted));
            synchronized (seen) {
                seen.put(unit, new PartRows(Map.of(), Map.of(), part.marketRows()));
            }
            return part;
        }, sink);
    }

    private static void accumulate(BulkUnits.Outcome outcome, List<String> done, List<String> left,
            Map<String, String> failed) {
        done.addAll(outcome.done());
        left.addAll(outcome.left());
        failed.putAll(outcome.failed());
    }

    private BulkLoad result(RunContext context, List<String> due, Strategy strategy, Set<String> staged,
            Map<String, String> malformed, long rows, List<String> done, List<String> left, Map<String, String> failed,
            BulkUnits.Outcome last) {
        List<SymbolFailure> failures = new ArrayList<>();
        malformed.forEach((symbol, reason) -> failures.add(new SymbolFailure(symbol, reason)));
        if (last.refused() != null) {
            List<String> perSymbol = due.stream().filter(symbol -> !staged.contains(symbol)
                    && !malformed.containsKey(symbol)).toList();
            return new BulkLoad(Strategy.BULK + ", " + Strategy.PER_SYMBOL, strategy.reason()
                    + "; refused by the plan, so per symbol: " + last.refused().getMessage(), perSymbol,
                    loaded(due, staged, malformed), failures, rows, List.of(), done.size());
        }
        if (left.isEmpty()) {
            // A symbol no part listed (nor an earlier invocation of this run) has no profile at FMP.
            Set<String> earlier = context.bulkUnitsLeft().isEmpty() ? Set.of() : fetchedSince(context.runStartedAt());
            String why = failed.isEmpty() ? "FMP has no profile for this symbol (not in profile-bulk)"
                    : "not in the profile-bulk parts read; " + failed.keySet().iterator().next() + " failed: "
                            + failed.values().iterator().next();
            due.stream().filter(symbol -> !staged.contains(symbol) && !malformed.containsKey(symbol)
                    && !earlier.contains(symbol)).forEach(symbol -> failures.add(new SymbolFailure(symbol, why)));
        }
        return new BulkLoad(Strategy.BULK, strategy.reason(), List.of(), loaded(due, staged, malformed), failures, rows,
                left, done.size());
    }

    private static List<String> loaded(List<String> due, Set<String> staged, Map<String, String> malformed) {
        return due.stream().filter(symbol -> staged.contains(symbol) && !malformed.containsKey(symbol)).toList();
    }

    private Set<String> fetchedSince(Instant since) {
        Set<String> fetched = new HashSet<>();
        fetchLog.lastFetched(FetchLog.PROFILE).forEach((symbol, at) -> {
            if (!at.isBefore(since)) {
                fetched.add(symbol);
            }
        });
        return fetched;
    }

    /** One part, kept to the wanted symbols: their staging rows, their unreadable rows, and all rows seen. */
    private static PartRows rows(InputStream body, Set<String> wanted) throws IOException {
        Map<String, List<Object[]>> rows = new HashMap<>();
        Map<String, String> malformed = new HashMap<>();
        long seen = 0;
        try (CsvRows csv = CsvRows.of(body)) {
            while (csv.next()) {
                seen++;
                String symbol = csv.get("symbol");
                if (symbol == null || !wanted.contains(symbol) || rows.containsKey(symbol)) {
                    continue;
                }
                try {
                    rows.put(symbol, CompanyEtl.rows(symbol, List.of(csv.as(CompanyProfile.class))));
                } catch (IllegalArgumentException | MalformedDataException e) {
                    malformed.putIfAbsent(symbol, "profile-bulk row unreadable: " + e.getMessage());
                }
            }
        }
        return new PartRows(rows, malformed, seen);
    }

    private static String last(List<String> units) {
        return units.get(units.size() - 1);
    }

    private static int number(String unit) {
        return Integer.parseInt(unit.substring(PART.length()));
    }

    /** A part's rows of the wanted symbols, the symbols whose rows could not be read, and all its rows. */
    private record PartRows(Map<String, List<Object[]>> rows, Map<String, String> malformed, long marketRows) {
    }
}
