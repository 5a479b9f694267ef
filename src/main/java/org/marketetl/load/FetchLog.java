package org.marketetl.load;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import jakarta.enterprise.context.ApplicationScoped;

import org.marketetl.report.Step;
import org.marketetl.run.RunContext;
import org.marketetl.warehouse.SqlResource;
import org.marketetl.warehouse.Warehouse;
import org.marketetl.warehouse.WarehouseSession;

/**
 * When each symbol's data set was last fetched (table MARKET_DATA_FETCH): the memory that lets an
 * incremental run skip profiles fetched recently and statements not yet due, and delisted symbols
 * whose data is final (data set {@code final-<step>}: fetched by a run whose business date was on
 * or after the delisting).
 */
@ApplicationScoped
public class FetchLog {

    static final String PROFILE = "profile";
    static final String STATEMENTS = "statements";
    /** A symbol's whole dividend history ({@code dividends?symbol=}); after it, the calendar keeps it current. */
    static final String DIVIDENDS = "dividends";
    /** Prefix of the data sets that mark a delisted symbol's data as final, per step: {@code final-price}. */
    public static final String FINAL = "final-";
    private static final List<String> COLUMNS = List.of("SYMBOL", "DATASET", "FETCHED_AT");

    private final Warehouse warehouse;

    public FetchLog(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The last fetch per symbol of {@code dataset}; symbols never fetched are absent. */
    Map<String, Instant> lastFetched(String dataset) {
        Map<String, Instant> last = new HashMap<>();
        warehouse.withSession(session -> session.query(SqlResource.load(FetchLog.class, "fetch-log-latest.sql"),
                row -> Map.entry(row.getString(1), row.getTimestamp(2, utc()).toInstant()), dataset))
                .forEach(entry -> last.put(entry.getKey(), entry.getValue()));
        return last;
    }

    /** Timestamps are stored as UTC wall time; read them back as such, whatever the JVM's zone. */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    /**
     * Records, for the delisted ones among {@code fetched}, that the step has loaded their data after
     * their delisting: an incremental run will not ask for it again. Sends nothing when there are none.
     */
    void recordFinal(WarehouseSession session, Step step, List<String> fetched, RunContext context, Instant when)
            throws SQLException {
        List<String> settled = fetched.stream().filter(symbol -> {
            LocalDate delisted = context.delistedOn().get(symbol);
            return delisted != null && !context.asOf().isBefore(delisted);
        }).toList();
        if (!settled.isEmpty()) {
            record(session, FINAL + step.id(), settled, when);
        }
    }

    /** Records that {@code symbols} were fetched at {@code when}, in the caller's transaction. */
    void record(WarehouseSession session, String dataset, List<String> symbols, Instant when) throws SQLException {
        session.insertBatches("MARKET_DATA_FETCH", COLUMNS,
                symbols.stream().map(symbol -> new Object[] { symbol, dataset, when }).toList());
    }
}
