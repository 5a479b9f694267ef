package org.marketetl.load;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.marketetl.marketdata.ApiCallCounter;
import org.marketetl.marketdata.BulkCsvClient;
import org.marketetl.marketdata.BulkRequest;
import org.marketetl.marketdata.EodBulk;
import org.marketetl.marketdata.EodPrice;
import org.marketetl.marketdata.PlanRefusedException;
import org.marketetl.marketdata.Redactor;
import org.marketetl.report.SymbolFailure;
import org.marketetl.warehouse.StagedTable;

import io.quarkus.logging.Log;

/**
 * The recent trading days of many symbols through {@code eod-bulk}: one request per weekday
 * from the earliest day any of them lacks up to the business date. Each day's CSV is read as a
 * stream and kept to these symbols ({@link EodBulk}); their rows are staged only when every day has
 * been read. A symbol the bulk files do not list (FMP lists only what traded) is not covered and
 * goes per symbol; if the plan refuses bulk requests (remembered, see {@link BulkAccess}), or one
 * fails, no symbol is covered.
 */
final class BulkDays {

    /** Bulk is for catching up a few days; a longer gap is cheaper per symbol. */
    static final int MAX_CALENDAR_DAYS = 7;

    private final BulkCsvClient client;
    private final BulkAccess access;
    private final Map<String, LocalDate> firstMissing;
    private final List<LocalDate> days;

    private BulkDays(BulkCsvClient client, BulkAccess access, Map<String, LocalDate> firstMissing,
            List<LocalDate> days) {
        this.client = client;
        this.access = access;
        this.firstMissing = firstMissing;
        this.days = days;
    }

    /** Bulk days for {@code firstMissing} (symbol -> first day it lacks), up to {@code asOf}. */
    static BulkDays of(BulkCsvClient client, BulkAccess access, Map<String, LocalDate> firstMissing, LocalDate asOf) {
        LocalDate from = firstMissing.values().stream().min(LocalDate::compareTo).orElse(asOf.plusDays(1));
        return new BulkDays(client, access, firstMissing,
                from.datesUntil(asOf.plusDays(1)).filter(BulkDays::isWeekday).toList());
    }

    /** No bulk: every symbol goes per symbol. */
    static BulkDays none() {
        return new BulkDays(null, null, Map.of(), List.of());
    }

    int requests() {
        return days.size();
    }

    /** Fetches the days and stages the rows of our symbols, each from its first missing day. */
    Result load(ApiCallCounter calls, StagedTable.Load load) {
        if (firstMissing.isEmpty()) {
            return new Result(Set.of(), 0, List.of());
        }
        List<Object[]> rows = new ArrayList<>();
        List<SymbolFailure> failures = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (LocalDate day : days) {
            EodBulk bulk;
            try {
                bulk = client.fetch(BulkRequest.of(PriceHistory.EOD_BULK, "date", day), calls,
                        body -> EodBulk.read(body, firstMissing::containsKey));
            } catch (PlanRefusedException e) {
                access.refused(e);
                return new Result(Set.of(), 0, List.of());
            } catch (RuntimeException e) {
                Log.warnf("eod-bulk for %s failed, fetching %d symbols one by one: %s", day, firstMissing.size(),
                        Redactor.redact(e.getMessage()));
                return new Result(Set.of(), 0, List.of());
            }
            for (EodPrice price : bulk.prices()) {
                LocalDate first = firstMissing.get(price.symbol());
                if (first != null) {
                    listed.add(price.symbol());
                    if (!price.date().isBefore(first)) {
                        rows.addAll(PriceEtl.rows(price.symbol(), List.of(price)));
                    }
                }
            }
            bulk.malformed().forEach((symbol, reason) -> {
                if (firstMissing.containsKey(symbol)) {
                    listed.add(symbol);
                    failures.add(new SymbolFailure(symbol, reason + " (" + day + ")"));
                }
            });
        }
        load.stage(rows);
        return new Result(listed, rows.size(), failures);
    }

    private static boolean isWeekday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * @param covered  symbols the bulk days listed (none if bulk was not used or failed)
     * @param rows     rows staged
     * @param failures symbols whose bulk rows could not be read
     */
    record Result(Set<String> covered, long rows, List<SymbolFailure> failures) {
    }
}
